package io.capacitybroker.provider.simulated;

import io.capacitybroker.domain.CapacitySignal;
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
import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.ProviderNode;
import io.capacitybroker.provider.spi.ReleaseOutcome;
import io.capacitybroker.provider.spi.RentRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated multi-cloud: an in-process AWS, Google Cloud, Microsoft Azure and OVHcloud built on the
 * bundled real price catalog, with seeded moving spot prices, finite pools, provisioning delays, spot
 * interruptions and injectable faults. It is the broker's offline default.
 *
 * <pre>{@code
 * SimulationClock clock = SimulationClock.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
 * SimulatedCloud cloud = new SimulatedCloud(SimulationConfig.defaults().withSeed(7), clock);
 * ProviderAdapter aws = cloud.adapter(ProviderId.AWS);
 * cloud.injectOutage(ProviderId.GCP);        // GCP calls now throw ProviderException.Unavailable
 * cloud.clearFault(ProviderId.GCP);
 * }</pre>
 *
 * <p>Thread-safe: the catalog is immutable and shared (parsed once per JVM); the mutable state of each
 * provider (nodes, pool usage) is guarded by that provider's own lock. All time comes from the injected
 * {@link Clock}; all randomness from {@link SimulationConfig#seed()}.
 */
public final class SimulatedCloud {

    /** The providers of the simulation, in listing order. */
    public static final List<ProviderId> PROVIDERS = List.of(ProviderId.AWS, ProviderId.GCP, ProviderId.AZURE,
            ProviderId.OVH);

    static final String SRC_CAPACITY = "simulated:seeded-pool-capacity";
    static final String SRC_ASSUMED_RATE = "simulated:assumed-interruption-rate";

    private static final String NO_OWNED_MACHINES =
            "the simulated %s account owns no machines; the owned baseline of the simulation is OVHcloud's";
    private static final String GCP_NO_RATES = "Google Cloud publishes no preemption rates for Spot VMs; the "
            + "simulation interrupts them at an assumed rate (SimulationConfig.defaultSpotInterruptionRates) "
            + "but, like the real vendor, does not advertise one (see "
            + "SimulationConfig.advertiseAssumedInterruptionRates)";
    private static final String AZURE_NO_SPOT = "no licensed Azure Spot price snapshot is bundled (the open "
            + "copies state no licence, see the catalog PROVENANCE.md), so the simulated Azure is on-demand only";
    private static final String OVH_NO_PRICES = "no licensed OVHcloud Public Cloud price list is bundled (the open "
            + "copies state no licence, see the catalog PROVENANCE.md); in the simulation OVHcloud is the owned "
            + "bare-metal baseline only";
    private static final String OVH_NO_SPOT = "OVHcloud has no spot market";

    private final SimulationConfig config;
    private final Clock clock;
    private final Catalog catalog;
    private final int[] capacity;
    private final int[] inUse;
    private final Map<ProviderId, ProviderState> states = new LinkedHashMap<>();
    private final Map<ProviderId, SimulatedProviderAdapter> adapters = new LinkedHashMap<>();
    private final Map<ProviderId, List<Region>> regions = new HashMap<>();
    private final Map<ProviderId, ActiveFault> faults = new ConcurrentHashMap<>();

    /** A cloud with the default configuration on the system UTC clock. */
    public static SimulatedCloud create() {
        return new SimulatedCloud(SimulationConfig.defaults(), Clock.systemUTC());
    }

    public SimulatedCloud(SimulationConfig config, Clock clock) {
        this(config, clock, Catalog.bundled());
    }

    SimulatedCloud(SimulationConfig config, Clock clock, Catalog catalog) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.capacity = new int[catalog.size()];
        this.inUse = new int[catalog.size()];
        for (int i = 0; i < capacity.length; i++) {
            capacity[i] = seededCapacity(config, catalog.pool(i));
        }
        for (ProviderId p : PROVIDERS) {
            Vendor vendor = Vendor.of(p);
            states.put(p, new ProviderState());
            regions.put(p, visibleRegions(p));
            adapters.put(p, new SimulatedProviderAdapter(this, vendor,
                    capabilitiesOf(vendor, config.advertiseAssumedInterruptionRates())));
        }
    }

    // ------------------------------------------------------------------ public API

    /** The adapter of one simulated provider (aws, gcp, azure or ovh). */
    public SimulatedProviderAdapter adapter(ProviderId provider) {
        SimulatedProviderAdapter a = adapters.get(provider);
        if (a == null) {
            throw new IllegalArgumentException("the simulated cloud has no provider '" + provider + "' (it has "
                    + PROVIDERS + ")");
        }
        return a;
    }

    /** All adapters, in the order of {@link #PROVIDERS}. */
    public List<SimulatedProviderAdapter> adapters() {
        return List.copyOf(adapters.values());
    }

    public SimulationConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    /** Pools per source, skipped rows per file and parse time of the (shared) bundled catalog. */
    public CatalogStats catalogStats() {
        return catalog.stats();
    }

    /** Makes every vendor call of {@code provider} fail with {@code fault} until {@link #clearFault} is called. */
    public void injectFault(ProviderId provider, Fault fault) {
        injectFault(provider, fault, null);
    }

    /**
     * Makes every vendor call of {@code provider} fail with {@code fault} for {@code duration} of clock time
     * (null = until cleared). Replaces a fault already active for that provider.
     */
    public void injectFault(ProviderId provider, Fault fault, Duration duration) {
        Vendor.of(provider);
        Objects.requireNonNull(fault, "fault");
        Instant until = duration == null ? null : clock.instant().plus(duration);
        faults.put(provider, new ActiveFault(fault, until));
    }

    /** Shorthand for {@code injectFault(provider, Fault.UNAVAILABLE)}: the provider is down until cleared. */
    public void injectOutage(ProviderId provider) {
        injectFault(provider, Fault.UNAVAILABLE);
    }

    /** Shorthand for {@code injectFault(provider, Fault.UNAVAILABLE, duration)}: down for a while of clock time. */
    public void injectOutage(ProviderId provider, Duration duration) {
        injectFault(provider, Fault.UNAVAILABLE, duration);
    }

    public void clearFault(ProviderId provider) {
        faults.remove(provider);
    }

    public void clearAllFaults() {
        faults.clear();
    }

    /** The fault active for {@code provider} now, if any. */
    public Optional<Fault> activeFault(ProviderId provider) {
        ActiveFault f = faults.get(provider);
        return f == null || !f.activeAt(clock.instant()) ? Optional.empty() : Optional.of(f.fault());
    }

    /** The total size of a pool (nodes), seeded unless overridden. */
    public int poolCapacity(OfferKey pool) {
        CatalogPool p = requirePool(pool);
        synchronized (states.get(pool.provider())) {
            return capacity[p.index()];
        }
    }

    /** Overrides the size of a pool, e.g. to exhaust it ({@code 0}) or to make room for a statistical test. */
    public void setPoolCapacity(OfferKey pool, int nodes) {
        if (nodes < 0) {
            throw new IllegalArgumentException("capacity must be >= 0");
        }
        CatalogPool p = requirePool(pool);
        synchronized (states.get(pool.provider())) {
            capacity[p.index()] = nodes;
        }
    }

    /** How many more nodes the pool can deliver now. */
    public int availableNodes(OfferKey pool) {
        CatalogPool p = requirePool(pool);
        ProviderState s = states.get(pool.provider());
        synchronized (s) {
            advance(s, clock.instant());
            return available(p);
        }
    }

    /** The price of a pool at an instant (the walk for spot pools, the list price for on-demand ones). */
    public Money priceAt(OfferKey pool, Instant at) {
        return Money.usd(price(requirePool(pool), SpotPriceWalk.hourIndex(at)));
    }

    // ------------------------------------------------------------------ adapter operations

    List<Region> regions(Vendor v) {
        return regions.get(v.id);
    }

    List<Offer> listOffers(Vendor v, Capabilities caps, OfferFilter filter) {
        Instant now = clock.instant();
        checkFault(v, now);
        caps.require(Capability.LIST_OFFERS);
        OfferFilter f = filter == null ? OfferFilter.all() : filter;
        long hour = SpotPriceWalk.hourIndex(now);
        Instant hourStart = SpotPriceWalk.hourStart(hour);
        ProviderState s = states.get(v.id);
        List<Offer> out = new ArrayList<>();
        synchronized (s) {
            advance(s, now);
            for (CatalogPool p : catalog.pools(v.id)) {
                OfferKey k = p.key();
                if (!config.regionAllowed(k.region()) || !f.matches(k.region(), k.market(), k.instanceType())) {
                    continue;
                }
                boolean spot = p.spot();
                if (spot ? !caps.supports(Capability.SPOT_PRICES) : !caps.supports(Capability.ON_DEMAND_PRICES)) {
                    continue;
                }
                PriceQuote quote = new PriceQuote(Money.usd(price(p, hour)), spot ? hourStart : p.snapshotAt(), now,
                        p.source());
                Double rate = spot ? advertisedRate(p, caps) : Double.valueOf(0.0);
                out.add(new Offer(k, p.shape(), quote, available(p), rate));
            }
        }
        return out;
    }

    List<CapacitySignal> capacitySignals(Vendor v, Capabilities caps, Collection<OfferKey> pools) {
        Instant now = clock.instant();
        checkFault(v, now);
        caps.require(Capability.CAPACITY_SIGNALS);
        List<CatalogPool> wanted = new ArrayList<>();
        if (pools == null || pools.isEmpty()) {
            for (CatalogPool p : catalog.pools(v.id)) {
                if (config.regionAllowed(p.key().region())) {
                    wanted.add(p);
                }
            }
        } else {
            for (OfferKey k : pools) {
                CatalogPool p = k == null ? null : catalog.find(k);
                if (p != null && p.key().provider().equals(v.id) && config.regionAllowed(k.region())) {
                    wanted.add(p);
                }
            }
        }
        ProviderState s = states.get(v.id);
        List<CapacitySignal> out = new ArrayList<>();
        synchronized (s) {
            advance(s, now);
            for (CatalogPool p : wanted) {
                out.add(new CapacitySignal(p.key(), CapacitySignal.Kind.AVAILABLE_NODES,
                        BigDecimal.valueOf(available(p)), now, now, SRC_CAPACITY));
                if (p.placementScore() != null) {
                    out.add(new CapacitySignal(p.key(), CapacitySignal.Kind.PLACEMENT_SCORE,
                            BigDecimal.valueOf(p.placementScore()), p.snapshotAt(), now, p.source()));
                }
                Double rate = p.spot() ? advertisedRate(p, caps) : null;
                if (rate != null) {
                    boolean published = p.publishedInterruptionRate() != null;
                    out.add(new CapacitySignal(p.key(), CapacitySignal.Kind.INTERRUPTION_RATE_PER_HOUR,
                            BigDecimal.valueOf(rate), published ? p.snapshotAt() : now, now,
                            published ? p.source() : SRC_ASSUMED_RATE));
                }
            }
        }
        return out;
    }

    ProviderNode rent(Vendor v, Capabilities caps, RentRequest request) {
        Objects.requireNonNull(request, "request");
        Instant now = clock.instant();
        checkFault(v, now);
        OfferKey key = request.offer();
        caps.require(key.market() == Market.SPOT ? Capability.RENT_SPOT : Capability.RENT_ON_DEMAND);
        CatalogPool pool = catalog.find(key);
        if (!key.provider().equals(v.id) || pool == null || !config.regionAllowed(key.region())) {
            throw new ProviderException.InvalidRequest(v.displayName + " (simulated) has no pool " + key.id(),
                    v.invalidCode, null);
        }
        ProviderState s = states.get(v.id);
        synchronized (s) {
            advance(s, now);
            SimNode existing = s.byLease.get(request.leaseId());
            if (existing != null) {
                if (!existing.pool.key().equals(key)) {
                    throw new ProviderException.InvalidRequest("lease " + request.leaseId() + " was used for "
                            + existing.pool.key().id() + ", not " + key.id(), v.idempotencyMismatchCode, null);
                }
                return view(existing, now);
            }
            if (pool.spot() && request.maxPricePerHour() != null) {
                Money current = Money.usd(price(pool, SpotPriceWalk.hourIndex(now)));
                if (!current.currency().equals(request.maxPricePerHour().currency())) {
                    throw new ProviderException.InvalidRequest("max price must be in USD: "
                            + request.maxPricePerHour(), v.invalidCode, null);
                }
                if (request.maxPricePerHour().compareTo(current) < 0) {
                    throw new ProviderException.CapacityUnavailable("spot price of " + key.id() + " is " + current
                            + ", above the max price " + request.maxPricePerHour(), v.maxPriceTooLowCode, null);
                }
            }
            if (available(pool) <= 0) {
                boolean empty = capacity[pool.index()] == 0;
                throw new ProviderException.CapacityUnavailable((empty ? "no capacity in " : "pool exhausted: ")
                        + key.id() + " (" + inUse[pool.index()] + "/" + capacity[pool.index()] + " nodes in use)",
                        empty ? v.emptyPoolCode : v.capacityCode, null);
            }
            String id;
            do {
                id = v.nodeId(Seeded.hash(config.seed(), v.ordinal(), s.counter++, Seeded.SALT_NODE_ID));
            } while (s.ids.containsKey(id));
            Instant readyAt = now.plus(config.provisioningDelay(v.id));
            Instant interruptAt = pool.spot() ? interruptionTime(pool, id, readyAt) : null;
            SimNode node = new SimNode(id, pool, request.leaseId(), now, readyAt, interruptAt, request.labels(),
                    s.counter);
            s.ids.put(id, node);
            s.live.put(id, node);
            s.byLease.put(request.leaseId(), node);
            if (interruptAt != null) {
                s.interruptions.add(node);
            }
            inUse[pool.index()]++;
            return view(node, now);
        }
    }

    ReleaseOutcome release(Vendor v, Capabilities caps, String nodeId) {
        Instant now = clock.instant();
        checkFault(v, now);
        caps.require(Capability.RELEASE);
        if (nodeId == null) {
            return ReleaseOutcome.ALREADY_GONE;
        }
        ProviderState s = states.get(v.id);
        synchronized (s) {
            advance(s, now);
            SimNode node = s.live.remove(nodeId);
            if (node == null || node.interrupted) {
                return ReleaseOutcome.ALREADY_GONE;
            }
            node.released = true;
            inUse[node.pool.index()]--;
            return ReleaseOutcome.RELEASED;
        }
    }

    List<ProviderNode> listNodes(Vendor v, Capabilities caps) {
        Instant now = clock.instant();
        checkFault(v, now);
        caps.require(Capability.LIST_NODES);
        ProviderState s = states.get(v.id);
        List<ProviderNode> out = new ArrayList<>();
        synchronized (s) {
            advance(s, now);
            var it = s.live.values().iterator();
            while (it.hasNext()) {
                SimNode n = it.next();
                out.add(view(n, now));
                if (n.interrupted) {
                    it.remove(); // reported INTERRUPTED once, gone afterwards
                }
            }
        }
        return out;
    }

    List<OwnedMachine> listOwnedMachines(Vendor v, Capabilities caps) {
        checkFault(v, clock.instant());
        caps.require(Capability.LIST_OWNED);
        return config.ownedMachines().stream().filter(m -> m.provider().equals(v.id)).toList();
    }

    // ------------------------------------------------------------------ internals

    private CatalogPool requirePool(OfferKey key) {
        CatalogPool p = key == null ? null : catalog.find(key);
        if (p == null) {
            throw new IllegalArgumentException("unknown pool " + key);
        }
        return p;
    }

    private int available(CatalogPool p) {
        return Math.max(0, capacity[p.index()] - inUse[p.index()]);
    }

    private BigDecimal price(CatalogPool p, long hour) {
        return p.spot()
                ? SpotPriceWalk.price(config.seed(), p, hour, config.spotVolatility(), config.spotFloorFactor())
                : p.snapshotPrice();
    }

    /** The rate an adapter advertises for a spot pool: the published one, only where the vendor publishes rates. */
    private Double advertisedRate(CatalogPool p, Capabilities caps) {
        if (!caps.supports(Capability.INTERRUPTION_RATES)) {
            return null;
        }
        return p.publishedInterruptionRate() != null ? p.publishedInterruptionRate()
                : Double.valueOf(config.defaultSpotInterruptionRate(p.key().provider()));
    }

    /** The rate the simulation actually interrupts a spot pool's nodes at. */
    double effectiveInterruptionRate(CatalogPool p) {
        return p.publishedInterruptionRate() != null ? p.publishedInterruptionRate()
                : config.defaultSpotInterruptionRate(p.key().provider());
    }

    /**
     * When a spot node will be interrupted: exponentially distributed after it starts running, with the
     * pool's hazard rate, drawn from (seed, node id). A constant hazard λ per hour means that over any short
     * step of Δt hours a running node is interrupted with probability λ·Δt, however often the clock is read.
     */
    private Instant interruptionTime(CatalogPool pool, String nodeId, Instant runningFrom) {
        double rate = effectiveInterruptionRate(pool);
        if (!(rate > 0)) {
            return null;
        }
        double u = Seeded.unit(Seeded.hash(config.seed(), Seeded.fnv64(nodeId), 0, Seeded.SALT_INTERRUPTION));
        double hours = -Math.log1p(-u) / rate;
        if (hours > 1e7) {
            return null;
        }
        return runningFrom.plusMillis((long) Math.ceil(hours * 3_600_000.0));
    }

    /** Applies every interruption due by {@code now}. */
    private void advance(ProviderState s, Instant now) {
        while (!s.interruptions.isEmpty() && !s.interruptions.peek().interruptAt.isAfter(now)) {
            SimNode n = s.interruptions.poll();
            if (!n.released && !n.interrupted) {
                n.interrupted = true;
                inUse[n.pool.index()]--;
            }
        }
    }

    private static ProviderNode view(SimNode n, Instant now) {
        ProviderNode.NodeState state;
        if (n.released) {
            state = ProviderNode.NodeState.TERMINATED;
        } else if (n.interrupted) {
            state = ProviderNode.NodeState.INTERRUPTED;
        } else if (now.isBefore(n.readyAt)) {
            state = ProviderNode.NodeState.PENDING;
        } else {
            state = ProviderNode.NodeState.RUNNING;
        }
        return new ProviderNode(n.id, n.pool.key(), state, n.leaseId, n.launchedAt, n.labels);
    }

    private void checkFault(Vendor v, Instant now) {
        ActiveFault f = faults.get(v.id);
        if (f == null) {
            return;
        }
        if (!f.activeAt(now)) {
            faults.remove(v.id, f);
            return;
        }
        String what = v.displayName + " (simulated) ";
        throw switch (f.fault()) {
            case UNAVAILABLE -> new ProviderException.Unavailable(what + "is unavailable (injected outage)",
                    v.unavailableCode, null);
            case THROTTLED -> new ProviderException.Throttled(what + "is throttling requests (injected fault)",
                    v.throttledCode, f.until() == null ? null : Duration.between(now, f.until()), null);
            case AUTH_FAILED -> new ProviderException.AuthFailed(what + "rejected the credentials (injected fault)",
                    v.authCode, null);
        };
    }

    static int seededCapacity(SimulationConfig c, CatalogPool p) {
        if (Seeded.unit(Seeded.hash(c.seed(), p.hash(), 0, Seeded.SALT_CAPACITY_EMPTY)) < c.emptyPoolFraction()) {
            return 0;
        }
        double u = Seeded.unit(Seeded.hash(c.seed(), p.hash(), 0, Seeded.SALT_CAPACITY_SIZE));
        int span = c.maxPoolCapacity() - c.minPoolCapacity() + 1;
        int cap = c.minPoolCapacity() + Math.min(span - 1, (int) Math.floor(u * u * span)); // skewed to small
        if (p.placementScore() != null) {
            // SpotLake SPS 1..3: a low placement score means a smaller pool.
            cap = Math.max(c.minPoolCapacity(), (int) Math.round(cap * Math.min(3, p.placementScore()) / 3.0));
        }
        return cap;
    }

    private List<Region> visibleRegions(ProviderId p) {
        Map<String, Region> out = new TreeMap<>();
        for (Region r : catalog.regions(p)) {
            if (config.regionAllowed(r.code())) {
                out.put(r.code(), r);
            }
        }
        Map<String, Region> all = new HashMap<>();
        catalog.regions(p).forEach(r -> all.put(r.code(), r));
        for (OwnedMachine m : config.ownedMachines()) {
            if (m.provider().equals(p)) {
                out.computeIfAbsent(m.region(), code -> all.getOrDefault(code, new Region(p, code, null, null, null,
                        null)));
            }
        }
        return List.copyOf(out.values());
    }

    private static Capabilities capabilitiesOf(Vendor v, boolean advertiseAssumedRates) {
        Capabilities all = Capabilities.all();
        return switch (v) {
            case AWS -> all.without(Capability.LIST_OWNED, NO_OWNED_MACHINES.formatted("AWS"));
            case GCP -> advertiseAssumedRates
                    ? all.without(Capability.LIST_OWNED, NO_OWNED_MACHINES.formatted("Google Cloud"))
                    : all.without(Capability.LIST_OWNED, NO_OWNED_MACHINES.formatted("Google Cloud"))
                            .without(Capability.INTERRUPTION_RATES, GCP_NO_RATES);
            case AZURE -> all.without(Capability.LIST_OWNED, NO_OWNED_MACHINES.formatted("Azure"))
                    .without(Capability.SPOT_PRICES, AZURE_NO_SPOT)
                    .without(Capability.RENT_SPOT, AZURE_NO_SPOT)
                    .without(Capability.INTERRUPTION_RATES, AZURE_NO_SPOT);
            case OVH -> all.without(Capability.LIST_OFFERS, OVH_NO_PRICES)
                    .without(Capability.ON_DEMAND_PRICES, OVH_NO_PRICES)
                    .without(Capability.RENT_ON_DEMAND, OVH_NO_PRICES)
                    .without(Capability.CAPACITY_SIGNALS, OVH_NO_PRICES)
                    .without(Capability.SPOT_PRICES, OVH_NO_SPOT)
                    .without(Capability.RENT_SPOT, OVH_NO_SPOT)
                    .without(Capability.INTERRUPTION_RATES, OVH_NO_SPOT);
        };
    }

    private record ActiveFault(Fault fault, Instant until) {
        boolean activeAt(Instant now) {
            return until == null || now.isBefore(until);
        }
    }

    /** The mutable state of one provider; guarded by its own monitor. */
    private static final class ProviderState {
        /** Nodes that exist: pending, running, or interrupted and not yet reported. */
        final Map<String, SimNode> live = new LinkedHashMap<>();
        /** Every node ever rented, by id (ids are never reused). */
        final Map<String, SimNode> ids = new HashMap<>();
        final Map<String, SimNode> byLease = new HashMap<>();
        final PriorityQueue<SimNode> interruptions = new PriorityQueue<>(
                Comparator.comparing((SimNode n) -> n.interruptAt).thenComparingLong(n -> n.seq));
        long counter;
    }

    private static final class SimNode {
        final String id;
        final CatalogPool pool;
        final String leaseId;
        final Instant launchedAt;
        final Instant readyAt;
        final Instant interruptAt;
        final Map<String, String> labels;
        final long seq;
        boolean released;
        boolean interrupted;

        SimNode(String id, CatalogPool pool, String leaseId, Instant launchedAt, Instant readyAt, Instant interruptAt,
                Map<String, String> labels, long seq) {
            this.id = id;
            this.pool = pool;
            this.leaseId = leaseId;
            this.launchedAt = launchedAt;
            this.readyAt = readyAt;
            this.interruptAt = interruptAt;
            this.labels = labels;
            this.seq = seq;
        }
    }
}
