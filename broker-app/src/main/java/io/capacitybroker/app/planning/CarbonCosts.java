package io.capacitybroker.app.planning;

import java.math.BigDecimal;

/**
 * Grams of CO2e per node-hour, as the planner's scenarios need them: for a rentable node shape in a
 * provider region, and for an owned machine (whose measured power, when known, replaces the model).
 */
public interface CarbonCosts {

    double offerGramsPerHour(String provider, String region, BigDecimal vcpus, BigDecimal memoryGiB);

    double ownedGramsPerHour(String provider, String region, BigDecimal vcpus, BigDecimal memoryGiB, Double measuredWatts,
                             Double pue);

    /** A short description of where the numbers come from, stored with every plan. */
    String describe();

    /**
     * Where the figures of one region come from: grid zone, intensity, signal, source, observation time,
     * fallback level. Stored with every plan for each region it uses.
     */
    String explainRegion(String provider, String region);
}
