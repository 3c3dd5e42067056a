package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

/**
 * The recombination of the nodes of several states ({@link Recombination}): two independent workloads, each with a
 * cheap and a dear pool; each of two states holds one workload on its cheap pool and the other on its dear one, so
 * the first costs 2 × 0.5 + 0.9 = 1.9 $/h (workload a needs two cheap nodes), the second 1.2 + 0.5 = 1.7, and the best
 * mix of their nodes (a on the two cheap nodes of the first, b on the cheap node of the second) 1.5. The tests
 * fail when the recombination keeps the incumbent's nodes or drops a column's multiplicity (a new-node column is
 * used as often as one state held it).
 */
class RecombinationTest {

    private static final String SCENARIO = """
            {"schema": "capacity-broker/scenario@1", "horizonHours": 1,
             "policy": {"carbonPricePerTonne": 0, "moveCostPerReplica": 0, "interruptionCostPerReplica": 0,
                        "unplacedCostPerReplicaHour": 10.0, "maxSpotPoolShare": 1},
             "offers": [
               {"id": "a-good", "provider": "aws", "region": "eu-west-1", "zone": null, "instanceType": "a.good",
                "market": "on_demand", "vcpus": 4, "memoryGiB": 8, "pricePerHour": 0.5, "co2GramsPerHour": 0},
               {"id": "a-bad", "provider": "aws", "region": "eu-west-1", "zone": null, "instanceType": "a.bad",
                "market": "on_demand", "vcpus": 8, "memoryGiB": 16, "pricePerHour": 1.2, "co2GramsPerHour": 0},
               {"id": "b-good", "provider": "gcp", "region": "europe-west1", "zone": null, "instanceType": "b.good",
                "market": "on_demand", "vcpus": 2, "memoryGiB": 16, "pricePerHour": 0.5, "co2GramsPerHour": 0},
               {"id": "b-bad", "provider": "gcp", "region": "europe-west1", "zone": null, "instanceType": "b.bad",
                "market": "on_demand", "vcpus": 2, "memoryGiB": 16, "pricePerHour": 0.9, "co2GramsPerHour": 0}],
             "ownedNodes": [],
             "rentedNodes": [{"id": "r-1", "offerId": "b-bad", "placements": {}}],
             "workloads": [{"id": "a", "replicas": 4, "vcpus": 2, "memoryGiB": 4, "regions": ["eu-west-1"]},
                           {"id": "b", "replicas": 2, "vcpus": 1, "memoryGiB": 8, "regions": ["europe-west1"]}]}
            """;

    private final Model model = new Model(ScenarioReader.read(SCENARIO), PlannerOptions.defaults());
    private final Search search = new Search(model, System.nanoTime(), 60_000);

    /** a on two cheap nodes, b on the rented dear node. */
    private State first() {
        State s = search.fresh(false);
        for (int i = 0; i < 2; i++) {
            Node n = s.newNode(model.pIndex.get("a-good"));
            s.open(n);
            s.place(n, 0, 2);
        }
        Node r = s.rented.get(0);
        s.open(r);
        s.place(r, 1, 2);
        return s;
    }

    /** a on one dear node (which holds all four), b on a cheap node. */
    private State second() {
        State s = search.fresh(false);
        Node a = s.newNode(model.pIndex.get("a-bad"));
        s.open(a);
        s.place(a, 0, 4);
        Node b = s.newNode(model.pIndex.get("b-good"));
        s.open(b);
        s.place(b, 1, 2);
        return s;
    }

    @Test
    void theCheapNodesOfBothStatesMakeTheRecombinedState() {
        State one = first();
        State two = second();
        assertThat(one.obj).isCloseTo(1.9, offset(1e-9));
        assertThat(two.obj).isCloseTo(1.7, offset(1e-9));
        Recombination r = new Recombination(search);
        r.add(one);
        r.add(two);
        assertThat(r.states()).isEqualTo(2);
        assertThat(r.columns()).isEqualTo(4); // the two cheap a-nodes are one column used twice

        // no insertion after the columns (empty order): every replica must come from a column
        State best = r.build(one, System.nanoTime() + 200_000_000L, new Integer[0]);

        assertThat(best.unpl).containsOnly(0);
        assertThat(best.obj).isCloseTo(1.5, offset(1e-9));
        assertThat(best.nodes.stream().filter(n -> n.open && n.pool == model.pIndex.get("a-good"))).hasSize(2);
        assertThat(best.nodes.stream().filter(n -> n.open && n.pool == model.pIndex.get("b-good"))).hasSize(1);
        assertThat(best.rented.get(0).open).isFalse();
    }

    @Test
    void aRentedNodeGetsTheBetterOfItsContents() {
        // two states put different contents on the one rented node
        State one = first();
        State other = search.fresh(false);
        Node r = other.rented.get(0);
        other.open(r);
        other.place(r, 1, 1);
        Recombination rec = new Recombination(search);
        rec.add(one);
        rec.add(other);

        State best = rec.build(other, System.nanoTime() + 200_000_000L, new Integer[0]);

        assertThat(best.rented.get(0).open).isTrue();
        assertThat(best.rented.get(0).after(1)).isEqualTo(2);
        assertThat(best.unpl).containsOnly(0);
    }

    @Test
    void withoutColumnsThereIsNoState() {
        Recombination r = new Recombination(search);

        assertThat(r.build(search.fresh(false), System.nanoTime() + 1_000_000L, new Integer[] {0, 1})).isNull();
    }
}
