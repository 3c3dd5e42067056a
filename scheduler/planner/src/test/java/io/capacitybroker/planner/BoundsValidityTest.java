package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The yardsticks must be valid: on scenarios where the exact MILP proves the optimum, every lower bound
 * ({@link PoolBounds} LP and integer pool bound, {@link PatternBounds} pattern LP) is at most that optimum, and the
 * optimum is at most the checked objective of every plan (planner, carbon/churn-blind planner, baselines). Fails if
 * a bound is too high. The pattern LP's pricing knapsack is checked against enumeration.
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
        PatternBounds.Result pb = PatternBounds.lp(m, null, null, 30_000);
        assertThat(pb.converged).isTrue();
        assertThat(pb.bound).isLessThanOrEqualTo(ex.objective() + 1e-6);
        // on tiny the pattern LP closes R's gap: every replica's node packing is what R misses
        assertThat(pb.bound).isGreaterThan(lp.bound + 0.3);
    }

    /**
     * A rented node is kept whole or released whole: two rented 8 vCPU nodes (60 $ each over the horizon) hold 4
     * replicas each of a 1 vCPU workload, a move costs 20 $, a 1 vCPU node elsewhere 0.06 $. The optimum keeps both
     * (120; one node for all 8 replicas costs 60 + 4 moves = 140). Counting moves per pool against the replicas on ALL
     * rented nodes of the pool, R and the pattern LP ran one node with all 8 replicas and no move (60); with a keep
     * column per rented node only the replicas of kept nodes stay without a move, and both LP bounds are the optimum.
     */
    @Test
    void keptRentedNodesBoundTheMovesThatStay() {
        String json = """
                {"schema": "capacity-broker/scenario@1", "horizonHours": 6,
                 "policy": {"carbonPricePerTonne": 0, "moveCostPerReplica": 20, "interruptionCostPerReplica": 50,
                            "unplacedCostPerReplicaHour": 100},
                 "offers": [
                  {"id": "big", "provider": "aws", "region": "eu-west-1", "zone": null, "instanceType": "m5.2xlarge",
                   "market": "on_demand", "vcpus": 8, "memoryGiB": 32, "pricePerHour": 10, "co2GramsPerHour": 0},
                  {"id": "small", "provider": "aws", "region": "eu-west-1", "zone": null, "instanceType": "t3.micro",
                   "market": "on_demand", "vcpus": 1, "memoryGiB": 1, "pricePerHour": 0.01, "co2GramsPerHour": 0}],
                 "ownedNodes": [],
                 "rentedNodes": [{"id": "r-1", "offerId": "big", "placements": {"a": 4}},
                                 {"id": "r-2", "offerId": "big", "placements": {"a": 4}}],
                 "workloads": [{"id": "a", "replicas": 8, "vcpus": 1, "memoryGiB": 1}]}
                """;
        Scenario s = ScenarioReader.read(json);
        ExactScip.Result ex = ExactScip.solve(s, 30_000);
        assertThat(ex.optimal()).isTrue();
        assertThat(ex.objective()).isCloseTo(120, within(1e-9));
        PoolModel m = new PoolModel(s);
        PoolBounds.Lp lp = PoolBounds.lp(m, 30, 20, 30_000);
        assertThat(lp.converged).isTrue();
        assertThat(lp.bound).isCloseTo(ex.objective(), within(1e-6));
        PoolBounds.Milp mi = PoolBounds.milp(m, lp, ex.objective(), 30_000, "SCIP", 100_000);
        assertThat(mi.bound).isCloseTo(ex.objective(), within(1e-6));
        PatternBounds.Result pb = PatternBounds.lp(m, null, null, 30_000);
        assertThat(pb.converged).isTrue();
        assertThat(pb.bound).isCloseTo(ex.objective(), within(1e-6));
        assertThat(Planner.plan(s).summary().objective()).isCloseTo(ex.objective(), within(1e-6));
    }

    @Test
    void boundsNeverExceedTheProvenOptimumNorAnyPlan() {
        int proven = 0;
        int cases = 0;
        int patternConverged = 0;
        int integerAboveLp = 0;
        long patternMillis = 0;
        for (ScenarioGenerator.Size size : new ScenarioGenerator.Size[] {new ScenarioGenerator.Size(6, 3, 12, 1, 2),
                new ScenarioGenerator.Size(15, 5, 40, 1, 4)}) {
            for (long seed = 300; seed < 310; seed++) {
                String json = ScenarioGenerator.generate(seed, size);
                Scenario s = ScenarioReader.read(json);
                Plan planner = Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(300));
                double[] plans = {
                    objective(json, planner),
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
                // warm-started with a plan and R's duals (as the benchmark runs it), and cold
                PatternBounds.Result pb = PatternBounds.lp(m, planner, lp, 10_000);
                PatternBounds.Result pbCold = PatternBounds.lp(m, null, null, 10_000);
                ExactScip.Result ex = ExactScip.solve(s, 10_000);
                // the exact model pruned by the LP and the best plan must agree with the plain one
                ExactScip.Result pruned = ExactScip.solve(m, lp, best, 10_000);
                double tol = 1e-6 * Math.max(1, Math.abs(best));
                cases++;
                patternConverged += pb.converged && pbCold.converged ? 1 : 0;
                patternMillis += pb.millis + pbCold.millis;
                for (double v : plans) {
                    assertThat(lp.bound).as("LP bound vs a plan, seed %d", seed).isLessThanOrEqualTo(v + tol);
                    assertThat(lp.integerBound).as("integer-node bound vs a plan, seed %d", seed)
                            .isLessThanOrEqualTo(v + tol);
                    assertThat(mi.bound).as("pool MILP bound vs a plan, seed %d", seed).isLessThanOrEqualTo(v + tol);
                    assertThat(pb.bound).as("pattern LP bound vs a plan, seed %d", seed).isLessThanOrEqualTo(v + tol);
                    assertThat(pbCold.bound).as("pattern LP bound (cold) vs a plan, seed %d", seed)
                            .isLessThanOrEqualTo(v + tol);
                }
                if (pb.converged && pbCold.converged && lp.converged) {
                    // both solve P (the cold run to P's optimum, the warm one too), which is at least as tight as R
                    assertThat(pb.bound).as("pattern LP vs R's LP, seed %d", seed)
                            .isGreaterThanOrEqualTo(lp.bound - 1e-4 * Math.max(1, Math.abs(lp.bound)));
                    assertThat(pb.bound).as("pattern LP warm vs cold, seed %d", seed)
                            .isCloseTo(pbCold.bound, within(1e-4 * Math.max(1, Math.abs(pb.bound))));
                }
                if (ex.optimal()) {
                    proven++;
                    assertThat(lp.bound).as("LP bound vs optimum, seed %d", seed)
                            .isLessThanOrEqualTo(ex.objective() + tol);
                    assertThat(lp.integerBound).as("integer-node bound vs optimum, seed %d", seed)
                            .isLessThanOrEqualTo(ex.objective() + tol);
                    integerAboveLp += lp.integerBound > lp.bound + tol ? 1 : 0;
                    assertThat(mi.bound).as("pool MILP bound vs optimum, seed %d", seed)
                            .isLessThanOrEqualTo(ex.objective() + tol);
                    assertThat(pb.bound).as("pattern LP bound vs optimum, seed %d", seed)
                            .isLessThanOrEqualTo(ex.objective() + tol);
                    assertThat(pbCold.bound).as("pattern LP bound (cold) vs optimum, seed %d", seed)
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
        System.out.printf("bounds checked on %d scenarios, %d with a proven optimum, pattern LP converged on %d (%d ms),"
                + " integer-node bound above the LP on %d%n", cases, proven, patternConverged, patternMillis,
                integerAboveLp);
        assertThat(proven).isGreaterThanOrEqualTo(12);
        assertThat(patternConverged).isGreaterThanOrEqualTo(cases - 2);
    }

    /**
     * The pattern LP is valid only if pricing never underestimates a knapsack: on random 2-D bounded knapsacks
     * (grid and off-grid sizes, with and without a floor), the upper bound is at least the maximum found by
     * enumeration, the pattern found is feasible and worth what it claims, and an exact answer is the maximum.
     * With a node limit of a few nodes the stopped search (open-node bounds, Lagrangian DP, SCIP) must stay valid.
     */
    @Test
    void patternKnapsackNeverUnderestimates() {
        java.util.Random r = new java.util.Random(42);
        double[] grid = {0.25, 0.5, 1, 2, 4, 0.3, 0.7, 1.1};
        boolean dp = PatternBounds.USE_DP;
        long scip = PatternBounds.SCIP_MILLIS;
        try {
            for (int t = 0; t < 800; t++) {
                int n = 1 + r.nextInt(7);
                double[] wv = new double[n];
                double[] wm = new double[n];
                for (int i = 0; i < n; i++) {
                    // equal sizes now and then, to exercise the groups
                    wv[i] = i > 0 && r.nextInt(4) == 0 ? wv[i - 1] : grid[r.nextInt(grid.length)];
                    wm[i] = i > 0 && wv[i] == wv[i - 1] && r.nextBoolean() ? wm[i - 1]
                            : grid[r.nextInt(grid.length)] * (1 + r.nextInt(4));
                }
                PatternBounds.Knapsack ks = new PatternBounds.Knapsack(wv, wm, n);
                ks.n = n;
                for (int i = 0; i < n; i++) {
                    ks.w[i] = i;
                    ks.p[i] = 0.01 + r.nextDouble();
                    ks.cap[i] = 1 + r.nextInt(6);
                }
                double V = 1 + r.nextInt(8) + (r.nextBoolean() ? 0.5 : 0);
                double M = 1 + r.nextInt(24);
                double opt = enumerate(ks, wv, wm, V, M, 0, 0, 0);
                double floor = r.nextInt(3) == 0 ? opt * (0.5 + r.nextDouble()) : 0;
                long nodes = r.nextBoolean() ? 1 + r.nextInt(4) : 20_000;
                PatternBounds.USE_DP = r.nextBoolean();
                PatternBounds.SCIP_MILLIS = r.nextBoolean() ? 2_000 : 0;
                PatternBounds.Knapsack.Out o = ks.solve(V, M, nodes, floor);
                String as = "instance " + t;
                assertThat(o.ub).as(as).isGreaterThanOrEqualTo(opt - 1e-9);
                double v = 0;
                double m = 0;
                double pr = 0;
                if (o.ws != null) {
                    for (int k = 0; k < o.ws.length; k++) {
                        int i = o.ws[k];
                        assertThat(o.cnt[k]).as(as).isBetween(1, ks.cap[i]);
                        v += wv[i] * o.cnt[k];
                        m += wm[i] * o.cnt[k];
                        pr += ks.p[i] * o.cnt[k];
                    }
                }
                assertThat(v).as(as).isLessThanOrEqualTo(V + 1e-9);
                assertThat(m).as(as).isLessThanOrEqualTo(M + 1e-9);
                assertThat(o.best).as(as).isCloseTo(pr, within(1e-9));
                if (o.exact && opt > floor + 1e-6 * opt) {
                    assertThat(o.best).as(as + " exact").isGreaterThanOrEqualTo(opt * (1 - 2e-6) - 1e-9);
                }
            }
        } finally {
            PatternBounds.USE_DP = dp;
            PatternBounds.SCIP_MILLIS = scip;
        }
    }

    private static double enumerate(PatternBounds.Knapsack ks, double[] wv, double[] wm, double V, double M, int i,
            double v, double m) {
        if (i == ks.n) {
            return 0;
        }
        double best = 0;
        for (int k = 0; k <= ks.cap[i]; k++) {
            double nv = v + k * wv[i];
            double nm = m + k * wm[i];
            if (nv > V + 1e-9 || nm > M + 1e-9) {
                break;
            }
            best = Math.max(best, k * ks.p[i] + enumerate(ks, wv, wm, V, M, i + 1, nv, nm));
        }
        return best;
    }

    private static double objective(String json, Plan p) {
        PlanChecker.Result r = PlanChecker.check(json, PlanWriter.writeCompact(p));
        assertThat(r.errors()).isEmpty();
        return r.objective();
    }
}
