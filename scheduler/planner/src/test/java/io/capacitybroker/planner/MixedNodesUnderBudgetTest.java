package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Under a budget, a node is worth most when a CPU-heavy and a memory-heavy workload fill it together: here 3 + 2
 * replicas fill a 4 vCPU / 16 GiB node in both dimensions, where either workload alone fills only one (4 or 2
 * replicas). The budget buys ten nodes, so every replica is placed only when every node holds the mix. The
 * workload-at-a-time insertion fills each node with one workload; the split-price (LP-guided) construction mixes them
 * as the aggregated LP does. The constructions are checked on their own (the search may find the mix later by chance,
 * so the whole planner is checked for the optimum only).
 */
class MixedNodesUnderBudgetTest {

    private static final String SCENARIO = """
            {"schema": "capacity-broker/scenario@1", "horizonHours": 1,
             "policy": {"carbonPricePerTonne": 0, "moveCostPerReplica": 0, "interruptionCostPerReplica": 0,
                        "unplacedCostPerReplicaHour": 2.0, "budgetPerHour": 10.0},
             "offers": [
               {"id": "od", "provider": "aws", "region": "eu-west-1", "zone": null, "instanceType": "m.xlarge",
                "market": "on_demand", "vcpus": 4, "memoryGiB": 16, "pricePerHour": 1.0, "co2GramsPerHour": 1}],
             "ownedNodes": [],
             "rentedNodes": [],
             "workloads": [
               {"id": "cpu-heavy", "replicas": 30, "vcpus": 1, "memoryGiB": 1},
               {"id": "memory-heavy", "replicas": 20, "vcpus": 0.5, "memoryGiB": 6}]}
            """;

    @Test
    void theSplitPriceConstructionMixesWorkloadsOnEveryNode() {
        Scenario scenario = ScenarioReader.read(SCENARIO);
        Search search = new Search(new Model(scenario, PlannerOptions.defaults()), System.nanoTime(), 60_000);
        double lambda = search.estimateLambda();
        assertThat(lambda).as("the budget binds").isPositive();

        State greedy = search.construct(lambda, false);
        assertThat(unplaced(greedy)).as("workload at a time: nodes full in one dimension").isPositive();

        State split = new SplitPriceConstruction(search, search.cand)
                .build(lambda, search.order, 1_000_000_000L);
        assertThat(unplaced(split)).as("split prices: every replica placed").isZero();
        assertThat(split.spend).isLessThanOrEqualTo(10.0 + 1e-9);
        for (Node n : split.nodes) {
            if (n.open) {
                assertThat(n.an).as("workloads on node %d", n.index).isEqualTo(2);
            }
        }
        assertThat(split.obj).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    private static int unplaced(State s) {
        int u = 0;
        for (int x : s.unpl) {
            u += x;
        }
        return u;
    }

    @Test
    void everyNodeHoldsTheMixAndEveryReplicaIsPlaced() {
        Plan plan = Planner.plan(ScenarioReader.read(SCENARIO));
        PlanChecker.Result checked = PlanChecker.check(SCENARIO, PlanWriter.writeCompact(plan));
        assertThat(checked.ok()).as("rules: %s", checked.errors()).isTrue();
        assertThat(plan.summary().unplacedReplicas()).as("unplaced").isZero();
        assertThat(plan.nodes()).hasSize(10);
        assertThat(checked.objective()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
