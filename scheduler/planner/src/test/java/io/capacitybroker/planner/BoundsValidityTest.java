package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The yardsticks must be valid: on scenarios where the exact MILP proves the optimum, every lower bound
 * ({@link PoolBounds} LP and integer pool bound) is at most that optimum, and the optimum is at most the checked
 * objective of every plan (planner, carbon/churn-blind planner, baselines). Fails if a bound is too high.
 */
class BoundsValidityTest {

    @Test
    void orToolsNativesLoad() {
        OrTools.load();
        assertThat(com.google.ortools.linearsolver.MPSolver.createSolver("GLOP")).isNotNull();
        assertThat(com.google.ortools.linearsolver.MPSolver.createSolver("SCIP")).isNotNull();
    }

    @Test
    void tinyExampleOptimumAndBounds() {
        String json = Resources.text("/examples/tiny.json");
        Scenario s = ScenarioReader.read(json);
        ExactScip.Result ex = ExactScip.solve(s, 30_000);
        assertThat(ex.optimal()).isTrue();
        assertThat(ex.objective()).isCloseTo(181.1631879388, within(1e-6));
        PoolModel m = new PoolModel(s);
        PoolBounds.Lp lp = PoolBounds.lp(m, 30, 20, 30_000);
        assertThat(lp.converged).isTrue();
        assertThat(lp.bound).isLessThanOrEqualTo(ex.objective() + 1e-6);
        PoolBounds.Milp mi = PoolBounds.milp(m, lp, ex.objective(), 30_000, "SCIP", 100_000);
        assertThat(mi.bound).isLessThanOrEqualTo(ex.objective() + 1e-6);
    }

    @Test
    void boundsNeverExceedTheProvenOptimumNorAnyPlan() {
        int proven = 0;
        int cases = 0;
        for (ScenarioGenerator.Size size : new ScenarioGenerator.Size[] {new ScenarioGenerator.Size(6, 3, 12, 1, 2),
                new ScenarioGenerator.Size(15, 5, 40, 1, 4)}) {
            for (long seed = 300; seed < 310; seed++) {
                String json = ScenarioGenerator.generate(seed, size);
                Scenario s = ScenarioReader.read(json);
                double[] plans = {
                    objective(json, Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(300))),
                    objective(json, Planner.plan(s,
                            PlannerOptions.defaults().withTimeLimitMillis(300).blind(true, true))),
                    objective(json, Baselines.cheapestOnDemand(s)),
                    objective(json, Baselines.cheapestPerWorkloadFfd(s)),
                };
                double best = Double.POSITIVE_INFINITY;
                for (double v : plans) {
                    best = Math.min(best, v);
                }
                PoolModel m = new PoolModel(s);
                PoolBounds.Lp lp = PoolBounds.lp(m, 30, 20, 30_000);
                PoolBounds.Milp mi = PoolBounds.milp(m, lp, best, 10_000, "SCIP", 100_000);
                ExactScip.Result ex = ExactScip.solve(s, 10_000);
                // the exact model pruned by the LP and the best plan must agree with the plain one
                ExactScip.Result pruned = ExactScip.solve(m, lp, best, 10_000);
                double tol = 1e-6 * Math.max(1, Math.abs(best));
                cases++;
                for (double v : plans) {
                    assertThat(lp.bound).as("LP bound vs a plan, seed %d", seed).isLessThanOrEqualTo(v + tol);
                    assertThat(mi.bound).as("pool MILP bound vs a plan, seed %d", seed).isLessThanOrEqualTo(v + tol);
                }
                if (ex.optimal()) {
                    proven++;
                    assertThat(lp.bound).as("LP bound vs optimum, seed %d", seed)
                            .isLessThanOrEqualTo(ex.objective() + tol);
                    assertThat(mi.bound).as("pool MILP bound vs optimum, seed %d", seed)
                            .isLessThanOrEqualTo(ex.objective() + tol);
                    assertThat(ex.objective()).as("optimum vs the best plan, seed %d", seed)
                            .isLessThanOrEqualTo(best + tol);
                    if (pruned.optimal()) {
                        assertThat(pruned.objective()).as("pruned exact, seed %d", seed)
                                .isCloseTo(ex.objective(), within(tol));
                    }
                }
            }
        }
        System.out.printf("bounds checked on %d scenarios, %d with a proven optimum%n", cases, proven);
        assertThat(proven).isGreaterThanOrEqualTo(12);
    }

    private static double objective(String json, Plan p) {
        PlanChecker.Result r = PlanChecker.check(json, PlanWriter.writeCompact(p));
        assertThat(r.errors()).isEmpty();
        return r.objective();
    }
}
