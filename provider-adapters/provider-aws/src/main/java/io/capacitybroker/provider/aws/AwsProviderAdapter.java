package io.capacitybroker.provider.aws;

import io.capacitybroker.domain.CapacitySignal;
import io.capacitybroker.domain.InstanceShape;
import io.capacitybroker.domain.Market;
import io.capacitybroker.domain.Money;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.OfferKey;
import io.capacitybroker.domain.PriceQuote;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import io.capacitybroker.provider.spi.Capabilities;
import io.capacitybroker.provider.spi.Capability;
import io.capacitybroker.provider.spi.OfferFilter;
import io.capacitybroker.provider.spi.OwnedMachine;
import io.capacitybroker.provider.spi.ProviderAdapter;
import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.ProviderNode;
import io.capacitybroker.provider.spi.ReleaseOutcome;
import io.capacitybroker.provider.spi.RentRequest;
import io.capacitybroker.provider.spi.RequestPacer;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GetSpotPlacementScoresRequest;
import software.amazon.awssdk.services.ec2.model.GetSpotPlacementScoresResponse;
import software.amazon.awssdk.services.ec2.model.GpuDeviceInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.LocationType;
import software.amazon.awssdk.services.ec2.model.SpotPlacementScore;
import software.amazon.awssdk.services.ec2.model.SpotPrice;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.pricing.model.FilterType;
import software.amazon.awssdk.services.pricing.model.GetProductsRequest;
import software.amazon.awssdk.services.pricing.model.GetProductsResponse;

/**
 * The READ side of AWS on the AWS SDK for Java v2: regions (DescribeRegions), instance shapes
 * (DescribeInstanceTypes, DescribeInstanceTypeOfferings), zonal spot prices (DescribeSpotPriceHistory),
 * regional on-demand list prices (Price List GetProducts), spot placement scores (GetSpotPlacementScores)
 * and, when configured, interruption rates from the Spot Instance Advisor data. Every request (every page)
 * goes through the client-side rate limiter and the SPI's {@link RetryPolicy}; the SDK's own retries are
 * off. Renting and releasing arrive with the fleet actuation issue.
 *
 * <p>Thread-safe. Close it to release the HTTP connection pool.
 */
public final class AwsProviderAdapter implements ProviderAdapter, AutoCloseable {

    public static final String SOURCE_SPOT = "aws:DescribeSpotPriceHistory";
    public static final String SOURCE_ON_DEMAND = "aws:pricing:GetProducts";
    public static final String SOURCE_PLACEMENT_SCORE = "aws:GetSpotPlacementScores";
    public static final String SOURCE_SPOT_ADVISOR = "aws:spot-advisor";
    static final String ACTUATION_LATER = "actuation arrives with the fleet actuation issue";
    static final String SPOT_PRODUCT = "Linux/UNIX";

    private static final Logger LOG = LoggerFactory.getLogger(AwsProviderAdapter.class);
    private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);
    private static final Duration ADVISOR_TTL = Duration.ofHours(1);
    /** Instance type specifications do not change; re-read them daily to pick up corrections. */
    static final Duration SHAPE_TTL = Duration.ofHours(24);
    private static final int SPOT_PAGE = 1000;
    private static final int TYPES_PAGE = 100;
    private static final int OFFERINGS_PAGE = 1000;
    private static final int PRICING_PAGE = 100;
    private static final int SPS_REGIONS_PER_CALL = 10;

    private final AwsAdapterConfig config;
    private final Clock clock;
    private final RetryPolicy retry;
    private final AwsErrorMapper errors;
    private final Map<String, RequestPacer> limiters = new ConcurrentHashMap<>();
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Map<String, Ec2Client> ec2Clients = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> zoneIdToName = new ConcurrentHashMap<>();
    private final Map<String, CachedType> shapeCache = new ConcurrentHashMap<>();
    private final SpotAdvisor spotAdvisor;
    private volatile PricingClient pricingClient;
    private volatile SpotAdvisor.Data advisorCache;
    private volatile Instant advisorFetchedAt;
    private final Capabilities capabilities;

    /** Production: system UTC clock, real backoff sleeping. */
    public AwsProviderAdapter(AwsAdapterConfig config) {
        this(config, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    /** With an injected clock (fetchedAt, spot startTime) and backoff sleeper (no-op in tests). */
    public AwsProviderAdapter(AwsAdapterConfig config, Clock clock, RetryPolicy.Sleeper sleeper) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retry = new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff(),
                Objects.requireNonNull(sleeper, "sleeper"));
        this.errors = new AwsErrorMapper(clock);
        this.http = ApacheHttpClient.builder()
                .connectionTimeout(config.connectTimeout())
                .socketTimeout(config.requestTimeout())
                .maxConnections(Math.max(8, config.regionParallelism() * 3))
                .build();
        this.credentials = credentialsProvider(config);
        this.spotAdvisor = config.spotAdvisorUrl() == null ? null
                : new SpotAdvisor(config.spotAdvisorUrl(), config.connectTimeout(), config.requestTimeout());
        Capabilities caps = Capabilities.all()
                .without(Capability.RENT_SPOT, ACTUATION_LATER)
                .without(Capability.RENT_ON_DEMAND, ACTUATION_LATER)
                .without(Capability.RELEASE, ACTUATION_LATER)
                .without(Capability.LIST_NODES, ACTUATION_LATER)
                .without(Capability.LIST_OWNED, "AWS capacity is rented, the broker owns no machines there");
        if (spotAdvisor == null) {
            caps = caps.without(Capability.INTERRUPTION_RATES, "no Spot Instance Advisor URL is configured (spotAdvisorUrl)");
        }
        this.capabilities = caps;
    }

    private static AwsCredentialsProvider credentialsProvider(AwsAdapterConfig config) {
        AwsAdapterConfig.StaticCredentials c = config.credentials();
        if (c == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(c.sessionToken() == null
                ? AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())
                : AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    }

    @Override
    public ProviderId provider() {
        return ProviderId.AWS;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    // ------------------------------------------------------------------ regions

    @Override
    public List<Region> regions() {
        return guarded("DescribeRegions", () -> enabledRegions().stream().map(AwsRegionInfo::region).toList());
    }

    /** The configured regions that DescribeRegions reports as enabled for the account (all enabled when no allow-list). */
    private List<String> enabledRegions() {
        List<String> enabled = call("ec2:" + config.homeRegion(), "DescribeRegions", () -> ec2(config.homeRegion()).describeRegions()
                .regions().stream().map(r -> r.regionName()).sorted().toList());
        if (config.regions().isEmpty()) {
            return enabled;
        }
        Set<String> available = new HashSet<>(enabled);
        List<String> out = new ArrayList<>();
        for (String r : config.regions()) {
            if (available.contains(r)) {
                out.add(r);
            } else {
                LOG.warn("configured AWS region {} is not enabled for this account (DescribeRegions); skipped", r);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ offers

    @Override
    public List<Offer> listOffers(OfferFilter filter) {
        OfferFilter f = filter == null ? OfferFilter.all() : filter;
        return guarded("listOffers", () -> {
            Instant now = clock.instant();
            List<String> regions = enabledRegions().stream()
                    .filter(r -> f.regions().isEmpty() || f.regions().contains(r)).toList();
            if (regions.isEmpty()) {
                return List.of();
            }
            boolean wantSpot = f.markets().isEmpty() || f.markets().contains(Market.SPOT);
            SpotAdvisor.Data advisor = wantSpot ? advisorSoftly(now) : null;
            List<Offer> all = new ArrayList<>();
            for (List<Offer> part : forEachRegion(regions, region -> readRegion(region, f, now, advisor))) {
                all.addAll(part);
            }
            all.sort(Comparator.comparing(o -> o.key().id()));
            return List.copyOf(all);
        });
    }

    private List<Offer> readRegion(String region, OfferFilter f, Instant now, SpotAdvisor.Data advisor) {
        long started = System.nanoTime();
        Map<String, Set<String>> offeredIn = typeOfferings(region, f.instanceTypes());
        Map<String, TypeInfo> types = instanceTypes(region, offeredIn.keySet(), now);
        List<Offer> offers = new ArrayList<>();
        int skipped = 0;
        if (f.markets().isEmpty() || f.markets().contains(Market.SPOT)) {
            for (SpotPrice p : spotPrices(region, f.instanceTypes(), now)) {
                String type = p.instanceTypeAsString();
                TypeInfo info = types.get(type);
                Set<String> zones = offeredIn.get(type);
                if (info == null || !info.spot() || zones == null || !zones.contains(p.availabilityZone())
                        || !f.matches(region, Market.SPOT, type)) {
                    skipped++;
                    continue;
                }
                Double rate = advisor == null ? null : advisor.rate(region, type);
                offers.add(new Offer(new OfferKey(ProviderId.AWS, region, p.availabilityZone(), type, Market.SPOT),
                        info.shape(), new PriceQuote(Money.usd(new BigDecimal(p.spotPrice().trim()).stripTrailingZeros()),
                        p.timestamp() == null ? now : p.timestamp(), now, SOURCE_SPOT), null, rate));
            }
        }
        if (f.markets().isEmpty() || f.markets().contains(Market.ON_DEMAND)) {
            for (PriceListParser.OnDemandPrice p : onDemandPrices(region, f.instanceTypes())) {
                TypeInfo info = types.get(p.instanceType());
                if (info == null || !info.onDemand() || !offeredIn.containsKey(p.instanceType())
                        || !f.matches(region, Market.ON_DEMAND, p.instanceType()) || p.usdPerHour().signum() <= 0) {
                    skipped++;
                    continue;
                }
                offers.add(new Offer(new OfferKey(ProviderId.AWS, region, null, p.instanceType(), Market.ON_DEMAND),
                        info.shape(), new PriceQuote(Money.usd(p.usdPerHour()),
                        p.effectiveDate() == null ? now : p.effectiveDate(), now, SOURCE_ON_DEMAND), null, 0.0));
            }
        }
        LOG.debug("aws {}: {} offers, {} rows skipped (unknown/unoffered type, zero price) in {} ms", region,
                offers.size(), skipped, (System.nanoTime() - started) / 1_000_000);
        return offers;
    }

    record TypeInfo(InstanceShape shape, boolean spot, boolean onDemand) {
    }

    /**
     * Shapes of the given instance types: from the shape cache (specifications of a type are the same in
     * every region, so a type is described once per {@link #SHAPE_TTL}), the rest from DescribeInstanceTypes
     * in batches of 100 names, every page: vCPU, memory (MiB → GiB), GPUs, architecture, usage classes.
     */
    Map<String, TypeInfo> instanceTypes(String region, Set<String> wanted, Instant now) {
        Map<String, TypeInfo> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String type : wanted) {
            CachedType c = shapeCache.get(type);
            if (c != null && Duration.between(c.fetchedAt(), now).compareTo(SHAPE_TTL) < 0) {
                if (c.info() != null) {
                    out.put(type, c.info());
                }
            } else {
                missing.add(type);
            }
        }
        Collections.sort(missing);
        for (int i = 0; i < missing.size(); i += TYPES_PAGE) {
            List<String> batch = missing.subList(i, Math.min(missing.size(), i + TYPES_PAGE));
            Set<String> described = new HashSet<>();
            String token = null;
            do {
                DescribeInstanceTypesRequest request = DescribeInstanceTypesRequest.builder()
                        .instanceTypesWithStrings(batch).nextToken(token).build();
                DescribeInstanceTypesResponse page = call("ec2:" + region, "DescribeInstanceTypes",
                        () -> ec2(region).describeInstanceTypes(request));
                for (InstanceTypeInfo t : page.instanceTypes()) {
                    InstanceShape shape = shape(t);
                    String name = t.instanceTypeAsString();
                    TypeInfo info = null;
                    if (shape != null) {
                        List<String> classes = t.supportedUsageClassesAsStrings();
                        info = new TypeInfo(shape, classes.contains("spot"), classes.contains("on-demand"));
                        out.put(name, info);
                    }
                    if (name != null) {
                        described.add(name);
                        shapeCache.put(name, new CachedType(info, now));
                    }
                }
                token = blankToNull(page.nextToken());
            } while (token != null);
            for (String type : batch) {
                if (!described.contains(type)) {
                    shapeCache.put(type, new CachedType(null, now)); // offered but not described: no shape
                }
            }
        }
        return out;
    }

    private record CachedType(TypeInfo info, Instant fetchedAt) {
    }

    static InstanceShape shape(InstanceTypeInfo t) {
        String type = t.instanceTypeAsString();
        Integer vcpus = t.vCpuInfo() == null ? null : t.vCpuInfo().defaultVCpus();
        Long mib = t.memoryInfo() == null ? null : t.memoryInfo().sizeInMiB();
        if (type == null || vcpus == null || vcpus <= 0 || mib == null || mib <= 0) {
            return null;
        }
        int gpus = 0;
        if (t.gpuInfo() != null) {
            for (GpuDeviceInfo g : t.gpuInfo().gpus()) {
                gpus += g.count() == null ? 0 : g.count();
            }
        }
        List<String> archs = t.processorInfo() == null ? List.of() : t.processorInfo().supportedArchitecturesAsStrings();
        String arch = archs.stream().anyMatch(a -> a.startsWith("x86_64") || a.equals("i386")) ? "amd64"
                : archs.stream().anyMatch(a -> a.startsWith("arm64")) ? "arm64" : null;
        return new InstanceShape(type, BigDecimal.valueOf(vcpus),
                BigDecimal.valueOf(mib).divide(MIB_PER_GIB).stripTrailingZeros(), gpus, arch);
    }

    /** DescribeInstanceTypeOfferings by availability zone, every page: instance type → AZ names. */
    Map<String, Set<String>> typeOfferings(String region, Set<String> only) {
        Map<String, Set<String>> out = new HashMap<>();
        String token = null;
        do {
            DescribeInstanceTypeOfferingsRequest.Builder req = DescribeInstanceTypeOfferingsRequest.builder()
                    .locationType(LocationType.AVAILABILITY_ZONE).maxResults(OFFERINGS_PAGE).nextToken(token);
            if (!only.isEmpty()) {
                req.filters(Filter.builder().name("instance-type").values(only).build());
            }
            DescribeInstanceTypeOfferingsRequest request = req.build();
            DescribeInstanceTypeOfferingsResponse page = call("ec2:" + region, "DescribeInstanceTypeOfferings",
                    () -> ec2(region).describeInstanceTypeOfferings(request));
            for (InstanceTypeOffering o : page.instanceTypeOfferings()) {
                out.computeIfAbsent(o.instanceTypeAsString(), k -> new HashSet<>()).add(o.location());
            }
            token = blankToNull(page.nextToken());
        } while (token != null);
        return out;
    }

    /**
     * DescribeSpotPriceHistory with startTime = now (AWS then returns the price in force at that time per
     * AZ and type), Linux/UNIX, every page; the newest row per (AZ, type) wins.
     */
    List<SpotPrice> spotPrices(String region, Set<String> only, Instant now) {
        Map<String, SpotPrice> latest = new HashMap<>();
        String token = null;
        do {
            DescribeSpotPriceHistoryRequest.Builder req = DescribeSpotPriceHistoryRequest.builder()
                    .startTime(now).productDescriptions(SPOT_PRODUCT).maxResults(SPOT_PAGE).nextToken(token);
            if (!only.isEmpty()) {
                req.filters(Filter.builder().name("instance-type").values(only).build());
            }
            DescribeSpotPriceHistoryRequest request = req.build();
            DescribeSpotPriceHistoryResponse page = call("ec2:" + region, "DescribeSpotPriceHistory",
                    () -> ec2(region).describeSpotPriceHistory(request));
            for (SpotPrice p : page.spotPriceHistory()) {
                String product = p.productDescriptionAsString();
                // moto and EC2-Classic-era accounts label VPC prices "Linux/UNIX (Amazon VPC)": same product
                if (product == null || !product.startsWith(SPOT_PRODUCT) || p.spotPrice() == null
                        || p.availabilityZone() == null || p.instanceTypeAsString() == null) {
                    continue;
                }
                latest.merge(p.availabilityZone() + '|' + p.instanceTypeAsString(), p,
                        (a, b) -> newer(b, a) ? b : a);
            }
            token = blankToNull(page.nextToken());
        } while (token != null);
        return List.copyOf(latest.values());
    }

    private static boolean newer(SpotPrice candidate, SpotPrice current) {
        if (candidate.timestamp() == null) {
            return false;
        }
        return current.timestamp() == null || candidate.timestamp().isAfter(current.timestamp());
    }

    /** Price List GetProducts for AmazonEC2 in {@code region}, shared-tenancy Linux without software, every page. */
    List<PriceListParser.OnDemandPrice> onDemandPrices(String region, Set<String> only) {
        List<software.amazon.awssdk.services.pricing.model.Filter> filters = new ArrayList<>(List.of(
                term("regionCode", region), term("operatingSystem", "Linux"), term("tenancy", "Shared"),
                term("preInstalledSw", "NA"), term("capacitystatus", "Used")));
        if (only.size() == 1) {
            filters.add(term("instanceType", only.iterator().next()));
        }
        Map<String, PriceListParser.OnDemandPrice> byType = new LinkedHashMap<>();
        String token = null;
        do {
            GetProductsRequest request = GetProductsRequest.builder().serviceCode("AmazonEC2").formatVersion("aws_v1")
                    .filters(filters).maxResults(PRICING_PAGE).nextToken(token).build();
            // fetch and parse in one attempt: a page whose items do not parse is fetched again
            PricingPage page = call("pricing", "GetProducts", () -> {
                GetProductsResponse response = pricing().getProducts(request);
                List<PriceListParser.OnDemandPrice> items = new ArrayList<>();
                for (String item : response.priceList()) {
                    PriceListParser.parse(item).ifPresent(items::add);
                }
                return new PricingPage(items, response.nextToken());
            });
            for (PriceListParser.OnDemandPrice p : page.items()) {
                if (!p.regionCode().isEmpty() && !p.regionCode().equals(region)) {
                    continue;
                }
                byType.merge(p.instanceType(), p, AwsProviderAdapter::preferred);
            }
            token = blankToNull(page.nextToken());
        } while (token != null);
        return List.copyOf(byType.values());
    }

    private record PricingPage(List<PriceListParser.OnDemandPrice> items, String nextToken) {
    }

    /** Of two products for one type, the plain "RunInstances" one, else the cheaper one. */
    private static PriceListParser.OnDemandPrice preferred(PriceListParser.OnDemandPrice a, PriceListParser.OnDemandPrice b) {
        boolean aPlain = "RunInstances".equals(a.operation());
        boolean bPlain = "RunInstances".equals(b.operation());
        if (aPlain != bPlain) {
            return aPlain ? a : b;
        }
        return b.usdPerHour().compareTo(a.usdPerHour()) < 0 ? b : a;
    }

    private static software.amazon.awssdk.services.pricing.model.Filter term(String field, String value) {
        return software.amazon.awssdk.services.pricing.model.Filter.builder().type(FilterType.TERM_MATCH)
                .field(field).value(value).build();
    }

    // ------------------------------------------------------------------ capacity signals

    @Override
    public List<CapacitySignal> capacitySignals(Collection<OfferKey> pools) {
        return guarded("capacitySignals", () -> {
            Instant now = clock.instant();
            Collection<OfferKey> asked = pools == null || pools.isEmpty()
                    ? listOffers(new OfferFilter(Set.of(), Set.of(Market.SPOT), Set.of())).stream().map(Offer::key).toList()
                    : pools;
            List<OfferKey> spot = new ArrayList<>();
            for (OfferKey k : asked) {
                if (!ProviderId.AWS.equals(k.provider())) {
                    throw new ProviderException.InvalidRequest("not an AWS pool: " + k.id());
                }
                if (k.market() == Market.SPOT) {
                    spot.add(k);
                }
            }
            if (spot.isEmpty()) {
                return List.of();
            }
            List<CapacitySignal> out = new ArrayList<>(placementScores(spot, now));
            if (spotAdvisor != null) {
                SpotAdvisor.Data advisor = advisor(now);
                for (OfferKey k : spot) {
                    Double rate = advisor.rate(k.region(), k.instanceType());
                    if (rate != null) {
                        out.add(new CapacitySignal(k, CapacitySignal.Kind.INTERRUPTION_RATE_PER_HOUR,
                                BigDecimal.valueOf(rate), advisor.observedAt(), now, SOURCE_SPOT_ADVISOR));
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    /**
     * One GetSpotPlacementScores query per instance type (a multi-type query scores the combination, not
     * each type), single-AZ scores, regions in batches, every page; AZ ids mapped to the account's AZ names.
     */
    private List<CapacitySignal> placementScores(List<OfferKey> spot, Instant now) {
        Map<String, Set<String>> regionsByType = new TreeMap<>();
        for (OfferKey k : spot) {
            if (k.zone() != null) {
                regionsByType.computeIfAbsent(k.instanceType(), t -> new LinkedHashSet<>()).add(k.region());
            }
        }
        if (regionsByType.size() > config.maxPlacementScoreCalls()) {
            LOG.warn("placement scores asked for {} instance types; only the first {} are queried (maxPlacementScoreCalls)",
                    regionsByType.size(), config.maxPlacementScoreCalls());
        }
        Map<String, Integer> scoreByRegionZoneType = new HashMap<>();
        int calls = 0;
        for (Map.Entry<String, Set<String>> e : regionsByType.entrySet()) {
            if (calls++ >= config.maxPlacementScoreCalls()) {
                break;
            }
            List<String> regions = List.copyOf(e.getValue());
            for (int i = 0; i < regions.size(); i += SPS_REGIONS_PER_CALL) {
                List<String> batch = regions.subList(i, Math.min(regions.size(), i + SPS_REGIONS_PER_CALL));
                String token = null;
                do {
                    GetSpotPlacementScoresRequest request = GetSpotPlacementScoresRequest.builder()
                            .instanceTypes(e.getKey()).targetCapacity(config.placementScoreCapacity())
                            .singleAvailabilityZone(true).regionNames(batch).nextToken(token).build();
                    GetSpotPlacementScoresResponse page = call("ec2:" + config.homeRegion(), "GetSpotPlacementScores",
                            () -> ec2(config.homeRegion()).getSpotPlacementScores(request));
                    for (SpotPlacementScore s : page.spotPlacementScores()) {
                        if (s.score() == null || s.region() == null || s.availabilityZoneId() == null) {
                            continue;
                        }
                        String zoneName = zoneNames(s.region()).get(s.availabilityZoneId());
                        if (zoneName != null) {
                            scoreByRegionZoneType.put(s.region() + '|' + zoneName + '|' + e.getKey(), s.score());
                        }
                    }
                    token = blankToNull(page.nextToken());
                } while (token != null);
            }
        }
        List<CapacitySignal> out = new ArrayList<>();
        for (OfferKey k : spot) {
            Integer score = k.zone() == null ? null : scoreByRegionZoneType.get(k.region() + '|' + k.zone() + '|' + k.instanceType());
            if (score != null) {
                out.add(new CapacitySignal(k, CapacitySignal.Kind.PLACEMENT_SCORE, BigDecimal.valueOf(score), now, now,
                        SOURCE_PLACEMENT_SCORE));
            }
        }
        return out;
    }

    /** AZ id → AZ name of one region (DescribeAvailabilityZones), cached: the mapping is fixed per account. */
    Map<String, String> zoneNames(String region) {
        Map<String, String> cached = zoneIdToName.get(region);
        if (cached != null) {
            return cached;
        }
        Map<String, String> map = new HashMap<>();
        for (AvailabilityZone az : call("ec2:" + region, "DescribeAvailabilityZones",
                () -> ec2(region).describeAvailabilityZones().availabilityZones())) {
            if (az.zoneId() != null && az.zoneName() != null) {
                map.put(az.zoneId(), az.zoneName());
            }
        }
        Map<String, String> frozen = Map.copyOf(map);
        zoneIdToName.put(region, frozen);
        return frozen;
    }

    private SpotAdvisor.Data advisor(Instant now) {
        SpotAdvisor.Data cached = advisorCache;
        Instant at = advisorFetchedAt;
        if (cached != null && at != null && Duration.between(at, now).compareTo(ADVISOR_TTL) < 0) {
            return cached;
        }
        SpotAdvisor.Data fresh = call("spot-advisor", "SpotAdvisorData", () -> spotAdvisor.fetch(errors, now));
        advisorCache = fresh;
        advisorFetchedAt = now;
        return fresh;
    }

    /** Interruption rates enrich offers; a failing advisor file must not fail the price listing. */
    private SpotAdvisor.Data advisorSoftly(Instant now) {
        if (spotAdvisor == null) {
            return null;
        }
        try {
            return advisor(now);
        } catch (ProviderException e) {
            LOG.warn("Spot Instance Advisor data unavailable, spot offers carry no interruption rate: {}", e.getMessage());
            return null;
        }
    }

    // ------------------------------------------------------------------ actuation (later issue)

    @Override
    public ProviderNode rent(RentRequest request) {
        capabilities.require(request != null && request.offer().market() == Market.SPOT
                ? Capability.RENT_SPOT : Capability.RENT_ON_DEMAND);
        throw new ProviderException.Unsupported("rent: " + ACTUATION_LATER);
    }

    @Override
    public ReleaseOutcome release(String nodeId) {
        capabilities.require(Capability.RELEASE);
        throw new ProviderException.Unsupported("release: " + ACTUATION_LATER);
    }

    @Override
    public List<ProviderNode> listNodes() {
        capabilities.require(Capability.LIST_NODES);
        throw new ProviderException.Unsupported("listNodes: " + ACTUATION_LATER);
    }

    @Override
    public List<OwnedMachine> listOwnedMachines() {
        capabilities.require(Capability.LIST_OWNED);
        throw new ProviderException.Unsupported("listOwnedMachines is not supported on AWS");
    }

    // ------------------------------------------------------------------ plumbing

    /** One vendor request: rate-limited per endpoint, SDK errors mapped, retried by the policy. */
    private <T> T call(String endpoint, String operation, Supplier<T> request) {
        RequestPacer limiter = limiters.computeIfAbsent(endpoint, k -> new RequestPacer(config.requestsPerSecond(), "AWS"));
        return retry.call(() -> {
            limiter.acquire();
            try {
                return request.get();
            } catch (RuntimeException e) {
                ProviderException mapped = errors.map(e, operation);
                LOG.debug("aws {} failed: {} ({})", operation, mapped.code(), mapped.getMessage());
                throw mapped;
            }
        });
    }

    /** Outer guard of a public method: nothing but a ProviderException leaves the adapter. */
    private <T> T guarded(String operation, Supplier<T> body) {
        try {
            return body.get();
        } catch (RuntimeException e) {
            throw errors.map(e, operation);
        }
    }

    private <T> List<T> forEachRegion(List<String> regions, java.util.function.Function<String, T> work) {
        if (regions.size() == 1 || config.regionParallelism() == 1) {
            return regions.stream().map(work).toList();
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(config.regionParallelism(), regions.size()), r -> {
            Thread t = new Thread(r, "aws-region-reader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (String region : regions) {
                futures.add(pool.submit(() -> work.apply(region)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> fu : futures) {
                out.add(fu.get());
            }
            return out;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException re ? re : new ProviderException.Unavailable("aws region read failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Unavailable("interrupted while reading AWS regions", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private Ec2Client ec2(String region) {
        return ec2Clients.computeIfAbsent(region, r -> {
            var b = Ec2Client.builder().region(software.amazon.awssdk.regions.Region.of(r)).httpClient(http)
                    .credentialsProvider(credentials).overrideConfiguration(this::noSdkRetries);
            if (config.ec2Endpoint() != null) {
                b.endpointOverride(config.ec2Endpoint());
            }
            return b.build();
        });
    }

    private PricingClient pricing() {
        PricingClient c = pricingClient;
        if (c == null) {
            synchronized (this) {
                c = pricingClient;
                if (c == null) {
                    var b = PricingClient.builder().region(software.amazon.awssdk.regions.Region.of(config.pricingRegion()))
                            .httpClient(http).credentialsProvider(credentials).overrideConfiguration(this::noSdkRetries);
                    if (config.pricingEndpoint() != null) {
                        b.endpointOverride(config.pricingEndpoint());
                    }
                    c = b.build();
                    pricingClient = c;
                }
            }
        }
        return c;
    }

    private void noSdkRetries(ClientOverrideConfiguration.Builder o) {
        o.retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallAttemptTimeout(config.requestTimeout())
                .apiCallTimeout(config.requestTimeout().plus(config.connectTimeout()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The configuration this adapter runs with (credentials redacted in its toString). */
    public AwsAdapterConfig config() {
        return config;
    }

    @Override
    public void close() {
        ec2Clients.values().forEach(Ec2Client::close);
        ec2Clients.clear();
        PricingClient p = pricingClient;
        if (p != null) {
            p.close();
        }
        http.close();
        if (credentials instanceof AutoCloseable ac) {
            try {
                ac.close();
            } catch (Exception ignored) {
                // nothing to do
            }
        }
    }

    @Override
    public String toString() {
        return "AwsProviderAdapter{" + config + '}';
    }

    Optional<SpotAdvisor.Data> cachedAdvisor() {
        return Optional.ofNullable(advisorCache);
    }
}
