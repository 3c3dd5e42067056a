package io.capacitybroker.planner;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A workload. {@code regions} / {@code providers} are null when absent (= anywhere) and may be empty (= nowhere).
 * {@code maxSpotShare} keeps the decimal value as written (default 1). {@code unplacedCostPerReplicaHour} is null
 * when the policy value applies.
 */
public record Workload(String id, int replicas, double vcpus, double memoryGiB, List<String> regions,
        List<String> providers, boolean spot, BigDecimal maxSpotShare, Double unplacedCostPerReplicaHour) {

    public Workload {
        regions = regions == null ? null : List.copyOf(regions);
        providers = providers == null ? null : List.copyOf(providers);
        if (maxSpotShare == null) {
            maxSpotShare = BigDecimal.ONE;
        }
    }

    /** Rule 4: at most floor(maxSpotShare x replicas) replicas on spot nodes (0 when spot is false). */
    public int maxSpotReplicas() {
        if (!spot) {
            return 0;
        }
        return maxSpotShare.multiply(BigDecimal.valueOf(replicas)).setScale(0, RoundingMode.FLOOR).intValueExact();
    }

    /** Rule 5: at most max(1, ceil(maxSpotPoolShare x replicas)) replicas per spot pool. */
    public int maxPerSpotPool(Policy policy) {
        int c = policy.maxSpotPoolShare().multiply(BigDecimal.valueOf(replicas)).setScale(0, RoundingMode.CEILING)
                .intValueExact();
        return Math.max(1, c);
    }

    /** The unplaced cost per replica-hour that applies to this workload. */
    public double unplacedCost(Policy policy) {
        return unplacedCostPerReplicaHour != null ? unplacedCostPerReplicaHour : policy.unplacedCostPerReplicaHour();
    }

    public boolean allowsRegion(String region) {
        return regions == null || regions.contains(region);
    }

    public boolean allowsProvider(String provider) {
        return providers == null || providers.contains(provider);
    }
}
