package io.capacitybroker.domain;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One rentable pool with its current price. {@code availableNodes} is how many more nodes can be
 * rented now when the provider tells (null = unknown / no limit known); {@code interruptionRatePerHour}
 * is the chance per hour that a spot node of this pool is reclaimed (null = unknown).
 */
public record Offer(OfferKey key, InstanceShape shape, PriceQuote price, Integer availableNodes,
                    Double interruptionRatePerHour) {

    public Offer {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(price, "price");
        if (!key.instanceType().equals(shape.instanceType())) {
            throw new IllegalArgumentException("shape " + shape.instanceType() + " does not match offer " + key.id());
        }
        if (availableNodes != null && availableNodes < 0) {
            throw new IllegalArgumentException("availableNodes must be >= 0");
        }
        if (interruptionRatePerHour != null) {
            if (!(interruptionRatePerHour >= 0 && interruptionRatePerHour <= 1)) {
                throw new IllegalArgumentException("interruptionRatePerHour must be in [0,1]");
            }
            if (key.market() == Market.ON_DEMAND && interruptionRatePerHour != 0) {
                throw new IllegalArgumentException("on-demand offers are not interrupted");
            }
        }
    }

    public OptionalInt available() {
        return availableNodes == null ? OptionalInt.empty() : OptionalInt.of(availableNodes);
    }

    public OptionalDouble interruptionRate() {
        return interruptionRatePerHour == null ? OptionalDouble.empty() : OptionalDouble.of(interruptionRatePerHour);
    }
}
