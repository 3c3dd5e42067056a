package io.capacitybroker.provider.ovh;

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
import io.capacitybroker.provider.spi.RetryPolicy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * OVHcloud behind the provider SPI, read side: Public Cloud flavors of one project joined with the public
 * order catalog (on-demand, per region, in USD per node-hour), and the account's dedicated servers as the
 * owned baseline. OVHcloud has no spot market and publishes no capacity signals; renting arrives with the
 * fleet actuation issue.
 */
public final class OvhProviderAdapter implements ProviderAdapter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OvhProviderAdapter.class);

    static final String NO_SPOT = "OVHcloud has no spot market";
    static final String NO_SIGNALS = "OVHcloud publishes no placement scores, capacity signals or eviction rates "
            + "(flavor availability per region may be used by a later issue)";
    static final String ACTUATION_LATER = "actuation arrives with the fleet actuation issue";
    static final String NO_PROJECT = "no OVHcloud Public Cloud project configured (projectId)";
    static final String NO_CREDENTIALS = "no OVHcloud API credentials configured (applicationKey, applicationSecret, "
            + "consumerKey)";
    static final Duration REGION_CACHE_TTL = Duration.ofHours(1);

    private final OvhConfig config;
    private final OvhRestClient client;
    private final Clock clock;
    private final Capabilities capabilities;
    private final Object regionLock = new Object();
    private List<String> cachedRegionCodes;
    private Instant regionsFetchedAt;

    /** Real clock, real sleeping between retries. */
    public OvhProviderAdapter(OvhConfig config) {
        this(config, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    /**
     * @param clock   the time of {@code fetchedAt} and of the signature timestamps (corrected by the server delta)
     * @param sleeper how backoffs and rate-limit waits sleep (tests pass a no-op)
     */
    public OvhProviderAdapter(OvhConfig config, Clock clock, RetryPolicy.Sleeper sleeper) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = new OvhRestClient(config, clock, Objects.requireNonNull(sleeper, "sleeper"));
        this.capabilities = capabilitiesOf(config);
    }

    /** From the environment (see {@link OvhConfig#fromEnvironment()}). */
    public static OvhProviderAdapter fromEnvironment() {
        return new OvhProviderAdapter(OvhConfig.fromEnvironment());
    }

    static Capabilities capabilitiesOf(OvhConfig config) {
        Capabilities c = Capabilities.all()
                .without(Capability.SPOT_PRICES, NO_SPOT)
                .without(Capability.RENT_SPOT, NO_SPOT)
                .without(Capability.INTERRUPTION_RATES, NO_SPOT)
                .without(Capability.CAPACITY_SIGNALS, NO_SIGNALS)
                .without(Capability.RENT_ON_DEMAND, ACTUATION_LATER)
                .without(Capability.RELEASE, ACTUATION_LATER)
                .without(Capability.LIST_NODES, ACTUATION_LATER);
        if (!config.hasCredentials()) {
            c = c.without(Capability.LIST_OFFERS, NO_CREDENTIALS)
                    .without(Capability.ON_DEMAND_PRICES, NO_CREDENTIALS)
                    .without(Capability.LIST_OWNED, NO_CREDENTIALS);
        } else if (config.projectId() == null) {
            c = c.without(Capability.LIST_OFFERS, NO_PROJECT).without(Capability.ON_DEMAND_PRICES, NO_PROJECT);
        }
        return c;
    }

    @Override
    public ProviderId provider() {
        return ProviderId.OVH;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    public OvhConfig config() {
        return config;
    }

    /**
     * The configured regions, or (none configured) the regions of the project from
     * {@code GET /cloud/project/{projectId}/region}, cached for an hour. Empty without a project.
     */
    @Override
    public List<Region> regions() {
        return guarded("regions", () -> regionCodes().stream().map(OvhLocations::region).toList());
    }

    /**
     * The last line of defence of "no foreign exception leaves the adapter": anything that is not already a
     * {@link ProviderException} (an answer the parsing did not foresee) becomes {@code Unavailable}.
     */
    private static <T> T guarded(String operation, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProviderException.Unavailable("OVHcloud " + operation + " failed on an unexpected answer: " + e,
                    "UNEXPECTED", e);
        }
    }

    private List<String> regionCodes() {
        if (!config.regions().isEmpty()) {
            return config.regions();
        }
        if (config.projectId() == null || !config.hasCredentials()) {
            return List.of();
        }
        synchronized (regionLock) {
            Instant now = clock.instant();
            if (cachedRegionCodes == null || regionsFetchedAt == null
                    || Duration.between(regionsFetchedAt, now).compareTo(REGION_CACHE_TTL) > 0
                    || now.isBefore(regionsFetchedAt)) {
                String op = "GET /cloud/project/{projectId}/region";
                List<String> codes = new ArrayList<>();
                for (JsonNode n : client.getAll(client.url(List.of("cloud", "project", config.projectId(), "region"),
                        Map.of()), true, op)) {
                    String code = OvhCatalog.text(n);
                    if (code == null || code.isBlank() || code.indexOf(':') >= 0) {
                        throw OvhErrorMapper.malformed(op, "a region is not a name: " + n, null);
                    }
                    if (!codes.contains(code)) {
                        codes.add(code);
                    }
                }
                cachedRegionCodes = List.copyOf(codes);
                regionsFetchedAt = now;
            }
            return cachedRegionCodes;
        }
    }

    /**
     * On-demand offers: the public order catalog once, then the project's flavors region by region (each
     * region's listing paged and retried on its own), joined on {@code planCodes.hourly}. Flavors without an
     * hourly price in the catalog are left out (logged).
     */
    @Override
    public List<Offer> listOffers(OfferFilter filter) {
        capabilities.require(Capability.LIST_OFFERS);
        return guarded("listOffers", () -> offers(filter));
    }

    private List<Offer> offers(OfferFilter filter) {
        OfferFilter f = filter == null ? OfferFilter.all() : filter;
        if (!f.markets().isEmpty() && !f.markets().contains(Market.ON_DEMAND)) {
            return List.of(); // no spot market
        }
        List<String> regions = regionCodes().stream()
                .filter(r -> f.regions().isEmpty() || f.regions().contains(r)).toList();
        if (regions.isEmpty()) {
            return List.of();
        }
        Instant fetchedAt = clock.instant();
        String catalogOp = "GET /order/catalog/public/cloud";
        HttpUrl catalogUrl = client.url(List.of("order", "catalog", "public", "cloud"),
                Map.of("ovhSubsidiary", config.subsidiary()));
        OvhRestClient.Page catalogPage = client.get(catalogUrl, false, catalogOp);
        OvhCatalog catalog = OvhCatalog.parse(catalogPage.body(), catalogOp);
        BigDecimal usdPerUnit = usdPerUnit(catalog.currency());
        String source = source(catalog);
        Instant observedAt = observedAt(catalogPage.lastModified(), fetchedAt);

        List<List<Offer>> perRegion = client.parallel(regions,
                region -> offersOfRegion(region, f, catalog, usdPerUnit, source, observedAt, fetchedAt));
        List<Offer> offers = new ArrayList<>();
        perRegion.forEach(offers::addAll);
        return offers;
    }

    private List<Offer> offersOfRegion(String region, OfferFilter f, OvhCatalog catalog, BigDecimal usdPerUnit,
                                       String source, Instant observedAt, Instant fetchedAt) {
        String op = "GET /cloud/project/{projectId}/flavor?region=" + region;
        List<JsonNode> flavors = client.getAll(client.url(List.of("cloud", "project", config.projectId(), "flavor"),
                Map.of("region", region)), true, op);
        List<Offer> offers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int unpriced = 0;
        int skipped = 0;
        for (JsonNode fl : flavors) {
            if (!fl.isObject()) {
                throw OvhErrorMapper.malformed(op, "a flavor is not an object", null);
            }
            String name = OvhCatalog.text(fl.path("name"));
            String flavorRegion = OvhCatalog.text(fl.path("region"));
            if (name == null || name.isBlank() || name.indexOf(':') >= 0) {
                skipped++;
                continue;
            }
            if (flavorRegion != null && !flavorRegion.equals(region)) {
                continue; // the API answered for another region than asked
            }
            String os = OvhCatalog.text(fl.path("osType"));
            if (!config.includeWindowsFlavors() && os != null && !os.equalsIgnoreCase("linux")) {
                continue;
            }
            if (!f.instanceTypes().isEmpty() && !f.instanceTypes().contains(name)) {
                continue;
            }
            JsonNode vcpus = fl.path("vcpus");
            JsonNode ram = fl.path("ram");
            if (!vcpus.isNumber() || vcpus.decimalValue().signum() <= 0 || !ram.isNumber()
                    || ram.decimalValue().signum() <= 0) {
                skipped++;
                continue;
            }
            String hourlyPlan = OvhCatalog.text(fl.path("planCodes").path("hourly"));
            OvhCatalog.Addon addon = hourlyPlan == null ? null : catalog.addons().get(hourlyPlan);
            if (addon == null) {
                unpriced++;
                continue;
            }
            if (!seen.add(name)) {
                continue; // the same flavor name twice in one region: the first one wins
            }
            // OVHcloud states flavor memory in GB meaning binary gigabytes (b3-8 has 8 GiB)
            InstanceShape shape = new InstanceShape(name, vcpus.decimalValue().stripTrailingZeros(),
                    ram.decimalValue().stripTrailingZeros(), addon.gpus(), "amd64");
            Money price = Money.usd(addon.hourlyPrice().multiply(usdPerUnit).stripTrailingZeros());
            Integer available = fl.path("available").isBoolean() && !fl.path("available").asBoolean() ? 0 : null;
            offers.add(new Offer(new OfferKey(ProviderId.OVH, region, null, name, Market.ON_DEMAND), shape,
                    new PriceQuote(price, observedAt, fetchedAt, source), available, 0.0));
        }
        if (unpriced > 0 || skipped > 0) {
            log.info("OVHcloud {}: {} flavors without an hourly catalog price and {} malformed flavors left out",
                    region, unpriced, skipped);
        }
        return offers;
    }

    private BigDecimal usdPerUnit(String currency) {
        if ("USD".equals(currency)) {
            return BigDecimal.ONE;
        }
        OvhConfig.FxRate fx = config.fxRate();
        if (fx == null || !fx.currency().equals(currency)) {
            throw new ProviderException.InvalidRequest("the OVHcloud catalog of subsidiary " + config.subsidiary()
                    + " is priced in " + currency + " but no fxRate for " + currency + " is configured (fxRate"
                    + (fx == null ? "" : " is for " + fx.currency()) + ")", "FX_RATE_MISSING", null);
        }
        return fx.usdPerUnit();
    }

    private String source(OvhCatalog catalog) {
        String base = "ovh:order-catalog " + config.subsidiary() + " ";
        if ("USD".equals(catalog.currency())) {
            return base + "USD";
        }
        OvhConfig.FxRate fx = config.fxRate();
        return base + catalog.currency() + "@" + fx.usdPerUnit().toPlainString() + " " + fx.asOf();
    }

    /** The catalog's Last-Modified when it gives one in the past, else the fetch time. */
    private static Instant observedAt(String lastModified, Instant fetchedAt) {
        if (lastModified != null) {
            try {
                Instant at = ZonedDateTime.parse(lastModified.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                if (!at.isAfter(fetchedAt)) {
                    return at;
                }
            } catch (DateTimeParseException ignored) {
                // not a date: use the fetch time
            }
        }
        return fetchedAt;
    }

    @Override
    public List<CapacitySignal> capacitySignals(Collection<OfferKey> pools) {
        capabilities.require(Capability.CAPACITY_SIGNALS);
        return List.of();
    }

    @Override
    public ProviderNode rent(RentRequest request) {
        Objects.requireNonNull(request, "request");
        capabilities.require(request.offer().market() == Market.SPOT ? Capability.RENT_SPOT : Capability.RENT_ON_DEMAND);
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

    /**
     * The account's dedicated servers: {@code GET /dedicated/server} (names, paged), then per server
     * {@code GET /dedicated/server/{name}} (datacenter, state, commercial range) and
     * {@code GET /dedicated/server/{name}/specifications/hardware} (processors, threads, memory). vCPUs are
     * hardware threads (processors × threads per processor); the region is the datacenter's site
     * ({@code gra3 → GRA}). Servers that are not in state {@code ok}, or whose hardware lists no threads or
     * memory, are left out (logged).
     */
    @Override
    public List<OwnedMachine> listOwnedMachines() {
        capabilities.require(Capability.LIST_OWNED);
        return guarded("listOwnedMachines", this::ownedMachines);
    }

    private List<OwnedMachine> ownedMachines() {
        String listOp = "GET /dedicated/server";
        List<String> names = new ArrayList<>();
        for (JsonNode n : client.getAll(client.url(List.of("dedicated", "server"), Map.of()), true, listOp)) {
            String name = OvhCatalog.text(n);
            if (name == null || name.isBlank()) {
                throw OvhErrorMapper.malformed(listOp, "a server is not a name: " + n, null);
            }
            names.add(name);
        }
        List<OwnedMachine> machines = new ArrayList<>();
        for (OwnedMachine m : client.parallel(names, this::ownedMachine)) {
            if (m != null) {
                machines.add(m);
            }
        }
        return machines;
    }

    private OwnedMachine ownedMachine(String name) {
        String detailOp = "GET /dedicated/server/{name}";
        JsonNode detail = client.get(client.url(List.of("dedicated", "server", name), Map.of()), true, detailOp).body();
        if (!detail.isObject()) {
            throw OvhErrorMapper.malformed(detailOp, "expected a JSON object", null);
        }
        String state = OvhCatalog.text(detail.path("state"));
        if (state != null && !state.equals("ok")) {
            log.info("OVHcloud dedicated server {} is in state {}: not part of the owned baseline", name, state);
            return null;
        }
        String datacenter = OvhCatalog.text(detail.path("datacenter"));
        if (datacenter == null || datacenter.isBlank()) {
            throw OvhErrorMapper.malformed(detailOp, "datacenter is missing for " + name, null);
        }
        String hwOp = "GET /dedicated/server/{name}/specifications/hardware";
        JsonNode hw = client.get(client.url(List.of("dedicated", "server", name, "specifications", "hardware"),
                Map.of()), true, hwOp).body();
        if (!hw.isObject()) {
            throw OvhErrorMapper.malformed(hwOp, "expected a JSON object", null);
        }
        int processors = hw.path("numberOfProcessors").isIntegralNumber()
                ? Math.max(1, hw.path("numberOfProcessors").asInt()) : 1;
        int perProcessor = hw.path("threadsPerProcessor").isIntegralNumber() ? hw.path("threadsPerProcessor").asInt()
                : hw.path("coresPerProcessor").isIntegralNumber() ? hw.path("coresPerProcessor").asInt() : 0;
        BigDecimal memoryGiB = memoryGiB(hw.path("memorySize"));
        if (perProcessor <= 0 || memoryGiB == null || memoryGiB.signum() <= 0) {
            log.warn("OVHcloud dedicated server {}: hardware specification lists no threads or memory; left out", name);
            return null;
        }
        String range = OvhCatalog.text(detail.path("commercialRange"));
        String type = range == null || range.isBlank() ? "dedicated-server" : range;
        InstanceShape shape = new InstanceShape(type, BigDecimal.valueOf((long) processors * perProcessor), memoryGiB,
                0, architecture(OvhCatalog.text(hw.path("processorArchitecture"))));
        return new OwnedMachine(name, ProviderId.OVH, OvhLocations.siteOf(datacenter), shape, null);
    }

    /** {@code {"unit":"MB","value":65536}} → GiB; OVHcloud's MB/GB/TB of RAM are binary units. */
    static BigDecimal memoryGiB(JsonNode size) {
        if (!size.isObject() || !size.path("value").isNumber()) {
            return null;
        }
        BigDecimal v = size.path("value").decimalValue();
        String unit = OvhCatalog.text(size.path("unit"));
        String u = unit == null ? "MB" : unit.trim().toUpperCase(Locale.ROOT);
        BigDecimal gib = switch (u) {
            case "MB", "MIB" -> v.divide(BigDecimal.valueOf(1024));
            case "GB", "GIB" -> v;
            case "TB", "TIB" -> v.multiply(BigDecimal.valueOf(1024));
            default -> null;
        };
        return gib == null ? null : gib.stripTrailingZeros();
    }

    private static String architecture(String a) {
        if (a == null) {
            return "amd64";
        }
        return switch (a.toLowerCase(Locale.ROOT)) {
            case "x86_64", "x86-64", "amd64" -> "amd64";
            case "arm64", "aarch64" -> "arm64";
            default -> a.toLowerCase(Locale.ROOT);
        };
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "OvhProviderAdapter{" + config + '}';
    }
}
