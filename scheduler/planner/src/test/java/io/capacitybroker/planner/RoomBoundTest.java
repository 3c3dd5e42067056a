package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The insertion skips a pool whose nodes cannot hold one replica, by a per-pool bound on their free room: room that
 * grows (replicas taken off a node, an undo) must raise the bound, or the room is never offered again and a new node
 * is bought instead (here the budget buys one node: the replicas would stay unplaced). Fails when the bound is not
 * raised where a node's room grows.
 */
class RoomBoundTest {

    private static final String SCENARIO = """
            {"schema": "capacity-broker/scenario@1", "horizonHours": 1,
             "policy": {"carbonPricePerTonne": 0, "moveCostPerReplica": 0, "interruptionCostPerReplica": 0,
                        "unplacedCostPerReplicaHour": 10.0, "maxSpotPoolShare": 1, "budgetPerHour": 0.15},
             "offers": [
               {"id": "od", "provider": "aws", "region": "eu-west-1", "zone": null, "instanceType": "m.large",
                "market": "on_demand", "vcpus": 4, "memoryGiB": 16, "pricePerHour": 0.10, "co2GramsPerHour": 0}],
             "ownedNodes": [],
             "rentedNodes": [],
             "workloads": [{"id": "big", "replicas": 4, "vcpus": 1, "memoryGiB": 4},
                           {"id": "small", "replicas": 2, "vcpus": 1, "memoryGiB": 1}]}
            """;

    private final Model model = new Model(ScenarioReader.read(SCENARIO), PlannerOptions.defaults());
    private final Search search = new Search(model, System.nanoTime(), 60_000);

    @Test
    void roomFreedOnARunningNodeIsOfferedAgain() {
        State s = search.fresh(false);
        Node n = s.newNode(0);
        s.open(n);
        s.place(n, 0, 4); // full: 4 of 4 vCPUs
        search.insert(s, 1, 1); // scans the pool: no room, and the budget buys no second node
        assertThat(s.unpl[1]).isEqualTo(2);

        s.place(n, 0, -2); // room for two replicas again
        search.insert(s, 1, 2);

        assertThat(n.after(1)).as("the freed room is used").isEqualTo(2);
    }

    @Test
    void roomFreedByAnUndoIsOfferedAgain() {
        State s = search.fresh(false);
        Node n = s.newNode(0);
        s.open(n);
        s.place(n, 0, 2);
        s.commit();
        int mark = s.mark();
        s.place(n, 0, 2); // full
        search.insert(s, 1, 1); // the scan records no room in the pool
        s.rollback(mark); // back to two replicas
        s.commit();

        search.insert(s, 1, 2);

        assertThat(n.after(1)).as("the room the undo gave back is used").isEqualTo(2);
    }
}
