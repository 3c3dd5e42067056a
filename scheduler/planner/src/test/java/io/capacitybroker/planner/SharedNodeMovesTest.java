package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * The moves that build one node shared by several workloads, on a scenario where that node is the optimum: a
 * CPU-heavy and a memory-heavy workload each fill a node of their own for 0.6 $/h (1.2 in all), while one "big" node
 * holds both for 1.0. The workload-at-a-time insertion builds the two single-workload nodes. Each test fails when
 * its move is removed (the state stays at 1.2 $/h, or the recreate falls back to the workload-at-a-time insertion).
 */
class SharedNodeMovesTest {

    private static final String SCENARIO = """
            {"schema": "capacity-broker/scenario@1", "horizonHours": 1,
             "policy": {"carbonPricePerTonne": 0, "moveCostPerReplica": 0, "interruptionCostPerReplica": 0,
                        "unplacedCostPerReplicaHour": 10.0, "maxSpotPoolShare": 1},
             "offers": [
               {"id": "big", "provider": "aws", "region": "eu-west-1", "zone": null, "instanceType": "m.big",
                "market": "on_demand", "vcpus": 5, "memoryGiB": 18, "pricePerHour": 1.0, "co2GramsPerHour": 0},
               {"id": "cpu", "provider": "aws", "region": "eu-west-1", "zone": null, "instanceType": "c.large",
                "market": "on_demand", "vcpus": 4, "memoryGiB": 2, "pricePerHour": 0.6, "co2GramsPerHour": 0},
               {"id": "mem", "provider": "aws", "region": "eu-west-1", "zone": null, "instanceType": "r.small",
                "market": "on_demand", "vcpus": 1, "memoryGiB": 16, "pricePerHour": 0.6, "co2GramsPerHour": 0}],
             "ownedNodes": [], "rentedNodes": [],
             "workloads": [{"id": "cpu-heavy", "replicas": 2, "vcpus": 2, "memoryGiB": 1},
                           {"id": "mem-heavy", "replicas": 2, "vcpus": 0.5, "memoryGiB": 8}]}
            """;

    private final Model model = new Model(ScenarioReader.read(SCENARIO), PlannerOptions.defaults());
    private final Search search = new Search(model, System.nanoTime(), 60_000);

    @Test
    void thePoolFirstRebuildReplacesTwoSingleWorkloadNodesByOneSharedNode() {
        State s = search.fresh(false);
        Node cpu = s.newNode(model.pIndex.get("cpu"));
        s.open(cpu);
        s.place(cpu, 0, 2);
        Node mem = s.newNode(model.pIndex.get("mem"));
        s.open(mem);
        s.place(mem, 1, 2);
        assertThat(s.obj).isCloseTo(1.2, offset(1e-9));

        assertThat(search.poolFirst(s)).isTrue();

        assertSharedNode(s);
    }

    @Test
    void theNodeByNodeRecreateOpensTheSharedNode() {
        State s = search.fresh(false);

        search.patternReinsert(s, new int[] {0, 1});

        assertSharedNode(s);
    }

    private void assertSharedNode(State s) {
        assertThat(s.unpl).containsOnly(0);
        assertThat(s.obj).isCloseTo(1.0, offset(1e-9));
        Node shared = s.nodes.stream().filter(n -> n.open).findFirst().orElseThrow();
        assertThat(s.nodes.stream().filter(n -> n.open)).hasSize(1);
        assertThat(shared.pool).isEqualTo(model.pIndex.get("big"));
        assertThat(shared.after(0)).isEqualTo(2);
        assertThat(shared.after(1)).isEqualTo(2);
    }
}
