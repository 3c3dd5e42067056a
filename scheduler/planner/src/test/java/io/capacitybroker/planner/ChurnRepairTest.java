package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * The two churn repairs of the local search, on a state built by hand: a new node whose content ran on a released
 * rented node of the same pool goes back to that node, and replicas moved onto a node go back to an open node that
 * now holds fewer of them than ran there. Each test fails when its repair is left out (the state stays as built).
 */
class ChurnRepairTest {

    private static final String SCENARIO = """
            {"schema": "capacity-broker/scenario@1", "horizonHours": 1,
             "policy": {"carbonPricePerTonne": 0, "moveCostPerReplica": 0.5, "interruptionCostPerReplica": 0,
                        "unplacedCostPerReplicaHour": 10.0, "maxSpotPoolShare": 1},
             "offers": [
               {"id": "od", "provider": "aws", "region": "eu-west-1", "zone": null, "instanceType": "m.large",
                "market": "on_demand", "vcpus": 4, "memoryGiB": 16, "pricePerHour": 0.10, "co2GramsPerHour": 0}],
             "ownedNodes": [{"id": "bm-1", "provider": "ovh", "region": "eu-west-rbx", "vcpus": 4, "memoryGiB": 16,
                             "co2GramsPerHour": 0, "placements": {"a": 2}}],
             "rentedNodes": [{"id": "r-1", "offerId": "od", "placements": {"a": 2}}],
             "workloads": [{"id": "a", "replicas": 4, "vcpus": 1, "memoryGiB": 4}]}
            """;

    private final Model model = new Model(ScenarioReader.read(SCENARIO), PlannerOptions.defaults());
    private final Search search = new Search(model, System.nanoTime(), 1_000);

    @Test
    void aNewNodeGivesItsContentToTheReleasedNodeWhereItRan() {
        State s = search.fresh(false);
        Node owned = s.owned.get(0);
        Node rented = s.rented.get(0);
        s.place(owned, 0, 2);
        Node fresh = s.newNode(rented.pool);
        s.open(fresh);
        s.place(fresh, 0, 2);
        double before = s.obj;

        search.cleanup(s);

        assertThat(rented.open).isTrue();
        assertThat(rented.after(0)).isEqualTo(2);
        assertThat(fresh.open).isFalse();
        assertThat(before - s.obj).as("two moves saved, same node price").isCloseTo(1.0, offset(1e-9));
    }

    @Test
    void movedReplicasGoBackToTheOpenNodeTheyRanOn() {
        State s = search.fresh(false);
        Node owned = s.owned.get(0);
        Node rented = s.rented.get(0);
        s.open(rented);
        s.place(rented, 0, 1);
        s.place(owned, 0, 3);
        double before = s.obj;

        assertThat(search.returnHome(s)).isTrue();

        assertThat(owned.after(0)).isEqualTo(2);
        assertThat(rented.after(0)).isEqualTo(2);
        assertThat(before - s.obj).as("one move saved").isCloseTo(0.5, offset(1e-9));
    }
}
