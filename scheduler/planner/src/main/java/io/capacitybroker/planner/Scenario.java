package io.capacitybroker.planner;

import java.util.List;

/** A validated planning scenario ({@code capacity-broker/scenario@1}), immutable. */
public record Scenario(double horizonHours, Policy policy, List<Offer> offers, List<OwnedNode> ownedNodes,
        List<RentedNode> rentedNodes, List<Workload> workloads) {

    public static final String SCHEMA = "capacity-broker/scenario@1";

    public Scenario {
        offers = List.copyOf(offers);
        ownedNodes = List.copyOf(ownedNodes);
        rentedNodes = List.copyOf(rentedNodes);
        workloads = List.copyOf(workloads);
    }
}
