package io.capacitybroker.planner;

import java.math.BigDecimal;

/**
 * Scenario policy. {@code budgetPerHour} is null when there is no budget cap. {@code maxSpotPoolShare}
 * keeps the decimal value as written in the JSON (default 1).
 */
public record Policy(double carbonPricePerTonne, double moveCostPerReplica, double interruptionCostPerReplica,
        double unplacedCostPerReplicaHour, Double budgetPerHour, BigDecimal maxSpotPoolShare) {

    public Policy {
        if (maxSpotPoolShare == null) {
            maxSpotPoolShare = BigDecimal.ONE;
        }
    }

    /** Dollars per gram of CO2e. */
    public double dollarsPerGram() {
        return carbonPricePerTonne / 1e6;
    }
}
