package io.capacitybroker.planner;

/** The plan's own figures, computed by the contract's formulas. */
public record Summary(double rentedPricePerHour, double co2GramsPerHour, double expectedInterruptionsPerHour,
        long moves, long unplacedReplicas, double objective) {
}
