package io.capacitybroker.planner;

import java.util.Map;

/**
 * A node rented earlier. {@code shape} is non-null exactly when {@code offerId} is not among the scenario's offers
 * (the pool vanished).
 */
public record RentedNode(String id, String offerId, Map<String, Integer> placements, NodeShape shape) {

    public RentedNode {
        placements = Map.copyOf(placements);
    }
}
