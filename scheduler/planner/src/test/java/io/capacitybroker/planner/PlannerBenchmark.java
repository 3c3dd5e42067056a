package io.capacitybroker.planner;

import java.util.Locale;

/**
 * Benchmark command (not a test): generates scenarios of growing size from the real catalogs, runs the planner and
 * the baselines, and prints a markdown table. Run from the repository root:
 *
 * <pre>
 * mvn -q -pl .,scheduler/planner test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.capacitybroker.planner.PlannerBenchmark [-Dexec.args="sizes"]
 * </pre>
 */
public final class PlannerBenchmark {

    static final ScenarioGenerator.Size[] SIZES = {
        new ScenarioGenerator.Size(8, 3, 15, 1, 2),
        new ScenarioGenerator.Size(40, 10, 170, 2, 10),
        new ScenarioGenerator.Size(300, 60, 2_000, 4, 100),
        new ScenarioGenerator.Size(1_000, 200, 6_000, 8, 300),
        new ScenarioGenerator.Size(3_000, 500, 20_000, 10, 1_000),
        new ScenarioGenerator.Size(8_000, 1_000, 35_000, 16, 2_000),
        new ScenarioGenerator.Size(15_000, 2_000, 60_000, 20, 4_000),
    };

    public static void main(String[] args) {
        int first = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int last = args.length > 1 ? Integer.parseInt(args[1]) : SIZES.length - 1;
        long seeds = args.length > 2 ? Long.parseLong(args[2]) : 3;
        long limit = args.length > 3 ? Long.parseLong(args[3]) : 0;
        System.out.println("| offers | workloads | replicas | owned | rented | seed | solveMillis cold / warm | objective |"
                + " (a) cheapest on-demand | (b) cheapest+FFD | (c) carbon/churn-blind | LP/MILP bound | gap |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        // warm up the JIT on a mid-size scenario
        Planner.plan(ScenarioReader.read(ScenarioGenerator.generate(99, SIZES[2])));
        for (int i = first; i <= last; i++) {
            ScenarioGenerator.Size size = SIZES[i];
            for (long seed = 1; seed <= seeds; seed++) {
                String json = ScenarioGenerator.generate(seed * 7919 + i, size);
                Scenario s = ScenarioReader.read(json);
                long timeLimit = limit; // 0 = the planner's automatic limit
                Runtime.getRuntime().gc();
                long cold = Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(timeLimit)).solveMillis();
                Runtime.getRuntime().gc();
                Plan p = Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(timeLimit));
                PlanChecker.Result r = PlanChecker.check(json, PlanWriter.writeCompact(p));
                if (!r.ok()) {
                    throw new IllegalStateException("invalid plan: " + r.errors());
                }
                double a = PlanChecker.check(json, PlanWriter.writeCompact(Baselines.cheapestOnDemand(s))).objective();
                double b = PlanChecker.check(json, PlanWriter.writeCompact(Baselines.cheapestPerWorkloadFfd(s)))
                        .objective();
                Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(timeLimit).blind(true, true));
                Plan blind = Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(timeLimit).blind(true, true));
                double c = PlanChecker.check(json, PlanWriter.writeCompact(blind)).objective();
                String bound = "-";
                String gap = "-";
                if (size.offers() <= 40) {
                    boolean exact = size.replicas() <= 20;
                    ExactMilp.Result lb = ExactMilp.solve(s, !exact, 60_000);
                    if (lb.optimal()) {
                        bound = fmt(lb.objective()) + (exact ? " (MILP)" : " (LP)");
                        gap = String.format(Locale.ROOT, "%.2f%%", 100 * (r.objective() - lb.objective())
                                / Math.max(1e-9, lb.objective()));
                    }
                }
                System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d / %d | %s | %s (x%.3f) | %s (x%.3f) | %s (x%.3f) | %s | %s |%n",
                        size.offers(), size.workloads(), size.replicas(), size.owned(), size.rented(), seed,
                        cold, p.solveMillis(), fmt(r.objective()), fmt(a), a / r.objective(), fmt(b), b / r.objective(),
                        fmt(c), c / r.objective(), bound, gap);
            }
        }
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

}
