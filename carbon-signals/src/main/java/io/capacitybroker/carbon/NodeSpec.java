package io.capacitybroker.carbon;

import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.provider.spi.OwnedMachine;
import java.util.Objects;

/**
 * A node whose carbon cost is asked for. {@code measuredWatts}, {@code pue} and {@code utilisation}
 * are optional overrides (null = the power model's value).
 */
public record NodeSpec(ProviderId provider, String region, String instanceType, double vcpus, double memoryGiB,
                       Double measuredWatts, Double pue, Double utilisation) {

    public NodeSpec {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(region, "region");
        if (!(vcpus > 0) || !(memoryGiB > 0)) {
            throw new IllegalArgumentException("vcpus and memoryGiB must be > 0");
        }
        if (measuredWatts != null && !(measuredWatts >= 0)) {
            throw new IllegalArgumentException("measuredWatts must be >= 0");
        }
        if (pue != null && !(pue >= 1)) {
            throw new IllegalArgumentException("pue must be >= 1");
        }
        if (utilisation != null && !(utilisation >= 0 && utilisation <= 1)) {
            throw new IllegalArgumentException("utilisation must be in [0,1]");
        }
    }

    public static NodeSpec of(ProviderId provider, String region, double vcpus, double memoryGiB) {
        return new NodeSpec(provider, region, null, vcpus, memoryGiB, null, null, null);
    }

    public static NodeSpec of(Offer offer) {
        return new NodeSpec(offer.key().provider(), offer.key().region(), offer.shape().instanceType(),
                offer.shape().vcpus().doubleValue(), offer.shape().memoryGiB().doubleValue(), null, null, null);
    }

    public static NodeSpec of(OwnedMachine m) {
        return new NodeSpec(m.provider(), m.region(), m.shape().instanceType(), m.shape().vcpus().doubleValue(),
                m.shape().memoryGiB().doubleValue(), m.measuredWatts(), null, null);
    }

    public NodeSpec withUtilisation(Double u) {
        return new NodeSpec(provider, region, instanceType, vcpus, memoryGiB, measuredWatts, pue, u);
    }

    public NodeSpec withMeasured(Double watts, Double p) {
        return new NodeSpec(provider, region, instanceType, vcpus, memoryGiB, watts, p, utilisation);
    }
}
