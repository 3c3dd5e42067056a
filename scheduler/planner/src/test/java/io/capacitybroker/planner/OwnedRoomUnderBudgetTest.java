package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * With a budget and an owned node, the owned room must go to the workload whose alternative is dear (on-demand
 * only), not to the one with the best value per dollar (a cheap spot node): the other way round the budget cannot
 * buy the on-demand nodes and four replicas stay unplaced. The one-millisecond limit leaves only the first
 * construction, so the test checks the construction's order, not what later restarts may find by chance.
 */
class OwnedRoomUnderBudgetTest {

    private static final String SCENARIO = """
            {"schema": "capacity-broker/scenario@1", "horizonHours": 1,
             "policy": {"carbonPricePerTonne": 0, "moveCostPerReplica": 0, "interruptionCostPerReplica": 0,
                        "unplacedCostPerReplicaHour": 1.0, "budgetPerHour": 0.05, "maxSpotPoolShare": 1},
             "offers": [
               {"id": "od", "provider": "aws", "region": "eu-west-1", "zone": null, "instanceType": "m.small",
                "market": "on_demand", "vcpus": 1, "memoryGiB": 4, "pricePerHour": 0.10, "co2GramsPerHour": 1},
               {"id": "sp", "provider": "aws", "region": "eu-west-1", "zone": "euw1-az1", "instanceType": "m.large",
                "market": "spot", "vcpus": 4, "memoryGiB": 16, "pricePerHour": 0.04, "interruptionRatePerHour": 0,
                "co2GramsPerHour": 1}],
             "ownedNodes": [{"id": "bm-1", "provider": "ovh", "region": "eu-west-rbx", "vcpus": 4, "memoryGiB": 16,
                             "co2GramsPerHour": 1, "placements": {}}],
             "rentedNodes": [],
             "workloads": [
               {"id": "spot-ok", "replicas": 4, "vcpus": 1, "memoryGiB": 4, "spot": true},
               {"id": "on-demand-only", "replicas": 4, "vcpus": 1, "memoryGiB": 4, "spot": false}]}
            """;

    @Test
    void ownedRoomGoesToTheWorkloadWithTheDearAlternative() {
        for (long limit : new long[] {1, 0}) {
            Plan plan = Planner.plan(ScenarioReader.read(SCENARIO),
                    PlannerOptions.defaults().withTimeLimitMillis(limit));
            PlanChecker.Result checked = PlanChecker.check(SCENARIO, PlanWriter.writeCompact(plan));
            assertThat(checked.ok()).as("rules, limit %d: %s", limit, checked.errors()).isTrue();
            assertThat(plan.summary().unplacedReplicas()).as("unplaced, limit %d", limit).isZero();
            PlanNode owned = plan.nodes().stream().filter(n -> n.id().equals("bm-1")).findFirst().orElseThrow();
            assertThat(owned.placements()).as("owned node, limit %d", limit).containsEntry("on-demand-only", 4);
            assertThat(checked.objective()).as("objective, limit %d", limit).isCloseTo(0.04, org.assertj.core.data.Offset.offset(1e-9));
        }
    }
}
