package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Small scenarios: the pool-first starts also fill the nodes of their pool by an exact two-dimensional knapsack, each
 * replica worth what it would cost on its best node of its own elsewhere, while a node saves more than it costs.
 * Generated 20-offer scenario seed 341: SCIP's optimum shares one spot node between two workloads that the greedy fills
 * give a node each; without the knapsack fill the planner ends 6.5–8 % above the optimum, with it within 1 %. The limit
 * is generous (the restarts stop after 500 without a gain, well before it) so that a busy machine does not cut them.
 *
 * <p>Seed 339 (session 12): a replica is worth the place elsewhere it spares, and a workload's unplaced replicas take
 * the cheapest places first within the spread, so the replicas a node takes spare the dearest ones. Valued all at the
 * workload's cheapest place, the knapsack fills miss the node that carries the optimum and the planner ends 2.6 %
 * above it; with the places it spares, within 1 %.
 */
class KnapsackStartTest {

    @Test
    void knapsackFilledPoolFirstStartReachesTheOptimum() {
        assertWithinOnePercentOfTheOptimum(341);
    }

    @Test
    void knapsackValuesTheReplicasByThePlacesTheySpare() {
        assertWithinOnePercentOfTheOptimum(339);
    }

    private static void assertWithinOnePercentOfTheOptimum(long seed) {
        SmallGapRun.Gap g = SmallGapRun.measure(new ScenarioGenerator.Size(20, 6, 60, 1, 4), seed, 10_000, 30_000);
        assertThat(g.errors()).isEmpty();
        assertThat(g.exact().optimal()).isTrue();
        assertThat(g.planner()).isLessThanOrEqualTo(g.exact().objective() * 1.01);
    }
}
