package io.capacitybroker.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A price per node-hour with its provenance: when the provider said it was valid
 * ({@code observedAt}), when we fetched it ({@code fetchedAt}) and from where ({@code source}).
 */
public record PriceQuote(Money pricePerHour, Instant observedAt, Instant fetchedAt, String source) {

    public PriceQuote {
        Objects.requireNonNull(pricePerHour, "pricePerHour");
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(source, "source");
        if (pricePerHour.isNegative()) {
            throw new IllegalArgumentException("price must be >= 0: " + pricePerHour);
        }
    }
}
