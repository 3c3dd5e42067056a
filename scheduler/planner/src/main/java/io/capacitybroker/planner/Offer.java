package io.capacitybroker.planner;

/**
 * One rentable pool. {@code zone} may be null; {@code available} is null when unlimited.
 */
public record Offer(String id, String provider, String region, String zone, String instanceType, Market market,
        double vcpus, double memoryGiB, double pricePerHour, Integer available, double interruptionRatePerHour,
        double co2GramsPerHour) {

    public boolean spot() {
        return market == Market.SPOT;
    }
}
