package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The restricted master MIP of {@link PatternBounds} (a diagnostic) turns its solution into a plan: the plan keeps
 * every rule, costs no less than the proven optimum, and costs no less than the MIP's own objective (P counts moves
 * per pool against the kept rented nodes, never more than a plan makes).
 */
class RestrictedMipTest {

    @Test
    void itsSolutionIsAValidPlan() {
        long keep = PatternBounds.MIP_MILLIS;
        PatternBounds.MIP_MILLIS = 20_000;
        try {
            ScenarioGenerator.Size size = new ScenarioGenerator.Size(20, 6, 60, 1, 4);
            for (long seed : new long[] {339, 355}) {
                String json = ScenarioGenerator.generate(seed, size);
                Scenario s = ScenarioReader.read(json);
                Plan warm = Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(500));
                PatternBounds.Result r = PatternBounds.lp(new PoolModel(s), warm, 30_000);
                assertThat(r.mipPlan).as("seed %d: %s", seed, r.mipStatus).isNotNull();
                PlanChecker.Result checked = PlanChecker.check(json, PlanWriter.writeCompact(r.mipPlan));
                assertThat(checked.errors()).as("seed %d", seed).isEmpty();
                double mip = r.mipObjective;
                assertThat(checked.objective()).isGreaterThanOrEqualTo(mip - 1e-6 * Math.abs(mip));
                ExactScip.Result exact = ExactScip.solve(s, 30_000);
                assertThat(exact.optimal()).isTrue();
                assertThat(checked.objective()).isGreaterThanOrEqualTo(exact.objective() - 1e-6 * exact.objective());
            }
        } finally {
            PatternBounds.MIP_MILLIS = keep;
        }
    }
}
