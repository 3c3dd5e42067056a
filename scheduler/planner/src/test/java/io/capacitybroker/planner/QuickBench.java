package io.capacitybroker.planner;

import java.util.Locale;

/** Benchmark helper: planner and carbon/churn-blind objectives for size:seed arguments (no bounds). */
public final class QuickBench {
    public static void main(String[] args) {
        Planner.plan(ScenarioReader.read(ScenarioGenerator.generate(99, PlannerBenchmark.SIZES[2])));
        for (String a : args) {
            String json = PlannerBenchmark.scenarioJson(a);
            Scenario s = ScenarioReader.read(json);
            long limit = Long.getLong("limitMillis", 0); // 0: the planner's automatic limit
            Plan p = Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(limit));
            PlanChecker.Result r = PlanChecker.check(json, PlanWriter.writeCompact(p));
            if (!r.ok()) {
                throw new IllegalStateException("invalid plan: " + r.errors());
            }
            double c = Double.NaN;
            if (!Boolean.getBoolean("noBlind")) {
                Plan b = Planner.plan(s, PlannerOptions.defaults().blind(true, true));
                c = PlanChecker.check(json, PlanWriter.writeCompact(b)).objective();
            }
            System.out.printf(Locale.ROOT, "%s planner %.2f (%d ms) blind %.2f ratio %.4f%n", a, r.objective(),
                    p.solveMillis(), c, c / r.objective());
        }
    }
}
