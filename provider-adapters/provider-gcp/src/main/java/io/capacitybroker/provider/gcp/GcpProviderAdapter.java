package io.capacitybroker.provider.gcp;

import com.google.cloud.compute.v1.Accelerators;
import com.google.cloud.compute.v1.MachineType;
import com.google.cloud.compute.v1.MachineTypesScopedList;
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
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side of Google Cloud: regions and machine types from the Compute Engine API, on-demand and Spot
 * prices from the Cloud Billing Catalog (Compute Engine SKUs priced per vCPU-hour, GiB-hour and GPU-hour of a
 * machine family, per region). A machine type's hourly price is {@code vCPUs × core rate + GiB × RAM rate
 * (+ GPUs × GPU rate)} of its family in its region; Spot prices come from the {@code Preemptible} SKUs.
 * GCP prices are regional, so offers carry no zone; a machine type is offered in a region when any zone of
 * the region lists it.
 *
 * <p>Every vendor request (one page) goes through the client-side rate limit and the {@link RetryPolicy};
 * every vendor error leaves as a {@link ProviderException} (see {@link GcpErrorMapper}).
 */
public final class GcpProviderAdapter implements ProviderAdapter, AutoCloseable {

    /** Why rent, release and node listing are missing. */
    public static final String ACTUATION_LATER = "actuation arrives with the fleet actuation issue";
    /** Why capacity signals and interruption rates are missing. */
    public static final String NO_SIGNALS = "Google Cloud publishes no placement scores, capacity signals or "
            + "Spot preemption rates";
    /** Source of every price quote. */
    public static final String PRICE_SOURCE = "gcp:cloudbilling.services.skus.list";

    /**
     * Billed vCPUs of shared-core machine types (Google's documented fractions of a vCPU). f1-micro and
     * g1-small are priced by their own per-instance SKUs; the e2 shared-core types by the E2 core rate.
     */
    static final Map<String, BigDecimal> SHARED_CORE_VCPUS = Map.of(
            "e2-micro", new BigDecimal("0.25"),
            "e2-small", new BigDecimal("0.5"),
            "e2-medium", BigDecimal.ONE,
            "f1-micro", new BigDecimal("0.2"),
            "g1-small", new BigDecimal("0.5"));
    private static final Set<String> FLAT_PRICED = Set.of("f1-micro", "g1-small");
    private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);
    private static final Logger LOG = LoggerFactory.getLogger(GcpProviderAdapter.class);

    private final GcpConfig config;
    private final Clock clock;
    private final RetryPolicy retry;
    private final GcpApi api;
    private final RequestPacer pacer;
    private final Capabilities capabilities;
    private final ExecutorService skuReader = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gcp-sku-reader");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger requests = new AtomicInteger();
    private volatile RefreshStats lastRefresh;

    /** Production wiring: system UTC clock, retry and rate limit from {@code config}, real waiting. */
    public GcpProviderAdapter(GcpConfig config) {
        this(config, Clock.systemUTC(), retryPolicy(config, d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000)));
    }

    /** With an explicit clock (fetch times) and retry policy (tests inject one that does not sleep). */
    public GcpProviderAdapter(GcpConfig config, Clock clock, RetryPolicy retry) {
        this(config, clock, retry, new SdkGcpApi(config),
                new RequestPacer(config.requestsPerSecond(), "Compute Engine"));
    }

    GcpProviderAdapter(GcpConfig config, Clock clock, RetryPolicy retry, GcpApi api, RequestPacer pacer) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.api = Objects.requireNonNull(api, "api");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.capabilities = Capabilities.all()
                .without(Capability.CAPACITY_SIGNALS, NO_SIGNALS)
                .without(Capability.INTERRUPTION_RATES, NO_SIGNALS)
                .without(Capability.RENT_SPOT, ACTUATION_LATER)
                .without(Capability.RENT_ON_DEMAND, ACTUATION_LATER)
                .without(Capability.RELEASE, ACTUATION_LATER)
                .without(Capability.LIST_NODES, ACTUATION_LATER)
                .without(Capability.LIST_OWNED, "Google Cloud rents virtual machines; the broker owns no machines there");
    }

    /** The retry policy the config describes, waiting with {@code sleeper}. */
    public static RetryPolicy retryPolicy(GcpConfig config, RetryPolicy.Sleeper sleeper) {
        return new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff(), sleeper);
    }

    @Override
    public ProviderId provider() {
        return ProviderId.GCP;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public List<Region> regions() {
        List<Region> out = new ArrayList<>();
        for (VendorRegion r : vendorRegions(Set.of())) {
            GcpRegionDirectory.Place place = GcpRegionDirectory.PLACES.get(r.name());
            out.add(place == null ? new Region(ProviderId.GCP, r.name(), r.description(), null, null, null)
                    : new Region(ProviderId.GCP, r.name(), r.name() + " (" + place.displayName() + ")", place.country(),
                    place.location(), null));
        }
        return out;
    }

    @Override
    public List<Offer> listOffers(OfferFilter filter) {
        capabilities.require(Capability.LIST_OFFERS);
        OfferFilter f = filter == null ? OfferFilter.all() : filter;
        Instant fetchedAt = clock.instant();
        long started = System.nanoTime();
        int requestsBefore = requests.get();
        AtomicBoolean abandoned = new AtomicBoolean();

        // the SKU listing does not depend on the Compute Engine listings: read it alongside them
        CompletableFuture<SkuPriceBook> prices = CompletableFuture.supplyAsync(() -> {
            SkuPriceBook book = new SkuPriceBook();
            page("cloudbilling.services.skus.list", api::listSkus, p -> p.getNextPageToken(), p -> {
                if (abandoned.get()) {
                    throw new CancellationException("the refresh failed elsewhere");
                }
                p.getSkusList().forEach(book::add);
            });
            return book;
        }, skuReader);
        try {
            return listOffers(f, fetchedAt, started, requestsBefore, prices);
        } finally {
            abandoned.set(true);
        }
    }

    private List<Offer> listOffers(OfferFilter f, Instant fetchedAt, long started, int requestsBefore,
                                   CompletableFuture<SkuPriceBook> prices) {
        List<VendorRegion> regions = vendorRegions(f.regions());
        Map<String, String> zoneToRegion = new LinkedHashMap<>();
        regions.forEach(r -> r.zones().forEach(z -> zoneToRegion.put(z, r.name())));
        boolean narrowed = !config.regions().isEmpty() || !f.regions().isEmpty();

        // region -> machine type name -> the machine type as one of the region's zones lists it
        Map<String, Map<String, MachineType>> types = new TreeMap<>();
        Set<String> zonesSeen = new HashSet<>();
        Consumer<MachineType> collect = mt -> {
            String zone = lastSegment(mt.getZone());
            String region = zoneToRegion.get(zone);
            if (region == null || !f.matches(region, Market.ON_DEMAND, mt.getName()) && !f.matches(region, Market.SPOT,
                    mt.getName())) {
                return;
            }
            zonesSeen.add(zone);
            types.computeIfAbsent(region, k -> new TreeMap<>()).putIfAbsent(mt.getName(), mt);
        };
        Runnable failFast = () -> {
            if (prices.isCompletedExceptionally()) {
                await(prices);
            }
        };
        if (narrowed) {
            for (String zone : zoneToRegion.keySet()) {
                page("compute.machineTypes.list " + zone, token -> api.listMachineTypes(zone, token),
                        p -> p.getNextPageToken(), p -> {
                            failFast.run();
                            p.getItemsList().forEach(mt -> collect.accept(withZone(mt, zone)));
                        });
            }
        } else {
            page("compute.machineTypes.aggregatedList", api::aggregatedMachineTypes, p -> p.getNextPageToken(), p -> {
                failFast.run();
                for (Map.Entry<String, MachineTypesScopedList> scope : p.getItemsMap().entrySet()) {
                    String zone = lastSegment(scope.getKey());
                    scope.getValue().getMachineTypesList().forEach(mt -> collect.accept(withZone(mt, zone)));
                }
            });
        }

        SkuPriceBook book = await(prices);

        List<Offer> offers = new ArrayList<>();
        Map<String, Integer> offersSkipped = new TreeMap<>();
        int machineTypes = 0;
        for (Map.Entry<String, Map<String, MachineType>> byRegion : types.entrySet()) {
            String region = byRegion.getKey();
            for (MachineType mt : byRegion.getValue().values()) {
                machineTypes++;
                InstanceShape shape = shape(mt, offersSkipped);
                if (shape == null) {
                    continue;
                }
                for (Market market : Market.values()) {
                    if (!f.matches(region, market, mt.getName())) {
                        continue;
                    }
                    Priced priced = price(book, region, market, mt, shape, offersSkipped);
                    if (priced == null) {
                        continue;
                    }
                    Instant observed = priced.effective() != null ? priced.effective() : fetchedAt;
                    offers.add(new Offer(new OfferKey(ProviderId.GCP, region, null, mt.getName(), market), shape,
                            new PriceQuote(Money.usd(priced.usd()), observed, fetchedAt, PRICE_SOURCE), null, null));
                }
            }
        }
        RefreshStats stats = new RefreshStats(regions.size(), zonesSeen.size(), machineTypes, book.skusRead(),
                book.rateCount(), book.skipped(), Map.copyOf(offersSkipped), offers.size(),
                requests.get() - requestsBefore, Duration.ofNanos(System.nanoTime() - started));
        lastRefresh = stats;
        LOG.info("gcp offers refreshed: {}", stats);
        return offers;
    }

    /** Figures of the last {@link #listOffers} (null before the first). */
    public RefreshStats lastRefreshStats() {
        return lastRefresh;
    }

    @Override
    public List<CapacitySignal> capacitySignals(Collection<OfferKey> pools) {
        capabilities.require(Capability.CAPACITY_SIGNALS);
        return List.of();
    }

    @Override
    public ProviderNode rent(RentRequest request) {
        capabilities.require(request != null && request.offer().market() == Market.SPOT
                ? Capability.RENT_SPOT : Capability.RENT_ON_DEMAND);
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
        return List.of();
    }

    @Override
    public List<OwnedMachine> listOwnedMachines() {
        capabilities.require(Capability.LIST_OWNED);
        return List.of();
    }

    @Override
    public void close() {
        skuReader.shutdownNow();
        try {
            api.close();
        } catch (RuntimeException e) {
            LOG.debug("closing the Google Cloud clients failed", e);
        }
    }

    @Override
    public String toString() {
        return "GcpProviderAdapter{project=" + config.projectId() + ", regions="
                + (config.regions().isEmpty() ? "all" : config.regions()) + '}';
    }

    // ---------------------------------------------------------------------------------------------

    /** What one listOffers did: sizes, skipped SKUs and machine types by reason, requests and time. */
    public record RefreshStats(int regions, int zones, int machineTypes, int skusRead, int rates,
                               Map<String, Integer> skusSkipped, Map<String, Integer> offersSkipped, int offers,
                               int requests, Duration elapsed) {
    }

    record VendorRegion(String name, String description, List<String> zones) {
    }

    private record Priced(BigDecimal usd, Instant effective) {
    }

    /** The project's regions (all pages), narrowed to the configured regions and {@code wanted} (empty = all). */
    private List<VendorRegion> vendorRegions(Set<String> wanted) {
        List<VendorRegion> out = new ArrayList<>();
        page("compute.regions.list", api::listRegions, p -> p.getNextPageToken(), p -> p.getItemsList().forEach(r -> {
            String name = r.getName();
            if (name.isBlank() || !config.regions().isEmpty() && !config.regions().contains(name)
                    || !wanted.isEmpty() && !wanted.contains(name)) {
                return;
            }
            List<String> zones = r.getZonesList().stream().map(GcpProviderAdapter::lastSegment).toList();
            out.add(new VendorRegion(name, r.hasDescription() ? r.getDescription() : name, zones));
        }));
        return out;
    }

    /**
     * Pages through one listing: each page is one request, paced and retried on its own. A repeated page
     * token (a server bug that would loop forever) is an Unavailable error.
     */
    private <P> void page(String operation, Function<String, P> fetch, Function<P, String> nextToken, Consumer<P> sink) {
        String token = "";
        Set<String> seen = new HashSet<>();
        while (true) {
            String current = token;
            P page = call(operation, () -> fetch.apply(current));
            sink.accept(page);
            token = nextToken.apply(page);
            if (token == null || token.isEmpty()) {
                return;
            }
            if (!seen.add(token)) {
                throw new ProviderException.Unavailable(operation + ": the API repeated a page token", "PAGE_LOOP", null);
            }
        }
    }

    private <T> T call(String operation, Supplier<T> request) {
        return retry.call(() -> {
            pacer.acquire();
            requests.incrementAndGet();
            try {
                return request.get();
            } catch (RuntimeException e) {
                throw GcpErrorMapper.map(operation, e);
            }
        });
    }

    private static SkuPriceBook await(CompletableFuture<SkuPriceBook> prices) {
        try {
            return prices.join();
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw cause instanceof ProviderException pe ? pe : GcpErrorMapper.map("cloudbilling.services.skus.list", cause);
        }
    }

    private static MachineType withZone(MachineType mt, String zone) {
        return mt.hasZone() && !mt.getZone().isBlank() ? mt : mt.toBuilder().setZone(zone).build();
    }

    static String lastSegment(String s) {
        if (s == null) {
            return "";
        }
        int slash = s.lastIndexOf('/');
        return slash >= 0 ? s.substring(slash + 1) : s;
    }

    /** The family of a machine type: its name up to the first dash ("n2d-standard-4" → "n2d"). */
    static String family(String machineType) {
        int dash = machineType.indexOf('-');
        return (dash > 0 ? machineType.substring(0, dash) : machineType).toLowerCase(Locale.ROOT);
    }

    private static InstanceShape shape(MachineType mt, Map<String, Integer> skipped) {
        if (mt.hasDeprecated() && Set.of("OBSOLETE", "DELETED").contains(mt.getDeprecated().getState())) {
            skipped.merge("obsolete or deleted machine type", 1, Integer::sum);
            return null;
        }
        if (mt.getGuestCpus() <= 0 || mt.getMemoryMb() <= 0) {
            skipped.merge("machine type without vCPUs or memory", 1, Integer::sum);
            return null;
        }
        BigDecimal vcpus;
        if (mt.getIsSharedCpu()) {
            vcpus = SHARED_CORE_VCPUS.get(mt.getName());
            if (vcpus == null) {
                skipped.merge("shared-core type without a known vCPU share", 1, Integer::sum);
                return null;
            }
        } else {
            vcpus = BigDecimal.valueOf(mt.getGuestCpus());
        }
        BigDecimal memoryGiB = BigDecimal.valueOf(mt.getMemoryMb()).divide(MIB_PER_GIB).stripTrailingZeros();
        int gpus = mt.getAcceleratorsList().stream().mapToInt(Accelerators::getGuestAcceleratorCount).sum();
        String arch = switch (mt.getArchitecture()) {
            case "ARM64" -> "arm64";
            default -> "amd64";
        };
        return new InstanceShape(mt.getName(), vcpus, memoryGiB, gpus, arch);
    }

    private static Priced price(SkuPriceBook book, String region, Market market, MachineType mt, InstanceShape shape,
                                Map<String, Integer> skipped) {
        String marketName = market.wireName();
        if (FLAT_PRICED.contains(mt.getName())) {
            var flat = book.rate(region, market, SkuPriceBook.Component.FLAT, mt.getName());
            if (flat.isEmpty()) {
                skipped.merge("no " + marketName + " SKU for " + mt.getName(), 1, Integer::sum);
                return null;
            }
            return new Priced(flat.get().usd(), flat.get().effectiveTime());
        }
        String family = family(mt.getName());
        var core = book.rate(region, market, SkuPriceBook.Component.CORE, family);
        var ram = book.rate(region, market, SkuPriceBook.Component.RAM, family);
        if (core.isEmpty() || ram.isEmpty()) {
            skipped.merge("no " + marketName + " core/RAM SKU for family " + family, 1, Integer::sum);
            return null;
        }
        BigDecimal usd = shape.vcpus().multiply(core.get().usd()).add(shape.memoryGiB().multiply(ram.get().usd()));
        Instant effective = max(core.get().effectiveTime(), ram.get().effectiveTime());
        for (Accelerators acc : mt.getAcceleratorsList()) {
            var gpu = book.rate(region, market, SkuPriceBook.Component.GPU, acc.getGuestAcceleratorType());
            if (gpu.isEmpty()) {
                skipped.merge("no " + marketName + " GPU SKU for " + acc.getGuestAcceleratorType(), 1, Integer::sum);
                return null;
            }
            usd = usd.add(gpu.get().usd().multiply(BigDecimal.valueOf(acc.getGuestAcceleratorCount())));
            effective = max(effective, gpu.get().effectiveTime());
        }
        return new Priced(usd.setScale(9, RoundingMode.HALF_EVEN).stripTrailingZeros(), effective);
    }

    private static Instant max(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
