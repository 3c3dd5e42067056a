package io.capacitybroker.domain;

import java.util.Objects;

/**
 * Identifies one rentable pool: a provider's instance type in a region (and zone, when the price or
 * capacity is zonal) on one market. Its {@link #id()} is the offer id of the planning contract,
 * {@code provider:region:zone:instanceType:market}, with {@code -} for a regional pool.
 */
public record OfferKey(ProviderId provider, String region, String zone, String instanceType, Market market) {

    public OfferKey {
        Objects.requireNonNull(provider, "provider");
        requireToken(region, "region");
        requireToken(instanceType, "instanceType");
        Objects.requireNonNull(market, "market");
        if (zone != null && (zone.isBlank() || zone.equals("-"))) {
            zone = null;
        }
        if (zone != null) {
            requireToken(zone, "zone");
        }
    }

    private static void requireToken(String value, String field) {
        if (value == null || value.isBlank() || value.indexOf(':') >= 0) {
            throw new IllegalArgumentException(field + " must be non-blank and contain no ':' : '" + value + "'");
        }
    }

    public String id() {
        return provider.code() + ':' + region + ':' + (zone == null ? "-" : zone) + ':' + instanceType + ':'
                + market.wireName();
    }

    public static OfferKey parse(String id) {
        String[] p = id == null ? new String[0] : id.split(":", -1);
        if (p.length != 5) {
            throw new IllegalArgumentException("offer id must be provider:region:zone:instanceType:market, got '" + id + "'");
        }
        return new OfferKey(ProviderId.of(p[0]), p[1], "-".equals(p[2]) ? null : p[2], p[3], Market.fromWireName(p[4]));
    }

    @Override
    public String toString() {
        return id();
    }
}
