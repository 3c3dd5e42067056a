package io.capacitybroker.carbon;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bundled Electricity Maps yearly averages (life-cycle, 2021–2025) as a source: the default when no
 * key is configured, so an embedded broker shows real numbers. Each zone yields one
 * {@code yearly_average} observation per bundled year, valid from 1 January of that year.
 */
public final class StaticYearlySource implements CarbonSource {

    private final YearlyIntensities yearly;

    public StaticYearlySource(YearlyIntensities yearly) {
        this.yearly = yearly;
    }

    public StaticYearlySource() {
        this(YearlyIntensities.bundled());
    }

    @Override
    public String name() {
        return YearlyIntensities.SOURCE;
    }

    @Override
    public SignalType signal() {
        return SignalType.AVERAGE;
    }

    @Override
    public String emissionFactor() {
        return "lifecycle";
    }

    @Override
    public Set<String> zonesFor(Collection<RegionZone> regions) {
        Set<String> z = new TreeSet<>();
        regions.forEach(r -> {
            if (yearly.latest(r.gridZone()).isPresent()) {
                z.add(r.gridZone());
            }
        });
        return z;
    }

    @Override
    public List<IntensityObservation> fetch(String zone, Instant now) {
        List<IntensityObservation> out = new ArrayList<>();
        yearly.latest(zone).ifPresent(latest -> {
            for (int y = latest.year() - 4; y <= latest.year(); y++) {
                yearly.of(zone, y).ifPresent(v -> out.add(new IntensityObservation(zone, SignalType.AVERAGE,
                        ObservationKind.YEARLY_AVERAGE, LocalDate.of(v.year(), 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                        now, v.gco2PerKwh(), name())));
            }
        });
        return out;
    }
}
