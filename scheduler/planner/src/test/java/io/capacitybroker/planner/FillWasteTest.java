package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

/**
 * The exchange on a node whose room is left in one dimension: the budget buys one node, a CPU-heavy workload fills
 * its vCPUs and leaves 12 of 16 GiB, where no memory-heavy replica fits (each needs 0.5 vCPU). One CPU-heavy replica
 * out makes room for two memory-heavy ones: 5 replicas placed instead of 4, the optimum (x + 0.5 y <= 4 and
 * x + 5 y <= 16 hold at most 5 replicas). Fails when the move is removed (the state stays at 4 placed).
 */
class FillWasteTest {

    private static final String SCENARIO = """
            {"schema": "capacity-broker/scenario@1", "horizonHours": 1,
             "policy": {"carbonPricePerTonne": 0, "moveCostPerReplica": 0, "interruptionCostPerReplica": 0,
                        "unplacedCostPerReplicaHour": 1.0, "budgetPerHour": 1.0, "maxSpotPoolShare": 1},
             "offers": [
               {"id": "node", "provider": "aws", "region": "eu-west-1", "zone": null, "instanceType": "m.xlarge",
                "market": "on_demand", "vcpus": 4, "memoryGiB": 16, "pricePerHour": 1.0, "co2GramsPerHour": 0}],
             "ownedNodes": [], "rentedNodes": [],
             "workloads": [{"id": "cpu-heavy", "replicas": 4, "vcpus": 1, "memoryGiB": 1},
                           {"id": "mem-heavy", "replicas": 3, "vcpus": 0.5, "memoryGiB": 5}]}
            """;

    private final Model model = new Model(ScenarioReader.read(SCENARIO), PlannerOptions.defaults());
    private final Search search = new Search(model, System.nanoTime(), 60_000);

    @Test
    void unplacedReplicasTakeTheRoomLeftInOneDimension() {
        State s = search.fresh(false);
        Node n = s.newNode(model.pIndex.get("node"));
        s.open(n);
        s.place(n, 0, 4);
        assertThat(s.obj).isCloseTo(1.0 + 3 * 1.0, offset(1e-9));

        assertThat(search.fillWaste(s)).isTrue();

        assertThat(n.after(0)).isEqualTo(3);
        assertThat(n.after(1)).isEqualTo(2);
        assertThat(s.unpl).containsExactly(1, 1);
        assertThat(s.obj).isCloseTo(1.0 + 2 * 1.0, offset(1e-9));
        assertThat(s.spend).isLessThanOrEqualTo(1.0 + 1e-9);
    }

    /**
     * The exchange counts an evicted replica at what it costs elsewhere, not at its unplaced cost: the node in
     * eu-west-1 is full with a workload worth 10 $/h per replica that a cheap node in us-east-1 (0.1 $/h) could hold,
     * while a workload worth 5 $/h may only run in eu-west-1. Counted at 10 $/h the exchange looks like a loss and is
     * not tried; counted at its cheap node it is, and the objective drops from 11 to 6.1.
     */
    @Test
    void anEvictedReplicaIsCountedAtWhatItCostsElsewhere() {
        String scenario = """
                {"schema": "capacity-broker/scenario@1", "horizonHours": 1,
                 "policy": {"carbonPricePerTonne": 0, "moveCostPerReplica": 0, "interruptionCostPerReplica": 0,
                            "unplacedCostPerReplicaHour": 5.0, "budgetPerHour": 1.2, "maxSpotPoolShare": 1},
                 "offers": [
                   {"id": "eu", "provider": "aws", "region": "eu-west-1", "zone": null, "instanceType": "m.large",
                    "market": "on_demand", "vcpus": 2, "memoryGiB": 8, "pricePerHour": 1.0, "co2GramsPerHour": 0},
                   {"id": "us", "provider": "aws", "region": "us-east-1", "zone": null, "instanceType": "m.large",
                    "market": "on_demand", "vcpus": 2, "memoryGiB": 8, "pricePerHour": 0.1, "co2GramsPerHour": 0,
                    "available": 1}],
                 "ownedNodes": [], "rentedNodes": [],
                 "workloads": [{"id": "anywhere", "replicas": 2, "vcpus": 1, "memoryGiB": 4,
                                "unplacedCostPerReplicaHour": 10.0},
                               {"id": "eu-only", "replicas": 2, "vcpus": 1, "memoryGiB": 4,
                                "regions": ["eu-west-1"]}]}
                """;
        Model m = new Model(ScenarioReader.read(scenario), PlannerOptions.defaults());
        Search search = new Search(m, System.nanoTime(), 60_000);
        State s = search.fresh(false);
        Node eu = s.newNode(m.pIndex.get("eu"));
        s.open(eu);
        s.place(eu, 0, 2);
        assertThat(s.obj).isCloseTo(1.0 + 2 * 5.0, offset(1e-9));

        assertThat(search.fillWaste(s)).isTrue();

        assertThat(eu.after(0)).isEqualTo(1);
        assertThat(eu.after(1)).isEqualTo(1);
        Node us = s.nodes.stream().filter(n -> n.open && n.pool == m.pIndex.get("us")).findFirst().orElseThrow();
        assertThat(us.after(0)).isEqualTo(1);
        assertThat(s.unpl).containsExactly(0, 1);
        assertThat(s.obj).isCloseTo(1.0 + 0.1 + 5.0, offset(1e-9));
    }
}
