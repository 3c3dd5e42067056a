package io.capacitybroker.carbon;

import io.capacitybroker.domain.GeoLocation;
import io.capacitybroker.domain.ProviderId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the power of a provider region comes from: the Electricity Maps grid zone whose intensity
 * applies, the WattTime region (balancing authority) when mapped, the place, and why this mapping
 * was chosen ({@code source}).
 *
 * <p>{@code wattTimeSource} says where the WattTime region comes from: {@link #WATTTIME_FROM_REGION_MAP}
 * (the bundled, hand-verified map) or {@link #WATTTIME_FROM_LOCATION} (WattTime's
 * {@code GET /v3/region-from-loc} for the region's position, answered at {@code wattTimeResolvedAt}).
 */
public record RegionZone(ProviderId provider, String region, String gridZone, String wattTimeRegion, String country,
                         String location, GeoLocation position, String source, String wattTimeSource,
                         Instant wattTimeResolvedAt) {

    /** The WattTime region is the bundled, hand-verified one of the region map. */
    public static final String WATTTIME_FROM_REGION_MAP = "region_map";
    /** The WattTime region is WattTime's answer for the region's position ({@code GET /v3/region-from-loc}). */
    public static final String WATTTIME_FROM_LOCATION = "watttime_region_from_loc";

    public RegionZone {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(gridZone, "gridZone");
        Objects.requireNonNull(source, "source");
        wattTimeRegion = wattTimeRegion == null || wattTimeRegion.isBlank() ? null : wattTimeRegion;
        if (wattTimeRegion == null) {
            wattTimeSource = null;
            wattTimeResolvedAt = null;
        } else if (wattTimeSource == null || wattTimeSource.isBlank()) {
            wattTimeSource = WATTTIME_FROM_REGION_MAP;
        }
    }

    /** A row of the region map: its WattTime region, if any, is a verified one. */
    public RegionZone(ProviderId provider, String region, String gridZone, String wattTimeRegion, String country,
                      String location, GeoLocation position, String source) {
        this(provider, region, gridZone, wattTimeRegion, country, location, position, source, null, null);
    }

    public Optional<String> wattTime() {
        return Optional.ofNullable(wattTimeRegion);
    }

    public Optional<GeoLocation> geo() {
        return Optional.ofNullable(position);
    }

    /** Whether the WattTime region was resolved from the position rather than verified by hand. */
    public boolean wattTimeResolved() {
        return WATTTIME_FROM_LOCATION.equals(wattTimeSource);
    }

    /** This mapping with another WattTime region and its provenance. */
    public RegionZone withWattTime(String wattTimeRegion, String wattTimeSource, Instant resolvedAt) {
        return new RegionZone(provider, region, gridZone, wattTimeRegion, country, location, position, source, wattTimeSource,
                resolvedAt);
    }

    /** This mapping under another region code (an alias of the same site, e.g. OVHcloud GRA11 for GRA). */
    RegionZone withRegion(String code) {
        return new RegionZone(provider, code, gridZone, wattTimeRegion, country, location, position, source, wattTimeSource,
                wattTimeResolvedAt);
    }

    /** {@code provider:region}, the form the REST API takes. */
    public String ref() {
        return provider.code() + ":" + region;
    }
}
