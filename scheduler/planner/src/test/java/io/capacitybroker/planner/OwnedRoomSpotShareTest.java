package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * With a budget and an owned node, a workload whose spot share holds only part of its replicas needs the owned room
 * for the rest only: two of the four replicas of {@code capped} can run on the cheap spot node, so the owned room
 * must hold its other two and both replicas of {@code on-demand-only}, whose on-demand nodes the budget cannot buy.
 * Valued as if all its replicas needed on-demand nodes, {@code capped} comes first (it is the larger of two equal
 * keys) and takes the whole owned node, and two replicas stay unplaced. The one-millisecond limit leaves only the
 * first construction, so the test checks the construction's order, not what the local search may find later.
 * Without a budget the same holds for the value order (what a replica would cost elsewhere per share of the owned
 * room), checked on a construction in that order: the local search of so small a scenario finds the optimum either
 * way.
 */
class OwnedRoomSpotShareTest {

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
               {"id": "capped", "replicas": 4, "vcpus": 1, "memoryGiB": 4, "spot": true, "maxSpotShare": 0.5},
               {"id": "on-demand-only", "replicas": 2, "vcpus": 1, "memoryGiB": 4, "spot": false}]}
            """;

    @Test
    void ownedRoomHoldsOnlyWhatTheSpotShareCannot() {
        for (long limit : new long[] {1, 0}) {
            Plan plan = Planner.plan(ScenarioReader.read(SCENARIO),
                    PlannerOptions.defaults().withTimeLimitMillis(limit));
            PlanChecker.Result checked = PlanChecker.check(SCENARIO, PlanWriter.writeCompact(plan));
            assertThat(checked.ok()).as("rules, limit %d: %s", limit, checked.errors()).isTrue();
            assertThat(plan.summary().unplacedReplicas()).as("unplaced, limit %d", limit).isZero();
            PlanNode owned = plan.nodes().stream().filter(n -> n.id().equals("bm-1")).findFirst().orElseThrow();
            assertThat(owned.placements()).as("owned node, limit %d", limit)
                    .containsEntry("on-demand-only", 2).containsEntry("capped", 2);
            assertThat(checked.objective()).as("objective, limit %d", limit).isCloseTo(0.04, Offset.offset(1e-9));
        }
    }

    @Test
    void withoutABudgetTheValueOrderGivesTheOwnedRoomTheSameWay() {
        Model model = new Model(ScenarioReader.read(SCENARIO.replace("\"budgetPerHour\": 0.05, ", "")),
                PlannerOptions.defaults());
        assertThat(model.budget).isNull();
        Search search = new Search(model, System.nanoTime(), 60_000);
        State s = search.construct(0, false, search.valueOrder(0));
        Node owned = s.owned.get(0);
        assertThat(owned.after(0)).as("capped on the owned node").isEqualTo(2);
        assertThat(owned.after(1)).as("on-demand-only on the owned node").isEqualTo(2);
        assertThat(s.unpl).containsOnly(0);
        assertThat(s.obj).isCloseTo(0.04, Offset.offset(1e-9));
    }
}
