package io.capacitybroker.planner;

import java.util.Locale;

/** Prints the planner objective against the OR-Tools bounds for generated sizes (benchmark helper). */
public final class BoundRun {
    public static void main(String[] args) {
        long lpMillis = Long.getLong("lpMillis", 120_000);
        long milpMillis = Long.getLong("milpMillis", 60_000);
        long exactMillis = Long.getLong("exactMillis", 0);
        for (String a : args) {
            String[] parts = a.split(":");
            boolean example = !Character.isDigit(a.charAt(0));
            int i = example ? -1 : Integer.parseInt(parts[0]);
            long seed = parts.length > 1 ? Long.parseLong(parts[1]) : 1;
            String json = example ? Resources.text("/examples/" + a + ".json")
                    : PlannerBenchmark.scenarioJson(i, seed);
            Scenario s = ScenarioReader.read(json);
            Plan p = Planner.plan(s);
            double obj = PlanChecker.check(json, PlanWriter.writeCompact(p)).objective();
            PoolModel m = new PoolModel(s);
            PoolBounds.Lp lp = PoolBounds.lp(m, Integer.getInteger("K", 8), Integer.getInteger("perRound", 4), lpMillis);
            System.out.printf("size %d seed %d planner %.4f (%d ms) %s gap %.3f%%%n", i, seed, obj, p.solveMillis(), lp,
                    100 * (obj - lp.bound) / Math.abs(lp.bound));
            long patternMillis = Long.getLong("patternMillis", m.s.offers().size() > 1_000 ? 180_000 : 60_000);
            if (patternMillis > 0) {
                PatternBounds.Result pb = PatternBounds.lp(m, p, lp, patternMillis);
                System.out.printf("   %s gap %.3f%% (LP gap %.3f%%)%n", pb, 100 * (obj - pb.bound) / Math.abs(pb.bound),
                        100 * (obj - lp.bound) / Math.abs(lp.bound));
                if (!pb.mipSummary().isEmpty()) {
                    System.out.printf(Locale.ROOT, "   %s%n", pb.mipSummary());
                }
                if (pb.mipPlan != null) {
                    PlanChecker.Result mr = PlanChecker.check(json, PlanWriter.writeCompact(pb.mipPlan));
                    System.out.printf(Locale.ROOT,
                            "   its plan: %s, objective %.4f (moves %d); planner %+.3f%% against it%n",
                            mr.ok() ? "valid" : "INVALID " + mr.errors(), mr.objective(), pb.mipPlan.summary().moves(),
                            100 * (obj - mr.objective()) / Math.abs(mr.objective()));
                }
            }
            if (milpMillis > 0) {
                PoolBounds.Milp mi = PoolBounds.milp(m, lp, obj, milpMillis, "SCIP", 2_000_000);
                System.out.printf("   %s gap %.3f%%%n", mi, 100 * (obj - mi.bound) / Math.abs(mi.bound));
            }
            if (exactMillis > 0) {
                ExactScip.Result ex = ExactScip.solve(m, lp, obj, exactMillis);
                System.out.printf("   exact %s gap %.3f%%%n", ex, 100 * (obj - ex.objective()) / Math.abs(ex.objective()));
            }
        }
    }
}
