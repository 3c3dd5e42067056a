package io.capacitybroker.planner;

import java.util.Locale;

/**
 * Benchmark helper (not a test): on generated small scenarios, the planner, the restricted master MIP over the pattern
 * LP's columns (warm-started with the planner's plan; {@link PatternBounds}) and the exact MILP. Arguments as
 * {@link SmallGapRun}: {@code offers,workloads,replicas,owned,rented fromSeed toSeed exactMillis}.
 */
public final class SmallMipRun {
    public static void main(String[] args) {
        String[] sz = args[0].split(",");
        ScenarioGenerator.Size size = new ScenarioGenerator.Size(Integer.parseInt(sz[0]), Integer.parseInt(sz[1]),
                Integer.parseInt(sz[2]), Integer.parseInt(sz[3]), Integer.parseInt(sz[4]));
        long exactMillis = Long.parseLong(args[3]);
        if (PatternBounds.MIP_MILLIS <= 0) {
            PatternBounds.MIP_MILLIS = 20_000;
        }
        for (long seed = Long.parseLong(args[1]); seed < Long.parseLong(args[2]); seed++) {
            String json = ScenarioGenerator.generate(seed, size);
            Scenario s = ScenarioReader.read(json);
            long limit = Long.getLong("plannerMillis", 1600);
            Plan p = Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(limit));
            double planner = PlanChecker.check(json, PlanWriter.writeCompact(p)).objective();
            PoolModel m = new PoolModel(s);
            PatternBounds.Result pb = PatternBounds.lp(m, p, 60_000);
            double mip = Double.NaN;
            String valid = "no plan";
            if (pb.mipPlan != null) {
                PlanChecker.Result r = PlanChecker.check(json, PlanWriter.writeCompact(pb.mipPlan));
                mip = r.objective();
                valid = r.ok() ? "valid" : "INVALID " + r.errors();
            }
            ExactScip.Result ex = ExactScip.solve(s, exactMillis);
            System.out.printf(Locale.ROOT,
                    "seed %d planner %.4f mip %.4f (%s, %d ms) exact %.4f %s | planner %.3f%% mip %.3f%%%n", seed,
                    planner, mip, valid, pb.mipMillis, ex.objective(), ex.optimal() ? "proven" : ex.status(),
                    100 * (planner / ex.objective() - 1), 100 * (mip / ex.objective() - 1));
        }
    }
}
