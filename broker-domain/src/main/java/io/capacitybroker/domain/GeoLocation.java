package io.capacitybroker.domain;

/** A point on Earth in decimal degrees (WGS 84). */
public record GeoLocation(double latitude, double longitude) {

    public GeoLocation {
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("latitude out of range: " + latitude);
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("longitude out of range: " + longitude);
        }
    }
}
