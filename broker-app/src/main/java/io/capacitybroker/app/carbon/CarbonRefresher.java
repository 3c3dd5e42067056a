package io.capacitybroker.app.carbon;

import io.capacitybroker.carbon.CarbonIntensityService;
import io.capacitybroker.carbon.CarbonSource;
import io.capacitybroker.carbon.RegionZone;
import io.capacitybroker.carbon.WattTimeMapping;
import io.capacitybroker.carbon.WattTimeRegionResolver;
import io.capacitybroker.carbon.WattTimeSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One refresh of one carbon source, as run by its Quartz job. For WattTime (when
 * {@code broker.carbon.watttime.resolve-regions}) it first resolves the WattTime region of every stored
 * region that is due ({@link WattTimeRegionResolver}), so that the forecast refresh that follows fetches
 * the MOER of every WattTime region in use.
 *
 * <p>Metrics: {@code broker.carbon.watttime.region.lookups{outcome=resolved|failed}} (counters of
 * {@code /v3/region-from-loc} answers), {@code broker.carbon.watttime.regions{source=region_map|watttime_region_from_loc}}
 * (stored WattTime regions by provenance), {@code broker.carbon.watttime.regions.no.access} (WattTime regions
 * outside the account's plan) and {@code broker.carbon.watttime.region.resolution.last{count=...}} (the last run).
 */
@Component
public class CarbonRefresher {

    private static final Logger log = LoggerFactory.getLogger(CarbonRefresher.class);

    private final CarbonIntensityService service;
    private final WattTimeRegionResolver resolver;
    private final MeterRegistry meters;
    private final AtomicReference<WattTimeRegionResolver.Result> last = new AtomicReference<>();

    CarbonRefresher(CarbonIntensityService service, CarbonConfiguration.CarbonSources sources, CarbonProperties properties,
                    DataSource dataSource, Clock clock, MeterRegistry meters) {
        this.service = service;
        this.meters = meters;
        Optional<WattTimeSource> wt = sources.sources().stream().filter(WattTimeSource.class::isInstance)
                .map(WattTimeSource.class::cast).findFirst();
        this.resolver = wt.isPresent() && properties.watttime().resolveRegions()
                ? new WattTimeRegionResolver(dataSource, wt.get(), service.bundledRegionMap(), clock, properties.watttime().regionRecheck())
                : null;
        if (wt.isPresent()) {
            for (String source : new String[] {RegionZone.WATTTIME_FROM_REGION_MAP, RegionZone.WATTTIME_FROM_LOCATION}) {
                Gauge.builder("broker.carbon.watttime.regions", service, s -> s.regionMap().storedWattTimeRegions().stream()
                                .map(WattTimeMapping::source).filter(source::equals).count())
                        .description("Stored regions with a WattTime region, by provenance").tag("source", source).register(meters);
            }
            Gauge.builder("broker.carbon.watttime.regions.no.access", service, s -> s.wattTimeAccessDenied().size())
                    .description("WattTime regions outside this account's plan (HTTP 403)").register(meters);
            registerLast("asked", WattTimeRegionResolver.Result::asked);
            registerLast("resolved", WattTimeRegionResolver.Result::resolved);
            registerLast("failed", WattTimeRegionResolver.Result::failed);
            registerLast("without_position", WattTimeRegionResolver.Result::withoutPosition);
        }
    }

    private void registerLast(String count, java.util.function.ToIntFunction<WattTimeRegionResolver.Result> f) {
        Gauge.builder("broker.carbon.watttime.region.resolution.last", last, r -> r.get() == null ? 0 : f.applyAsInt(r.get()))
                .description("Regions of the last WattTime region resolution run").tag("count", count).register(meters);
    }

    /** Whether WattTime regions are resolved before each WattTime refresh. */
    public boolean resolvesWattTimeRegions() {
        return resolver != null;
    }

    /** The last resolution run, if one ran on this instance. */
    public Optional<WattTimeRegionResolver.Result> lastResolution() {
        return Optional.ofNullable(last.get());
    }

    /** Resolves the WattTime regions that are due, now (no-op without WattTime). */
    public Optional<WattTimeRegionResolver.Result> resolveWattTimeRegions() {
        if (resolver == null) {
            return Optional.empty();
        }
        WattTimeRegionResolver.Result r = resolver.resolve();
        last.set(r);
        meters.counter("broker.carbon.watttime.region.lookups", "outcome", "resolved").increment(r.resolved());
        meters.counter("broker.carbon.watttime.region.lookups", "outcome", "failed").increment(r.failed());
        if (r.error() != null) {
            log.warn("WattTime region resolution stopped early: {}", r.error());
        }
        service.reloadRegions();
        return Optional.of(r);
    }

    /** Refreshes the configured source of that name (unknown names are ignored: the job outlived a configuration change). */
    public Optional<CarbonIntensityService.RefreshResult> refresh(String sourceName) {
        Optional<CarbonSource> source = service.sources().stream().filter(s -> s.name().equals(sourceName)).findFirst();
        if (source.isEmpty()) {
            return Optional.empty();
        }
        if (source.get() instanceof WattTimeSource) {
            resolveWattTimeRegions();
        }
        return Optional.of(service.refresh(source.get()));
    }
}
