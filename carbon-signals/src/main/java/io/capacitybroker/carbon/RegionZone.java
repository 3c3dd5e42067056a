package io.capacitybroker.carbon;

import io.capacitybroker.domain.GeoLocation;
import io.capacitybroker.domain.ProviderId;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the power of a provider region comes from: the Electricity Maps grid zone whose intensity
 * applies, the WattTime region (balancing authority) when mapped, the place, and why this mapping
 * was chosen ({@code source}).
 */
public record RegionZone(ProviderId provider, String region, String gridZone, String wattTimeRegion, String country,
                         String location, GeoLocation position, String source) {

    public RegionZone {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(gridZone, "gridZone");
        Objects.requireNonNull(source, "source");
        wattTimeRegion = wattTimeRegion == null || wattTimeRegion.isBlank() ? null : wattTimeRegion;
    }

    public Optional<String> wattTime() {
        return Optional.ofNullable(wattTimeRegion);
    }

    public Optional<GeoLocation> geo() {
        return Optional.ofNullable(position);
    }

    /** {@code provider:region}, the form the REST API takes. */
    public String ref() {
        return provider.code() + ":" + region;
    }
}
