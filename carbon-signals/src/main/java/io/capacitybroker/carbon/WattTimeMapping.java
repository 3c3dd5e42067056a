package io.capacitybroker.carbon;

import io.capacitybroker.domain.ProviderId;
import java.time.Instant;
import java.util.Objects;

/**
 * The WattTime region stored for one catalog region ({@code region.watttime_region} and its provenance):
 * {@code source} is {@link RegionZone#WATTTIME_FROM_REGION_MAP} or {@link RegionZone#WATTTIME_FROM_LOCATION};
 * {@code resolvedAt} is when WattTime answered it (resolutions only).
 */
public record WattTimeMapping(ProviderId provider, String region, String wattTimeRegion, String source, Instant resolvedAt) {

    public WattTimeMapping {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(wattTimeRegion, "wattTimeRegion");
        source = source == null || source.isBlank() ? RegionZone.WATTTIME_FROM_REGION_MAP : source;
    }

    public boolean resolved() {
        return RegionZone.WATTTIME_FROM_LOCATION.equals(source);
    }
}
