package io.capacitybroker.provider.spi;

/** The result of a release. Both outcomes are successes. */
public enum ReleaseOutcome {
    /** The node was running and is now being released. */
    RELEASED,
    /** The node was already gone (released earlier, interrupted, or never existed). */
    ALREADY_GONE
}
