package io.capacitybroker.provider.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.okhttp.OkHttpAsyncHttpClientBuilder;
import com.azure.core.http.policy.AddDatePolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.http.policy.ArmChallengeAuthenticationPolicy;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.resources.fluent.models.LocationInner;
import com.azure.resourcemanager.resources.models.RegionType;
import io.capacitybroker.domain.CapacitySignal;
import io.capacitybroker.domain.GeoLocation;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side of Microsoft Azure: regions from the subscription's locations, VM sizes from ARM resource SKUs,
 * Linux on-demand and Spot prices from the public Retail Prices API, and capacity signals from Resource Graph
 * (Spot eviction rates) and Spot Placement Scores. Renting, releasing and listing nodes come with the fleet
 * actuation issue and are unsupported here.
 */
public final class AzureProviderAdapter implements ProviderAdapter, AutoCloseable {

    /** Why renting, releasing and listing nodes are missing. */
    public static final String ACTUATION_LATER = "actuation arrives with the fleet actuation issue";
    /** Why owned machines are missing. */
    public static final String NO_OWNED = "Azure only rents nodes: the owned bare-metal baseline is not an Azure offering";

    private static final Logger log = LoggerFactory.getLogger(AzureProviderAdapter.class);
    private static final java.util.regex.Pattern ARM_NAME = java.util.regex.Pattern.compile("[a-z0-9]{2,64}");

    private final AzureConfig config;
    private final Clock clock;
    private final RetryPolicy retry;
    private final OkHttpClient okHttp;
    private final RetailPricesClient retail;
    private final TokenCredential explicitCredential;
    private final RetryPolicy.Sleeper sleeper;
    private final Capabilities capabilities;
    private volatile ArmClient arm;

    /** Production wiring: credentials from the Azure SDK's default chain, system clock, real sleeping. */
    public AzureProviderAdapter(AzureConfig config) {
        this(config, null, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    /**
     * Full wiring. {@code credential} null means the SDK's default chain ({@code DefaultAzureCredential});
     * it is only used when {@link AzureConfig#armAuthentication()} is true. {@code sleeper} waits for backoff and
     * pacing (tests pass a no-op).
     */
    public AzureProviderAdapter(AzureConfig config, TokenCredential credential, Clock clock,
                                RetryPolicy.Sleeper sleeper) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.explicitCredential = credential;
        this.retry = new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff(), sleeper);
        this.okHttp = new OkHttpClient.Builder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .callTimeout(config.callTimeout())
                .retryOnConnectionFailure(false)
                .build();
        HttpUrl base = HttpUrl.get(config.retailPricesBaseUrl().toString());
        this.retail = new RetailPricesClient(okHttp, base, config.retailPricesApiVersion(), retry,
                new RequestPacer(config.requestsPerSecond(), "Azure", sleeper, System::nanoTime), clock);
        Capabilities caps = Capabilities.all()
                .without(Capability.RENT_SPOT, ACTUATION_LATER)
                .without(Capability.RENT_ON_DEMAND, ACTUATION_LATER)
                .without(Capability.RELEASE, ACTUATION_LATER)
                .without(Capability.LIST_NODES, ACTUATION_LATER)
                .without(Capability.LIST_OWNED, NO_OWNED);
        if (!config.spotEvictionRates()) {
            caps = caps.without(Capability.INTERRUPTION_RATES, "Spot eviction rates are switched off (spotEvictionRates=false)");
        }
        if (!config.spotEvictionRates() && !config.spotPlacementScores()) {
            caps = caps.without(Capability.CAPACITY_SIGNALS,
                    "Spot eviction rates and placement scores are both switched off in the configuration");
        }
        this.capabilities = caps;
    }

    /** Production wiring from a config. */
    public static AzureProviderAdapter create(AzureConfig config) {
        return new AzureProviderAdapter(config);
    }

    public AzureConfig config() {
        return config;
    }

    @Override
    public ProviderId provider() {
        return ProviderId.AZURE;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    // ---------------------------------------------------------------- regions

    @Override
    public List<Region> regions() {
        List<LocationInner> locations = arm().locations();
        Map<String, LocationInner> byName = new HashMap<>();
        for (LocationInner l : locations) {
            if (l.name() != null) {
                byName.put(l.name().toLowerCase(Locale.ROOT), l);
            }
        }
        List<String> codes = config.regions().isEmpty() ? physical(locations) : config.regions();
        List<Region> out = new ArrayList<>();
        for (String code : codes) {
            LocationInner l = byName.get(code);
            out.add(l == null ? new Region(ProviderId.AZURE, code, code, null, null, null) : toRegion(code, l));
        }
        return out;
    }

    private static List<String> physical(List<LocationInner> locations) {
        return locations.stream()
                .filter(l -> l.name() != null && ARM_NAME.matcher(l.name()).matches())
                .filter(l -> l.metadata() == null || l.metadata().regionType() == null
                        || RegionType.PHYSICAL.equals(l.metadata().regionType()))
                .map(l -> l.name().toLowerCase(Locale.ROOT)).distinct().sorted().toList();
    }

    private static Region toRegion(String code, LocationInner l) {
        GeoLocation geo = null;
        if (l.metadata() != null && l.metadata().latitude() != null && l.metadata().longitude() != null) {
            try {
                geo = new GeoLocation(Double.parseDouble(l.metadata().latitude()),
                        Double.parseDouble(l.metadata().longitude()));
            } catch (IllegalArgumentException ignored) {
                geo = null;
            }
        }
        return new Region(ProviderId.AZURE, code, l.displayName(), null, geo, null);
    }

    private List<String> regionCodes(OfferFilter filter) {
        List<String> codes = config.regions().isEmpty() ? physical(arm().locations()) : config.regions();
        return codes.stream().filter(c -> filter.regions().isEmpty() || filter.regions().contains(c)).toList();
    }

    // ---------------------------------------------------------------- offers

    @Override
    public List<Offer> listOffers(OfferFilter filter) {
        OfferFilter f = filter == null ? OfferFilter.all() : filter;
        List<String> codes = regionCodes(f);
        Instant fetchedAt = clock.instant();
        if (codes.isEmpty()) {
            return List.of();
        }
        int threads = Math.min(config.regionParallelism(), codes.size());
        List<Offer> all = new ArrayList<>();
        if (threads <= 1) {
            for (String code : codes) {
                all.addAll(offersIn(code, f, fetchedAt));
            }
        } else {
            AtomicInteger n = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "azure-offers-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<List<Offer>>> futures = new ArrayList<>();
                for (String code : codes) {
                    futures.add(pool.submit(() -> offersIn(code, f, fetchedAt)));
                }
                for (Future<List<Offer>> fut : futures) {
                    all.addAll(fut.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException.Unavailable("interrupted while listing Azure offers", e);
            } catch (ExecutionException e) {
                throw AzureErrors.from(e.getCause(), "list Azure offers");
            } finally {
                pool.shutdownNow();
            }
        }
        all.sort(Comparator.comparing(o -> o.key().id()));
        return all;
    }

    /** The offers of one region: ARM sizes joined with the region's Retail Prices rows. */
    List<Offer> offersIn(String region, OfferFilter filter, Instant fetchedAt) {
        long t0 = System.nanoTime();
        Map<String, VmSize> sizes = new HashMap<>();
        for (VmSize s : arm().vmSizes(region)) {
            sizes.putIfAbsent(s.shape().instanceType().toLowerCase(Locale.ROOT), s);
        }
        Map<String, RetailPriceRow> best = new HashMap<>();
        Map<RetailPriceClassifier.Verdict, Integer> dropped = new java.util.EnumMap<>(RetailPriceClassifier.Verdict.class);
        long t1 = System.nanoTime();
        int pages = retail.forEachRow(region, row -> {
            RetailPriceClassifier.Verdict verdict = RetailPriceClassifier.classify(row);
            Market market = verdict == RetailPriceClassifier.Verdict.SPOT ? Market.SPOT
                    : verdict == RetailPriceClassifier.Verdict.ON_DEMAND ? Market.ON_DEMAND : null;
            if (market == null) {
                dropped.merge(verdict, 1, Integer::sum);
                return;
            }
            if (row.armRegionName() != null && !row.armRegionName().equalsIgnoreCase(region)) {
                return;
            }
            String key = row.armSkuName().toLowerCase(Locale.ROOT) + '|' + market.wireName();
            best.merge(key, row, AzureProviderAdapter::preferred);
        });
        long t2 = System.nanoTime();
        List<Offer> offers = new ArrayList<>();
        int noShape = 0;
        for (Map.Entry<String, RetailPriceRow> e : best.entrySet()) {
            String key = e.getKey();
            Market market = Market.fromWireName(key.substring(key.indexOf('|') + 1));
            VmSize size = sizes.get(key.substring(0, key.indexOf('|')));
            if (size == null || size.restricted()) {
                noShape++;
                continue;
            }
            InstanceShape shape = size.shape();
            if (!filter.matches(region, market, shape.instanceType())) {
                continue;
            }
            RetailPriceRow row = e.getValue();
            Instant observedAt = row.effectiveStartDate() == null ? fetchedAt : row.effectiveStartDate();
            PriceQuote quote = new PriceQuote(Money.usd(RetailPriceClassifier.usdPerHour(row)), observedAt, fetchedAt,
                    RetailPricesClient.SOURCE);
            offers.add(new Offer(new OfferKey(ProviderId.AZURE, region, null, shape.instanceType(), market), shape,
                    quote, null, null));
        }
        log.debug("azure {}: {} sizes in {} ms, {} price pages in {} ms, {} offers, {} priced sizes without a usable "
                + "shape, dropped rows {}", region, sizes.size(), (t1 - t0) / 1_000_000, pages, (t2 - t1) / 1_000_000,
                offers.size(), noShape, dropped);
        return offers;
    }

    /** Of two rows for one size and market: the primary meter region, then the newest, then the cheaper. */
    static RetailPriceRow preferred(RetailPriceRow a, RetailPriceRow b) {
        if (a.primaryMeterRegion() != b.primaryMeterRegion()) {
            return a.primaryMeterRegion() ? a : b;
        }
        Instant ia = a.effectiveStartDate() == null ? Instant.MIN : a.effectiveStartDate();
        Instant ib = b.effectiveStartDate() == null ? Instant.MIN : b.effectiveStartDate();
        if (!ia.equals(ib)) {
            return ia.isAfter(ib) ? a : b;
        }
        return RetailPriceClassifier.usdPerHour(a).compareTo(RetailPriceClassifier.usdPerHour(b)) <= 0 ? a : b;
    }

    // ---------------------------------------------------------------- capacity signals

    @Override
    public List<CapacitySignal> capacitySignals(Collection<OfferKey> pools) {
        capabilities.require(Capability.CAPACITY_SIGNALS);
        List<OfferKey> spot = new ArrayList<>();
        if (pools == null || pools.isEmpty()) {
            listOffers(new OfferFilter(Set.of(), Set.of(Market.SPOT), Set.of())).forEach(o -> spot.add(o.key()));
        } else {
            for (OfferKey k : pools) {
                // region names go into a Resource Graph query and a URL path: only plain ARM names pass
                if (k.market() == Market.SPOT && k.provider().equals(ProviderId.AZURE)
                        && ARM_NAME.matcher(k.region()).matches()) {
                    spot.add(k);
                }
            }
        }
        if (spot.isEmpty()) {
            return List.of();
        }
        Instant fetchedAt = clock.instant();
        Set<String> regions = new LinkedHashSet<>();
        Set<String> sizes = new LinkedHashSet<>();
        spot.forEach(k -> {
            regions.add(k.region());
            sizes.add(k.instanceType());
        });
        List<CapacitySignal> out = new ArrayList<>();
        List<ProviderException> failures = new ArrayList<>();
        int sources = 0;
        if (config.spotEvictionRates()) {
            sources++;
            try {
                out.addAll(evictionSignals(spot, regions, fetchedAt));
            } catch (ProviderException e) {
                failures.add(e);
            }
        }
        if (config.spotPlacementScores()) {
            sources++;
            try {
                out.addAll(placementSignals(spot, regions, sizes, fetchedAt));
            } catch (ProviderException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            if (failures.size() == sources) {
                throw failures.get(0);
            }
            failures.forEach(e -> log.warn("azure capacity signals: one source failed, returning the others: {} ({})",
                    e.getMessage(), e.code()));
        }
        return out;
    }

    private List<CapacitySignal> evictionSignals(List<OfferKey> spot, Set<String> regions, Instant fetchedAt) {
        Map<String, String> buckets = new HashMap<>();
        for (ArmClient.EvictionBucket b : arm().evictionRates(regions)) {
            buckets.put(b.skuName().toLowerCase(Locale.ROOT) + '|' + b.region(), b.bucket());
        }
        List<CapacitySignal> out = new ArrayList<>();
        for (OfferKey k : spot) {
            String bucket = buckets.get(k.instanceType().toLowerCase(Locale.ROOT) + '|' + k.region());
            BigDecimal perHour = SpotEvictionRates.perHour(bucket, config.evictionRateWindow());
            if (perHour != null) {
                out.add(new CapacitySignal(k, CapacitySignal.Kind.INTERRUPTION_RATE_PER_HOUR, perHour, fetchedAt,
                        fetchedAt, ArmClient.EVICTION_SOURCE));
            }
        }
        return out;
    }

    private List<CapacitySignal> placementSignals(List<OfferKey> spot, Set<String> regions, Set<String> sizes,
                                                  Instant fetchedAt) {
        List<ArmClient.PlacementScore> scores = arm().placementScores(regions, sizes,
                config.placementScoreDesiredCount());
        List<CapacitySignal> out = new ArrayList<>();
        for (OfferKey k : spot) {
            int best = 0;
            boolean restricted = false;
            for (ArmClient.PlacementScore s : scores) {
                if (!s.sku().equalsIgnoreCase(k.instanceType()) || !s.region().equals(k.region())) {
                    continue;
                }
                if (k.zone() != null && s.zone() != null && !k.zone().equals(s.zone())) {
                    continue;
                }
                int value = scoreValue(s.score());
                if (value > 0) {
                    best = Math.max(best, value);
                } else if ("RestrictedSkuNotAvailable".equalsIgnoreCase(s.score())) {
                    restricted = true;
                }
            }
            if (best > 0) {
                out.add(new CapacitySignal(k, CapacitySignal.Kind.PLACEMENT_SCORE, BigDecimal.valueOf(best), fetchedAt,
                        fetchedAt, ArmClient.PLACEMENT_SOURCE));
            } else if (restricted) {
                out.add(new CapacitySignal(k, CapacitySignal.Kind.CAPACITY_ERROR, BigDecimal.ONE, fetchedAt, fetchedAt,
                        ArmClient.PLACEMENT_SOURCE));
            }
        }
        return out;
    }

    /** High/Medium/Low → 3/2/1; anything else (DataNotFoundOrStale, RestrictedSkuNotAvailable) → 0. */
    static int scoreValue(String score) {
        if (score == null) {
            return 0;
        }
        return switch (score.trim().toLowerCase(Locale.ROOT)) {
            case "high" -> 3;
            case "medium" -> 2;
            case "low" -> 1;
            default -> 0;
        };
    }

    // ---------------------------------------------------------------- actuation (later issue)

    @Override
    public ProviderNode rent(RentRequest request) {
        capabilities.require(request != null && request.offer().market() == Market.SPOT ? Capability.RENT_SPOT
                : Capability.RENT_ON_DEMAND);
        throw new ProviderException.Unsupported(ACTUATION_LATER);
    }

    @Override
    public ReleaseOutcome release(String nodeId) {
        capabilities.require(Capability.RELEASE);
        throw new ProviderException.Unsupported(ACTUATION_LATER);
    }

    @Override
    public List<ProviderNode> listNodes() {
        capabilities.require(Capability.LIST_NODES);
        throw new ProviderException.Unsupported(ACTUATION_LATER);
    }

    @Override
    public List<OwnedMachine> listOwnedMachines() {
        capabilities.require(Capability.LIST_OWNED);
        throw new ProviderException.Unsupported(NO_OWNED);
    }

    // ---------------------------------------------------------------- wiring

    private ArmClient arm() {
        ArmClient a = arm;
        if (a == null) {
            synchronized (this) {
                a = arm;
                if (a == null) {
                    try {
                        a = arm = newArmClient();
                    } catch (RuntimeException e) {
                        throw AzureErrors.from(e, "set up the Azure Resource Manager client");
                    }
                }
            }
        }
        return a;
    }

    private ArmClient newArmClient() {
        if (config.subscriptionId() == null) {
            throw new ProviderException.AuthFailed(
                    "no Azure subscription id: set AZURE_SUBSCRIPTION_ID or the subscriptionId config field",
                    "MissingSubscription", null);
        }
        String endpoint = config.resourceManagerEndpoint().toString();
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", endpoint.endsWith("/") ? endpoint : endpoint + "/");
        AzureProfile profile = new AzureProfile(config.tenantId(), config.subscriptionId(),
                new AzureEnvironment(endpoints));
        HttpClient httpClient = new OkHttpAsyncHttpClientBuilder(okHttp)
                .connectionTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .callTimeout(config.callTimeout())
                .build();
        List<HttpPipelinePolicy> policies = new ArrayList<>();
        policies.add(new UserAgentPolicy("capacity-broker-azure-adapter"));
        policies.add(new RequestIdPolicy());
        policies.add(new AddDatePolicy());
        if (config.armAuthentication()) {
            TokenCredential credential = explicitCredential != null ? explicitCredential
                    : config.tenantId() == null ? new DefaultAzureCredentialBuilder().build()
                    : new DefaultAzureCredentialBuilder().tenantId(config.tenantId()).build();
            String scope = (endpoint.endsWith("/") ? endpoint : endpoint + "/") + ".default";
            policies.add(new ArmChallengeAuthenticationPolicy(credential, scope));
        }
        // No SDK retry policy: the SPI RetryPolicy retries each page, so one layer decides about backoff.
        HttpPipeline pipeline = new HttpPipelineBuilder().httpClient(httpClient)
                .policies(policies.toArray(new HttpPipelinePolicy[0])).build();
        return new ArmClient(pipeline, profile, endpoint, retry, new RequestPacer(config.requestsPerSecond(), "Azure", sleeper, System::nanoTime),
                config.callTimeout().plusSeconds(5), config.placementScoreApiVersion());
    }

    @Override
    public void close() {
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "AzureProviderAdapter{" + config + '}';
    }
}
