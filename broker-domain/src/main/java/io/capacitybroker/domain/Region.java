package io.capacitybroker.domain;

import java.util.Objects;

/**
 * A provider region. {@code gridZone} is the electricity grid zone (an Electricity Maps zone code)
 * whose carbon intensity applies to nodes there; null when not yet mapped. {@code location} may be
 * null for logical regions without a published position.
 */
public record Region(ProviderId provider, String code, String displayName, String country, GeoLocation location,
                     String gridZone) {

    public Region {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(code, "code");
        displayName = displayName == null || displayName.isBlank() ? code : displayName;
    }
}
