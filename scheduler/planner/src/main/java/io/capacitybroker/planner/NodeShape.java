package io.capacitybroker.planner;

/** The shape a rented node carries itself when its offer vanished from the catalog. */
public record NodeShape(String provider, String region, String zone, Market market, double vcpus, double memoryGiB,
        double pricePerHour, double interruptionRatePerHour, double co2GramsPerHour) {
}
