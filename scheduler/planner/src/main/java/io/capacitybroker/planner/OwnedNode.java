package io.capacitybroker.planner;

import java.util.Map;

/** A node of the owned baseline: always on, already paid. Placements are the replicas running there now. */
public record OwnedNode(String id, String provider, String region, double vcpus, double memoryGiB,
        double co2GramsPerHour, Map<String, Integer> placements) {

    public OwnedNode {
        placements = Map.copyOf(placements);
    }
}
