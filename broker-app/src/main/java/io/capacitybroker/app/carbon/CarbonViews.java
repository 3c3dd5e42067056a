package io.capacitybroker.app.carbon;

import io.capacitybroker.carbon.CarbonBreakdown;
import io.capacitybroker.carbon.CarbonIntensityService;
import io.capacitybroker.carbon.IntensityObservation;
import io.capacitybroker.carbon.PowerEstimate;
import io.capacitybroker.carbon.RegionZone;
import io.capacitybroker.carbon.ResolvedIntensity;
import java.time.Instant;
import java.util.List;

/** JSON shapes of the carbon API. */
final class CarbonViews {

    private CarbonViews() {
    }

    /**
     * A region's mapping. {@code wattTimeRegionSource}: {@code region_map} (bundled, verified) or
     * {@code watttime_region_from_loc} (WattTime's answer for the position, at {@code wattTimeRegionResolvedAt}).
     */
    record RegionView(String provider, String region, String gridZone, String wattTimeRegion, String wattTimeRegionSource,
                      Instant wattTimeRegionResolvedAt, String country, String location, Double latitude, Double longitude,
                      String mappingSource) {
        static RegionView of(RegionZone z) {
            return new RegionView(z.provider().code(), z.region(), z.gridZone(), z.wattTimeRegion(), z.wattTimeSource(),
                    z.wattTimeResolvedAt(), z.country(), z.location(),
                    z.position() == null ? null : z.position().latitude(), z.position() == null ? null : z.position().longitude(),
                    z.source());
        }
    }

    record IntensityView(String zone, String signal, String kind, double gco2PerKwh, String source, String emissionFactor,
                         Instant observedAt, Instant fetchedAt, boolean fallback, String fallbackLevel, long ageSeconds, String note) {
        static IntensityView of(ResolvedIntensity r) {
            return new IntensityView(r.zone(), r.signal().db(), r.kind().db(), r.gco2PerKwh(), r.source(), r.emissionFactor(),
                    r.observedAt(), r.fetchedAt(), r.isFallback(), r.fallback().name().toLowerCase(java.util.Locale.ROOT),
                    r.age().toSeconds(), r.note());
        }
    }

    record PointView(Instant validAt, double gco2PerKwh, String source) {
        static PointView of(IntensityObservation o) {
            return new PointView(o.validAt(), o.gco2PerKwh(), o.source());
        }
    }

    record RegionIntensityView(RegionView region, IntensityView current, int forecastHours, List<PointView> forecast) {
    }

    record RankingView(int rank, RegionView region, IntensityView current, double bestGco2PerKwh, Instant bestAt,
                       Double windowMeanGco2PerKwh, int forecastPoints) {
        static RankingView of(int rank, CarbonIntensityService.RegionRanking r) {
            return new RankingView(rank, RegionView.of(r.region()), IntensityView.of(r.current()), r.bestGco2PerKwh(), r.bestAt(),
                    r.windowMeanGco2PerKwh(), r.forecastPoints());
        }
    }

    record BestView(String policy, int hours, List<RankingView> regions) {
    }

    record PowerView(double vcpus, double memoryGiB, double utilisation, double minWattsPerVcpu, double maxWattsPerVcpu,
                     double wattsPerGiB, double itWatts, double pue, double facilityWatts, boolean measured, String basis) {
        static PowerView of(PowerEstimate p) {
            return new PowerView(p.vcpus(), p.memoryGiB(), p.utilisation(), p.minWattsPerVcpu(), p.maxWattsPerVcpu(), p.wattsPerGiB(),
                    p.itWatts(), p.pue(), p.facilityWatts(), p.measured(), p.basis());
        }
    }

    record FootprintView(String provider, String region, double co2GramsPerHour, double operationalGramsPerHour,
                         double embodiedGramsPerHour, IntensityView intensity, RegionView mapping, PowerView power, String formula) {
        static FootprintView of(CarbonBreakdown b) {
            return new FootprintView(b.intensity().region().provider().code(), b.intensity().region().region(), b.gramsPerHour(),
                    b.operationalGramsPerHour(), b.embodiedGramsPerHour(), IntensityView.of(b.intensity()),
                    RegionView.of(b.intensity().region()), PowerView.of(b.power()), b.formula());
        }
    }

    record SourceView(String name, String signal, String emissionFactor, Instant lastSuccessAt) {
    }
}
