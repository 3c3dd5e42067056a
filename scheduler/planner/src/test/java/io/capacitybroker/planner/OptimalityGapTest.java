package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Measures the planner against an exact MILP on small generated scenarios (within 1 %). */
class OptimalityGapTest {

    @Test
    void withinOnePercentOfTheMilpOptimumOnSmallScenarios() {
        double worst = 0;
        int solved = 0;
        for (long seed = 100; seed < 112; seed++) {
            String json = ScenarioGenerator.generate(seed, new ScenarioGenerator.Size(6, 3, 12, 1, 2));
            Scenario s = ScenarioReader.read(json);
            ExactMilp.Result exact = ExactMilp.solve(s, false, 10_000);
            if (!exact.optimal()) {
                continue;
            }
            solved++;
            Plan p = Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(1000));
            PlanChecker.Result r = PlanChecker.check(json, PlanWriter.write(p));
            assertThat(r.errors()).isEmpty();
            double gap = (r.objective() - exact.objective()) / Math.max(1e-9, Math.abs(exact.objective()));
            System.out.printf("seed %d planner %.6f milp %.6f gap %.4f%%%n", seed, r.objective(), exact.objective(),
                    100 * gap);
            assertThat(r.objective()).as("planner never beats the optimum").isGreaterThanOrEqualTo(
                    exact.objective() - 1e-6 * Math.abs(exact.objective()) - 1e-6);
            worst = Math.max(worst, gap);
        }
        System.out.printf("solved %d, worst gap %.4f%%%n", solved, 100 * worst);
        assertThat(solved).isGreaterThan(5);
        assertThat(worst).isLessThanOrEqualTo(0.01);
    }
}
