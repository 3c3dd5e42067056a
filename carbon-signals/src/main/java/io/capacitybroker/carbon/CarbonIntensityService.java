package io.capacitybroker.carbon;

import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.provider.spi.OwnedMachine;
import io.capacitybroker.provider.spi.ProviderException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grid carbon intensity for every mapped region, live, forecast and historical, and the grams of CO2e
 * of a node-hour with the breakdown that produced them.
 *
 * <p>Resolution of the current intensity of a region (see {@link FallbackLevel}): the newest measured
 * value of the policy's signal no older than {@code staleAfter}; else the last known measured value
 * no older than {@code lastKnownMaxAge} (fallback LAST_KNOWN, with its age); else the zone's bundled
 * yearly average (fallback YEARLY_AVERAGE). Under the MARGINAL policy a region without a WattTime
 * region, or without a marginal value, is resolved with the average signal and the note says so.
 * Storage errors never hide a figure: they degrade to the yearly average and the note says why.
 *
 * <p>The region map in use is the configured one plus the WattTime regions stored in the database
 * ({@code region.watttime_region}: verified ones and those resolved by {@link WattTimeRegionResolver}),
 * re-read at most every {@link #STORED_MAPPINGS_MAX_AGE} and on {@link #reloadRegions()}, so that a
 * resolution made on any instance is used without a restart.
 */
public final class CarbonIntensityService {

    private static final Logger log = LoggerFactory.getLogger(CarbonIntensityService.class);

    /** How long the WattTime regions read from the database are used before they are read again. */
    public static final Duration STORED_MAPPINGS_MAX_AGE = Duration.ofSeconds(60);

    /**
     * The outcome of one refresh of one source. {@code zonesNoAccess} counts the zones the source refused to this
     * account in this run; {@code zonesSkipped} those not asked because they were refused within the re-check period.
     */
    public record RefreshResult(String source, Instant startedAt, Instant finishedAt, int zonesAsked, int zonesFailed,
                                int observationsWritten, String error, List<String> failures, int zonesNoAccess,
                                int zonesSkipped) {
        public boolean succeeded() {
            return error == null;
        }
    }

    /** The forecast of one region: the current value and the points of the next hours. */
    public record RegionForecast(RegionZone region, ResolvedIntensity current, List<IntensityObservation> points) {
    }

    /** One region of a best-regions answer; {@code best*} is the cleanest forecast hour of the window (or now). */
    public record RegionRanking(RegionZone region, ResolvedIntensity current, double bestGco2PerKwh, Instant bestAt,
                                Double windowMeanGco2PerKwh, int forecastPoints) {
    }

    private final CarbonStore store;
    private final Clock clock;
    private final Map<String, CarbonSource> sources;
    private final CarbonConfig config;
    private final YearlyIntensities yearly = YearlyIntensities.bundled();
    private volatile Regions regions;

    /** The map in use (configured + stored WattTime regions) and the WattTime regions refused to this account. */
    private record Regions(RegionMap map, Map<String, CarbonStore.AccessDenied> wattTimeDenied, long loadedAtNanos) {
    }

    public CarbonIntensityService(javax.sql.DataSource dataSource, Clock clock, Collection<CarbonSource> sources,
                                  CarbonConfig config) {
        this.store = new CarbonStore(dataSource);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sources = new LinkedHashMap<>();
        sources.forEach(s -> this.sources.put(s.name(), s));
        this.config = Objects.requireNonNull(config, "config");
    }

    public CarbonConfig config() {
        return config;
    }

    public Collection<CarbonSource> sources() {
        return List.copyOf(sources.values());
    }

    public CarbonStore store() {
        return store;
    }

    /** The region map in use: the configured one with the WattTime regions stored in the database. */
    public RegionMap regionMap() {
        return regions().map();
    }

    /** The configured (bundled) region map, without stored WattTime regions. */
    public RegionMap bundledRegionMap() {
        return config.regionMap();
    }

    /** Reads the stored WattTime regions (and the regions refused to this account) again, now. */
    public RegionMap reloadRegions() {
        return load(regions).map();
    }

    /** The WattTime regions refused to this account (HTTP 403), by region, as last read. */
    public Map<String, CarbonStore.AccessDenied> wattTimeAccessDenied() {
        return regions().wattTimeDenied();
    }

    private Regions regions() {
        Regions r = regions;
        if (r == null || System.nanoTime() - r.loadedAtNanos() > STORED_MAPPINGS_MAX_AGE.toNanos()) {
            r = load(r);
        }
        return r;
    }

    private synchronized Regions load(Regions previous) {
        Regions r;
        try {
            r = new Regions(config.regionMap().withWattTimeRegions(store.wattTimeMappings()),
                    Map.copyOf(store.accessDenied(WattTimeSource.NAME)), System.nanoTime());
        } catch (SQLException | RuntimeException e) {
            log.warn("carbon: cannot read the stored WattTime regions, using {}: {}",
                    previous == null ? "the bundled map" : "those read before", e.getMessage());
            r = previous != null ? new Regions(previous.map(), previous.wattTimeDenied(), System.nanoTime())
                    : new Regions(config.regionMap(), Map.of(), System.nanoTime());
        }
        regions = r;
        return r;
    }

    // ------------------------------------------------------------------------------------------ refresh

    /**
     * Fetches the latest value and forecast of every zone the source serves and stores them with their
     * provenance (source, fetchedAt, an {@code ingest_run} row). One zone's failure does not stop the
     * others; an authentication failure stops the run (every zone would fail the same way). Never throws.
     */
    public RefreshResult refresh(CarbonSource source) {
        Instant started = clock.instant();
        List<String> served = List.copyOf(source.zonesFor(reloadRegions().mappings()));
        Map<String, CarbonStore.AccessDenied> denied = Map.of();
        try {
            denied = store.accessDenied(source.name());
        } catch (SQLException e) {
            log.warn("carbon refresh {}: cannot read the zones refused to this account: {}", source.name(), e.getMessage());
        }
        List<String> zones = new ArrayList<>();
        int skipped = 0;
        for (String zone : served) {
            CarbonStore.AccessDenied d = denied.get(zone);
            if (d != null && d.checkedAt().plus(config.noAccessRecheck()).isAfter(started)) {
                skipped++; // refused lately: asked again after the re-check period, not on every run
            } else {
                zones.add(zone);
            }
        }
        long run = -1;
        try {
            run = store.startRun(source.name(), started);
        } catch (SQLException e) {
            log.warn("carbon refresh {}: cannot record the run: {}", source.name(), e.getMessage());
        }
        List<IntensityObservation> all = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int noAccess = 0;
        boolean accessChanged = false;
        String error = null;
        for (String zone : zones) {
            try {
                all.addAll(source.fetch(zone, started));
                if (denied.containsKey(zone)) {
                    allowAccess(source, zone);
                    accessChanged = true;
                }
            } catch (ProviderException e) {
                if (source.noAccess(e)) {
                    noAccess++;
                    denyAccess(source, zone, started, e);
                    continue;
                }
                failures.add(zone + ": " + e.code() + " " + e.getMessage());
                if (e instanceof ProviderException.AuthFailed) {
                    error = e.code() + ": " + e.getMessage();
                    break;
                }
            } catch (RuntimeException e) {
                failures.add(zone + ": " + e);
            }
        }
        if (error == null && !failures.isEmpty() && failures.size() == zones.size() - noAccess) {
            error = "every zone failed; first: " + failures.getFirst();
        }
        int written = 0;
        try {
            written = store.write(all);
        } catch (SQLException | RuntimeException e) {
            error = "storage_error: " + e.getMessage();
            written = 0;
        }
        Instant finished = clock.instant();
        if (run >= 0) {
            try {
                String detail = error != null ? error
                        : failures.isEmpty() ? null : failures.size() + " zone(s) failed; first: " + failures.getFirst();
                if (error == null && noAccess + skipped > 0) {
                    detail = (detail == null ? "" : detail + "; ") + (noAccess + skipped) + " zone(s) refused to this account";
                }
                store.finishRun(run, finished, error == null, zones.size(), written, detail);
            } catch (SQLException e) {
                log.warn("carbon refresh {}: cannot finish the run record: {}", source.name(), e.getMessage());
            }
        }
        if (noAccess > 0 || accessChanged) {
            reloadRegions(); // the notes of the regions concerned change
        }
        log.info("carbon refresh {}: {} zones, {} failed, {} refused to this account{}, {} observations written{}", source.name(),
                zones.size(), failures.size(), noAccess, skipped == 0 ? "" : " (+" + skipped + " not asked again yet)", written,
                error == null ? "" : " — " + error);
        return new RefreshResult(source.name(), started, finished, zones.size(), failures.size(), written, error, List.copyOf(failures),
                noAccess, skipped);
    }

    private void denyAccess(CarbonSource source, String zone, Instant at, ProviderException e) {
        try {
            if (store.denyAccess(source.name(), zone, at, e.getMessage())) {
                log.warn("carbon refresh {}: {} is not readable with this account ({}); it is asked again after {}, "
                        + "and regions mapped to it use the average signal meanwhile", source.name(), zone, e.getMessage(),
                        human(config.noAccessRecheck()));
            } else {
                log.debug("carbon refresh {}: {} still not readable with this account", source.name(), zone);
            }
        } catch (SQLException ex) {
            log.warn("carbon refresh {}: {} is not readable with this account ({}), and that cannot be recorded: {}", source.name(),
                    zone, e.getMessage(), ex.getMessage());
        }
    }

    private void allowAccess(CarbonSource source, String zone) {
        try {
            store.allowAccess(source.name(), zone);
            log.info("carbon refresh {}: {} is readable with this account again", source.name(), zone);
        } catch (SQLException e) {
            log.warn("carbon refresh {}: cannot clear the refusal of {}: {}", source.name(), zone, e.getMessage());
        }
    }

    /** Refreshes the configured source of that name. */
    public RefreshResult refresh(String sourceName) {
        CarbonSource s = sources.get(sourceName);
        if (s == null) {
            throw new IllegalArgumentException("no carbon source named " + sourceName);
        }
        return refresh(s);
    }

    // ------------------------------------------------------------------------------------------ current

    public RegionZone zoneOf(ProviderId provider, String region) {
        return regionMap().find(provider, region)
                .orElseThrow(() -> new UnknownRegionException(List.of(provider.code() + ":" + region)));
    }

    /** The current intensity of the region under the configured policy, with its fallback level. */
    public ResolvedIntensity current(ProviderId provider, String region) {
        return current(zoneOf(provider, region), config.policy(), clock.instant());
    }

    public ResolvedIntensity current(ProviderId provider, String region, SignalType signal) {
        return current(zoneOf(provider, region), signal, clock.instant());
    }

    ResolvedIntensity current(RegionZone rz, SignalType signal, Instant now) {
        String note = "";
        if (signal == SignalType.MARGINAL) {
            if (rz.wattTime().isPresent()) {
                Optional<ResolvedIntensity> m = measured(rz, rz.wattTimeRegion(), SignalType.MARGINAL, now, "");
                if (m.isPresent()) {
                    return m.get();
                }
                CarbonStore.AccessDenied denied = regions().wattTimeDenied().get(rz.wattTimeRegion());
                note = denied != null
                        ? "WattTime region " + rz.wattTimeRegion() + " is not in this account's WattTime plan (HTTP 403 since "
                                + denied.since() + "); average signal used. "
                        : "no marginal (WattTime) value for " + rz.wattTimeRegion() + "; average signal used. ";
            } else {
                note = "no WattTime region mapped for " + rz.ref() + "; average signal used. ";
            }
        }
        Optional<ResolvedIntensity> a = measured(rz, rz.gridZone(), SignalType.AVERAGE, now, note);
        if (a.isPresent()) {
            return a.get();
        }
        return yearlyFallback(rz, now, note + "no measured value within " + config.lastKnownMaxAge().toDays() + " days");
    }

    private Optional<ResolvedIntensity> measured(RegionZone rz, String zone, SignalType signal, Instant now, String note) {
        Optional<IntensityObservation> o;
        try {
            o = store.latest(zone, signal, ObservationKind.ACTUAL, now, now.minus(config.lastKnownMaxAge()), config.sourcePriority());
        } catch (SQLException e) {
            log.warn("carbon: cannot read stored intensities of {}: {}", zone, e.getMessage());
            return Optional.empty();
        }
        return o.map(v -> {
            Duration age = Duration.between(v.validAt(), now);
            boolean fresh = age.compareTo(config.staleAfter()) <= 0;
            String n = note + (fresh ? "" : "newest measured value is " + human(age) + " old (stale after "
                    + human(config.staleAfter()) + "): last known value used");
            return resolved(rz, v, fresh ? FallbackLevel.NONE : FallbackLevel.LAST_KNOWN, age, n.strip());
        });
    }

    private ResolvedIntensity yearlyFallback(RegionZone rz, Instant now, String why) {
        YearlyIntensities.Yearly y = yearly.latest(rz.gridZone())
                .orElseThrow(() -> new IllegalStateException("zone " + rz.gridZone() + " has no bundled yearly value"));
        Instant start = LocalDate.of(y.year(), 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = LocalDate.of(y.year() + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Duration age = now.isAfter(end) ? Duration.between(end, now) : Duration.ZERO;
        return new ResolvedIntensity(rz, rz.gridZone(), SignalType.AVERAGE, ObservationKind.YEARLY_AVERAGE, y.gco2PerKwh(),
                YearlyIntensities.SOURCE, "lifecycle", start, null, FallbackLevel.YEARLY_AVERAGE, age,
                (why + "; yearly average " + y.year() + " of " + rz.gridZone() + " used").strip());
    }

    private ResolvedIntensity resolved(RegionZone rz, IntensityObservation o, FallbackLevel level, Duration age, String note) {
        String factor = emissionFactor(o.source());
        if (factor.equals("direct")) {
            note = (note + " " + o.source() + " counts operational (direct) emissions only, not life-cycle: "
                    + "lower than, and not comparable with, Electricity Maps figures").strip();
        }
        return new ResolvedIntensity(rz, o.zone(), o.signal(), o.kind(), o.gco2PerKwh(), o.source(), factor,
                o.validAt(), o.fetchedAt(), level, age, note);
    }

    private String emissionFactor(String source) {
        CarbonSource s = sources.get(source);
        if (s != null) {
            return s.emissionFactor();
        }
        return switch (source) {
            case UkCarbonIntensitySource.NAME -> "direct";
            case WattTimeSource.NAME -> "marginal-operational";
            default -> "lifecycle";
        };
    }

    // ------------------------------------------------------------------------------------------ forecast

    /** The current value and the stored forecast of the next {@code hours} hours (empty points when no source forecasts it). */
    public RegionForecast forecast(ProviderId provider, String region, int hours) {
        if (hours < 0 || hours > 72) {
            throw new IllegalArgumentException("hours must be 0..72");
        }
        RegionZone rz = zoneOf(provider, region);
        Instant now = clock.instant();
        ResolvedIntensity cur = current(rz, config.policy(), now);
        return new RegionForecast(rz, cur, forecastPoints(rz, cur, now, hours));
    }

    private List<IntensityObservation> forecastPoints(RegionZone rz, ResolvedIntensity cur, Instant now, int hours) {
        if (hours == 0) {
            return List.of();
        }
        try {
            // a finer regional series (UK regions) comes first when one is stored
            java.util.OptionalInt ukRegion = UkCarbonIntensitySource.ukRegionId(rz);
            if (ukRegion.isPresent() && cur.signal() == SignalType.AVERAGE) {
                List<IntensityObservation> regional = store.forecast(UkCarbonIntensitySource.regionalZone(ukRegion.getAsInt()),
                        SignalType.AVERAGE, now.minus(Duration.ofMinutes(59)), now.plus(Duration.ofHours(hours)),
                        config.sourcePriority());
                if (!regional.isEmpty()) {
                    return regional;
                }
            }
            // the point covering now starts up to an hour before it
            List<IntensityObservation> pts = store.forecast(cur.zone(), cur.signal(), now.minus(Duration.ofMinutes(59)),
                    now.plus(Duration.ofHours(hours)), config.sourcePriority());
            if (pts.isEmpty() && !cur.zone().equals(rz.gridZone())) {
                pts = store.forecast(rz.gridZone(), SignalType.AVERAGE, now.minus(Duration.ofMinutes(59)),
                        now.plus(Duration.ofHours(hours)), config.sourcePriority());
            }
            return pts;
        } catch (SQLException e) {
            log.warn("carbon: cannot read forecasts of {}: {}", rz.gridZone(), e.getMessage());
            return List.of();
        }
    }

    /**
     * Ranks the regions, cleanest first: by the current value when {@code hours == 0}, else by the
     * cleanest point of the current value and the forecast of the next {@code hours} hours.
     */
    public List<RegionRanking> bestRegions(Collection<RegionRef> regions, int hours) {
        if (hours < 0 || hours > 72) {
            throw new IllegalArgumentException("hours must be 0..72");
        }
        List<String> unknown = new ArrayList<>();
        List<RegionZone> zones = new ArrayList<>();
        RegionMap map = regionMap();
        for (RegionRef r : regions) {
            map.find(r.provider(), r.region()).ifPresentOrElse(zones::add, () -> unknown.add(r.toString()));
        }
        if (!unknown.isEmpty()) {
            throw new UnknownRegionException(unknown);
        }
        Instant now = clock.instant();
        List<RegionRanking> out = new ArrayList<>();
        for (RegionZone rz : zones) {
            ResolvedIntensity cur = current(rz, config.policy(), now);
            double best = cur.gco2PerKwh();
            Instant bestAt = now;
            List<IntensityObservation> pts = forecastPoints(rz, cur, now, hours);
            Double mean = null;
            if (!pts.isEmpty()) {
                double sum = 0;
                for (IntensityObservation p : pts) {
                    sum += p.gco2PerKwh();
                    if (p.gco2PerKwh() < best) {
                        best = p.gco2PerKwh();
                        bestAt = p.validAt().isBefore(now) ? now : p.validAt();
                    }
                }
                mean = sum / pts.size();
            }
            out.add(new RegionRanking(rz, cur, best, bestAt, mean, pts.size()));
        }
        Comparator<RegionRanking> order = hours == 0
                ? Comparator.comparingDouble(r -> r.current().gco2PerKwh())
                : Comparator.comparingDouble(RegionRanking::bestGco2PerKwh);
        out.sort(order.thenComparing(r -> r.region().ref()));
        return out;
    }

    /** A {@code provider:region} reference. */
    public record RegionRef(ProviderId provider, String region) {
        public static RegionRef parse(String s) {
            int i = s == null ? -1 : s.indexOf(':');
            if (i <= 0 || i == s.length() - 1) {
                throw new IllegalArgumentException("expected provider:region, got '" + s + "'");
            }
            return new RegionRef(ProviderId.of(s.substring(0, i).trim()), s.substring(i + 1).trim());
        }

        @Override
        public String toString() {
            return provider.code() + ":" + region;
        }
    }

    // ------------------------------------------------------------------------------------------ grams

    /** Grams CO2e per node-hour, with the breakdown (intensity under the configured policy, power model). */
    public CarbonBreakdown gramsPerHour(NodeSpec node) {
        RegionZone rz = zoneOf(node.provider(), node.region());
        return config.powerModel().footprint(node, current(rz, config.policy(), clock.instant()));
    }

    /**
     * Grams CO2e per node-hour of a node shape in a region, for planner scenarios ({@code co2GramsPerHour}).
     * {@code measuredWatts} / {@code pue} may be null (owned machines pass what they know).
     */
    public double co2GramsPerHour(ProviderId provider, String region, double vcpus, double memoryGiB, Double measuredWatts,
                                  Double pue) {
        return gramsPerHour(NodeSpec.of(provider, region, vcpus, memoryGiB).withMeasured(measuredWatts, pue)).gramsPerHour();
    }

    /** One line on where the figures come from, to store with a plan. */
    public String describe() {
        return "carbon: " + config.policy().db() + " signal; sources " + String.join(", ", sources.keySet())
                + "; fallback last known after " + human(config.staleAfter()) + ", yearly average after "
                + human(config.lastKnownMaxAge()) + "; power model CCF (planning contract), u=" + config.powerModel().utilisation()
                + (config.embodied() ? "; embodied (CCF) included" : "");
    }

    /** Grams CO2e per hour of one node of the offer: the value of the plan input's {@code co2GramsPerHour}. */
    public CarbonBreakdown gramsPerHour(Offer offer) {
        return gramsPerHour(NodeSpec.of(offer));
    }

    /** Grams CO2e per hour of an owned machine, with its configured measured watts / PUE when set. */
    public CarbonBreakdown gramsPerHour(OwnedMachine machine) {
        NodeSpec n = NodeSpec.of(machine);
        CarbonConfig.OwnedPower op = config.ownedMachines().get(machine.id());
        if (op != null) {
            n = n.withMeasured(op.watts() != null ? op.watts() : n.measuredWatts(), op.pue());
        }
        return gramsPerHour(n);
    }

    /**
     * The {@code co2GramsPerHour} of many offers at once, for the planner: each region's intensity is
     * resolved once. Offers of unmapped regions are absent from the answer (the caller decides: the
     * region-map test keeps the bundled catalog complete). With {@link CarbonConfig#embodied()}, offers
     * of instance types with a CCF embodied coefficient also carry their embodied share; the host's
     * vCPU count is taken as the largest size of the type's family among the given offers.
     */
    public Map<String, CarbonBreakdown> gramsPerHourByOfferId(Collection<Offer> offers) {
        Instant now = clock.instant();
        Map<String, ResolvedIntensity> byRegion = new HashMap<>();
        Map<String, Double> hostVcpus = new HashMap<>();
        EmbodiedCoefficients ccf = config.embodied() ? EmbodiedCoefficients.bundled() : null;
        if (ccf != null) {
            for (Offer o : offers) {
                ccf.of(o.key().provider(), o.shape().instanceType()).ifPresent(c -> hostVcpus.merge(
                        o.key().provider().code() + ":" + c.family(), o.shape().vcpus().doubleValue(), Math::max));
            }
        }
        Map<String, CarbonBreakdown> out = new LinkedHashMap<>();
        RegionMap map = regionMap();
        for (Offer o : offers) {
            String key = o.key().provider().code() + ":" + o.key().region();
            ResolvedIntensity ri = byRegion.computeIfAbsent(key, k -> map.find(o.key().provider(), o.key().region())
                    .map(rz -> current(rz, config.policy(), now)).orElse(null));
            if (ri == null) {
                continue;
            }
            CarbonBreakdown b = config.powerModel().footprint(NodeSpec.of(o), ri);
            if (ccf != null) {
                Optional<EmbodiedCoefficients.Coefficient> c = ccf.of(o.key().provider(), o.shape().instanceType());
                if (c.isPresent()) {
                    double host = hostVcpus.get(o.key().provider().code() + ":" + c.get().family());
                    double vcpus = o.shape().vcpus().doubleValue();
                    b = b.withEmbodied(EmbodiedCoefficients.gramsPerHour(c.get(), vcpus, host), String.format(java.util.Locale.ROOT,
                            "(CCF %s: %.2f kgCO2e per server × 1000 / %.0f h × %s / %s vCPU) = %.4f g/h", c.get().type(),
                            c.get().totalKgCo2e(), EmbodiedCoefficients.LIFESPAN_HOURS, vcpus, host,
                            EmbodiedCoefficients.gramsPerHour(c.get(), vcpus, host)));
                }
            }
            out.put(o.key().id(), b);
        }
        return out;
    }

    /** Stored measured values of the region's zone over the last {@code hours} hours. */
    public List<IntensityObservation> history(ProviderId provider, String region, int hours) {
        RegionZone rz = zoneOf(provider, region);
        Instant now = clock.instant();
        try {
            return store.history(rz.gridZone(), SignalType.AVERAGE, now.minus(Duration.ofHours(hours)), now.plusSeconds(1));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read carbon history: " + e.getMessage(), e);
        }
    }

    /** Which sources refreshed successfully and when. */
    public Map<String, Optional<Instant>> lastRefreshes() {
        Map<String, Optional<Instant>> m = new LinkedHashMap<>();
        for (String s : sources.keySet()) {
            try {
                m.put(s, store.lastSuccess(s));
            } catch (SQLException e) {
                m.put(s, Optional.empty());
            }
        }
        return m;
    }

    static String human(Duration d) {
        long m = d.toMinutes();
        if (m < 120) {
            return m + " min";
        }
        long h = d.toHours();
        return h < 72 ? h + " h" : d.toDays() + " days";
    }

    Set<String> sourceNames() {
        return sources.keySet();
    }
}
