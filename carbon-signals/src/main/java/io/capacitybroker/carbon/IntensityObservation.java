package io.capacitybroker.carbon;

import java.time.Instant;
import java.util.Objects;

/**
 * One value of a grid signal. {@code zone} is an Electricity Maps zone for average signals and a
 * WattTime region for marginal ones; {@code validAt} is the start of the period the value is for.
 */
public record IntensityObservation(String zone, SignalType signal, ObservationKind kind, Instant validAt,
                                   Instant fetchedAt, double gco2PerKwh, String source) {

    public IntensityObservation {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(validAt, "validAt");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(source, "source");
        if (!(gco2PerKwh >= 0) || Double.isInfinite(gco2PerKwh)) {
            throw new IllegalArgumentException("gco2PerKwh must be a finite value >= 0: " + gco2PerKwh + " (" + zone + ")");
        }
    }
}
