package io.capacitybroker.planner;

import java.util.Locale;

/**
 * Benchmark helper (not a test): the planner (1 s limit) against the exact node-indexed MILP ({@link ExactScip}) on
 * generated small scenarios, one line per seed and a summary. Arguments: {@code offers,workloads,replicas,owned,rented
 * fromSeed toSeed exactMillis}, e.g. {@code 20,6,60,1,4 200 240 20000}.
 */
public final class SmallGapRun {
    public static void main(String[] args) {
        String[] sz = args[0].split(",");
        ScenarioGenerator.Size size = new ScenarioGenerator.Size(Integer.parseInt(sz[0]), Integer.parseInt(sz[1]),
                Integer.parseInt(sz[2]), Integer.parseInt(sz[3]), Integer.parseInt(sz[4]));
        long from = Long.parseLong(args[1]);
        long to = Long.parseLong(args[2]);
        long millis = Long.parseLong(args[3]);
        int proven = 0;
        int within = 0;
        double worst = 0;
        for (long seed = from; seed < to; seed++) {
            String json = ScenarioGenerator.generate(seed, size);
            Scenario s = ScenarioReader.read(json);
            Plan p = Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(1000));
            PlanChecker.Result r = PlanChecker.check(json, PlanWriter.write(p));
            if (!r.ok()) {
                throw new IllegalStateException("invalid plan for seed " + seed + ": " + r.errors());
            }
            ExactScip.Result ex = ExactScip.solve(s, millis);
            double gap = (r.objective() - ex.objective()) / Math.max(1e-9, Math.abs(ex.objective()));
            System.out.printf(Locale.ROOT, "seed %d planner %.6f exact %.6f %s (%d ms) gap %.4f%%%n", seed,
                    r.objective(), ex.objective(), ex.optimal() ? "proven" : "not proven: " + ex.status(), ex.millis(),
                    100 * gap);
            if (ex.optimal()) {
                proven++;
                within += gap <= 0.01 ? 1 : 0;
                worst = Math.max(worst, gap);
            }
        }
        System.out.printf(Locale.ROOT, "%s seeds %d..%d: proven %d, within 1 %%: %d, worst %.4f%%%n", size, from,
                to - 1, proven, within, 100 * worst);
    }
}
