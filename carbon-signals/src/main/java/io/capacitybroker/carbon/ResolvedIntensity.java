package io.capacitybroker.carbon;

import java.time.Duration;
import java.time.Instant;

/**
 * The intensity a figure was computed with, and where it came from.
 *
 * @param region          the region asked for, with its mapping justification
 * @param zone            the grid zone (or WattTime region) whose signal was used
 * @param signal          the signal actually used (may differ from the one asked for; see {@code note})
 * @param kind            actual, forecast or yearly average
 * @param gco2PerKwh      the value
 * @param source          the source that produced it (e.g. {@code electricitymaps}, {@code electricitymaps-yearly})
 * @param emissionFactor  {@code lifecycle} (Electricity Maps), {@code direct} (UK Carbon Intensity: operational only)
 *                        or {@code marginal-operational} (WattTime MOER)
 * @param observedAt      start of the period the value is for
 * @param fetchedAt       when the broker fetched it (null for the bundled yearly file read in memory)
 * @param fallback        how far this had to fall back
 * @param age             now − observedAt (for yearly averages: now − end of that year)
 * @param note            a human-readable explanation of any fallback or substitution (empty when none)
 */
public record ResolvedIntensity(RegionZone region, String zone, SignalType signal, ObservationKind kind, double gco2PerKwh,
                                String source, String emissionFactor, Instant observedAt, Instant fetchedAt,
                                FallbackLevel fallback, Duration age, String note) {

    public boolean isFallback() {
        return fallback != FallbackLevel.NONE;
    }
}
