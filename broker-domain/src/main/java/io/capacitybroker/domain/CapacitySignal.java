package io.capacitybroker.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A provider's hint about whether a pool can deliver nodes: a placement score, an interruption
 * rate, an observed capacity error, or a count of nodes still available. Values keep the vendor's
 * scale; {@link Kind} says which scale that is.
 */
public record CapacitySignal(OfferKey offer, Kind kind, BigDecimal value, Instant observedAt, Instant fetchedAt,
                             String source) {

    public enum Kind {
        /** Vendor placement score (AWS 1–10, Azure High/Medium/Low mapped to 3/2/1, SpotLake 1–3). */
        PLACEMENT_SCORE,
        /** Probability per hour that a node of the pool is reclaimed. */
        INTERRUPTION_RATE_PER_HOUR,
        /** An "insufficient capacity" answer to a rent: value is 1; the pool is unavailable for a while. */
        CAPACITY_ERROR,
        /** How many more nodes the pool can deliver now. */
        AVAILABLE_NODES
    }

    public CapacitySignal {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(source, "source");
    }
}
