package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * A node saved by making room elsewhere. Generated 20-offer scenario seed 324 (horizon 1 h, a move 0.5 $): the local
 * optimum bought a 0.78 $/h node for 15 small replicas that a kept node could hold if one of its 4 vCPU replicas
 * moved to the free room of another node; moving it (0.50 $) and the 15 replicas there releases the node. Without
 * the move the planner stays 1.02 % above the proven optimum.
 */
class EvictIntoTest {

    @Test
    void makesRoomOnAKeptNodeToReleaseAnother() {
        SmallGapRun.Gap g = SmallGapRun.measure(new ScenarioGenerator.Size(20, 6, 60, 1, 4), 324, 15_000);
        assertThat(g.errors()).isEmpty();
        assertThat(g.exact().optimal()).isTrue();
        assertThat(g.planner()).isCloseTo(g.exact().objective(), within(1e-6 * g.exact().objective()));
    }
}
