package io.capacitybroker.provider.spi;

import io.capacitybroker.domain.InstanceShape;
import io.capacitybroker.domain.ProviderId;
import java.util.Objects;

/**
 * An owned machine of the baseline (e.g. an OVHcloud dedicated server). {@code measuredWatts} is the
 * machine's measured or configured average power draw when known (null = use the power model).
 */
public record OwnedMachine(String id, ProviderId provider, String region, InstanceShape shape, Double measuredWatts) {

    public OwnedMachine {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(shape, "shape");
        if (measuredWatts != null && !(measuredWatts >= 0)) {
            throw new IllegalArgumentException("measuredWatts must be >= 0");
        }
    }
}
