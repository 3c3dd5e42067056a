package io.capacitybroker.carbon;

/** How far a figure had to fall back from a fresh signal. */
public enum FallbackLevel {
    /** A fresh measured value (younger than {@link CarbonConfig#staleAfter()}). */
    NONE,
    /** The fresh signal is missing or stale: the last known measured value (its age is reported). */
    LAST_KNOWN,
    /** No measured value at all (or too old): the zone's bundled yearly average. */
    YEARLY_AVERAGE
}
