package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Measures the planner against the exact node-indexed MILP ({@link ExactScip}, SCIP through OR-Tools) on small
 * generated scenarios ({@link SmallGapRun#measure}); a scenario counts only when SCIP proves optimality within its
 * limit. 6 offers / 12 replicas (seeds 100–111): every one within 1 % of the optimum. 20 offers / 60 replicas (seeds
 * 200–215, 15 proven, all within 1 %): the 1 % goal does NOT hold on every scenario of this size (over seeds
 * 200–279, 3 of 79 proven scenarios are above 1 %, up to 5.9 %, see docs/benchmarks.md), and the planner's result
 * depends on how much of its time limit the machine gives it, so this size asserts at most one proven scenario above
 * 1 % and none above 2 %.
 */
class OptimalityGapTest {

    @Test
    void withinOnePercentOfTheMilpOptimumOnSmallScenarios() {
        int[] r = run(new ScenarioGenerator.Size(6, 3, 12, 1, 2), 100, 112, 10_000, 0.01);
        assertThat(r[0]).isGreaterThanOrEqualTo(10);
        assertThat(r[1]).as("scenarios within 1 %").isEqualTo(r[0]);
    }

    @Test
    void closeToTheMilpOptimumOnLargerSmallScenarios() {
        int[] r = run(new ScenarioGenerator.Size(20, 6, 60, 1, 4), 200, 216, 15_000, 0.02);
        assertThat(r[0]).isGreaterThanOrEqualTo(12);
        assertThat(r[1]).as("scenarios within 1 %").isGreaterThanOrEqualTo(r[0] - 1);
    }

    /** Returns {proven, within 1 %}; asserts every proven scenario within maxGap. */
    private static int[] run(ScenarioGenerator.Size size, long from, long to, long millis, double maxGap) {
        double worst = 0;
        int solved = 0;
        int within = 0;
        for (long seed = from; seed < to; seed++) {
            SmallGapRun.Gap g = SmallGapRun.measure(size, seed, millis);
            assertThat(g.errors()).isEmpty();
            System.out.println(g);
            if (!g.exact().optimal()) {
                continue;
            }
            solved++;
            assertThat(g.planner()).as("planner never beats the optimum").isGreaterThanOrEqualTo(
                    g.exact().objective() - 1e-6 * Math.abs(g.exact().objective()) - 1e-6);
            worst = Math.max(worst, g.gap());
            if (g.gap() <= 0.01) {
                within++;
            }
        }
        System.out.printf("%s: solved %d, within 1 %%: %d, worst gap %.4f%%%n", size, solved, within, 100 * worst);
        assertThat(worst).isLessThanOrEqualTo(maxGap);
        return new int[] {solved, within};
    }
}
