package io.capacitybroker.planner;

import java.util.List;
import java.util.Locale;

/**
 * Benchmark helper (not a test): the planner (1 s limit) against the exact node-indexed MILP ({@link ExactScip}) on
 * generated small scenarios, one line per seed and a summary. Arguments: {@code offers,workloads,replicas,owned,rented
 * fromSeed toSeed exactMillis}, e.g. {@code 20,6,60,1,4 200 240 20000}. {@link OptimalityGapTest} uses the same
 * measurement.
 */
public final class SmallGapRun {

    /** One seed: the planner's checked objective and the exact MILP's result. */
    record Gap(long seed, double planner, List<String> errors, ExactScip.Result exact) {
        double gap() {
            return (planner - exact.objective()) / Math.max(1e-9, Math.abs(exact.objective()));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "seed %d planner %.6f exact %.6f %s (%d ms) gap %.4f%%", seed, planner,
                    exact.objective(), exact.optimal() ? "proven" : "not proven: " + exact.status(), exact.millis(),
                    100 * gap());
        }
    }

    static Gap measure(ScenarioGenerator.Size size, long seed, long exactMillis) {
        return measure(size, seed, Long.getLong("plannerMillis", 1000), exactMillis);
    }

    /** One seed with the planner's time limit given (tests that need the restarts to end by their count). */
    static Gap measure(ScenarioGenerator.Size size, long seed, long plannerMillis, long exactMillis) {
        String json = ScenarioGenerator.generate(seed, size);
        Scenario s = ScenarioReader.read(json);
        Plan p = Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(plannerMillis));
        PlanChecker.Result r = PlanChecker.check(json, PlanWriter.write(p));
        return new Gap(seed, r.objective(), r.errors(), ExactScip.solve(s, exactMillis));
    }

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
            Gap g = measure(size, seed, millis);
            if (!g.errors().isEmpty()) {
                throw new IllegalStateException("invalid plan for seed " + seed + ": " + g.errors());
            }
            System.out.println(g);
            if (g.exact().optimal()) {
                proven++;
                within += g.gap() <= 0.01 ? 1 : 0;
                worst = Math.max(worst, g.gap());
            }
        }
        System.out.printf(Locale.ROOT, "%s seeds %d..%d: proven %d, within 1 %%: %d, worst %.4f%%%n", size, from,
                to - 1, proven, within, 100 * worst);
    }
}
