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

    /** The generated scenario of benchmark size {@code sizeIndex} and {@code seed} (the table's rows). */
    static String scenarioJson(int sizeIndex, long seed) {
        return ScenarioGenerator.generate(seed * 7919 + sizeIndex, SIZES[sizeIndex]);
    }

    /** As {@link #scenarioJson(int, long)} for a {@code size:seed} argument of the benchmark helpers. */
    static String scenarioJson(String sizeSeed) {
        String[] parts = sizeSeed.split(":");
        return scenarioJson(Integer.parseInt(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : 1);
    }

    public static void main(String[] args) {
        int first = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int last = args.length > 1 ? Integer.parseInt(args[1]) : SIZES.length - 1;
        long seeds = args.length > 2 ? Long.parseLong(args[2]) : 3;
        long seedsLarge = args.length > 4 ? Long.parseLong(args[4]) : seeds; // seeds for the two largest sizes
        long limit = args.length > 3 ? Long.parseLong(args[3]) : 0;
        System.out.println("| offers | workloads | replicas | owned | rented | seed | solveMillis cold / warm | objective |"
                + " (a) cheapest on-demand | (b) cheapest+FFD | (c) carbon/churn-blind | LP bound (time) |"
                + " pool MILP bound (time) | pattern LP bound (time) | best bound | gap | (c) gap |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        // warm up the JIT on a mid-size scenario
        Planner.plan(ScenarioReader.read(ScenarioGenerator.generate(99, SIZES[2])));
        for (int i = first; i <= last; i++) {
            ScenarioGenerator.Size size = SIZES[i];
            for (long seed = 1; seed <= (i >= 5 ? seedsLarge : seeds); seed++) {
                String json = scenarioJson(i, seed);
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
                double ub = Math.min(r.objective(), Math.min(a, Math.min(b, c)));
                Bounds bd = bounds(i, s, ub, p);
                double gapC = (c - bd.best) / Math.max(1e-9, Math.abs(bd.best));
                System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d / %d | %s | %s (x%.3f) | %s (x%.3f) | %s (x%.3f) | %s | %s | %s | %s | %s | %s |%n",
                        size.offers(), size.workloads(), size.replicas(), size.owned(), size.rented(), seed,
                        cold, p.solveMillis(), fmt(r.objective()), fmt(a), a / r.objective(), fmt(b), b / r.objective(),
                        fmt(c), c / r.objective(), bd.lp, bd.integer, bd.pattern, fmt(bd.best) + " (" + bd.kind + ")",
                        pct((r.objective() - bd.best) / Math.max(1e-9, Math.abs(bd.best))), pct(gapC));
                System.err.println("  size " + i + " seed " + seed + ": " + bd.detail);
            }
        }
    }

    /** The bounds of one scenario: best of the valid ones, and the cells of the table. */
    static final class Bounds {
        double best = Double.NEGATIVE_INFINITY;
        String kind = "-";
        String lp = "-";
        String integer = "-";
        String pattern = "-";
        String detail = "";
    }

    /**
     * LP column generation for every size, the integer pool bound, the pattern LP (warm-started with the planner's
     * plan {@code warm} and R's duals; {@code -DpatternMillis}, 0 = skip) and (small sizes) the exact MILP.
     */
    static Bounds bounds(int sizeIndex, Scenario s, double ub, Plan warm) {
        Bounds out = new Bounds();
        if (Boolean.getBoolean("noBounds")) {
            return out;
        }
        PoolModel m = new PoolModel(s);
        long lpMillis = Long.getLong("lpMillis", sizeIndex >= 5 ? 240_000 : sizeIndex >= 3 ? 180_000 : 60_000);
        PoolBounds.Lp lp = PoolBounds.lp(m, 30, 20, lpMillis);
        out.detail = lp.toString();
        out.lp = String.format(Locale.ROOT, "%s (%.0f s%s)", fmt(lp.bound), lp.millis / 1000.0,
                lp.converged ? "" : ", stopped");
        out.best = lp.bound;
        out.kind = "LP";
        long milpMillis = Long.getLong("milpMillis", 60_000);
        if (milpMillis > 0) {
            PoolBounds.Milp mi = PoolBounds.milp(m, lp, ub, milpMillis, "SCIP", 150_000);
            out.detail += "; " + mi;
            if (mi.status.startsWith("too many")) {
                out.integer = "- (" + mi.columns + " columns)";
            } else {
                out.integer = String.format(Locale.ROOT, "%s (%.0f s%s)", fmt(mi.bound), mi.millis / 1000.0,
                        mi.status.equals("OPTIMAL") ? "" : ", stopped");
                if (mi.bound > out.best) {
                    out.best = mi.bound;
                    out.kind = "pool MILP";
                }
            }
        }
        long patternMillis = Long.getLong("patternMillis", s.offers().size() > 1_000 ? 180_000 : 60_000);
        if (patternMillis > 0) {
            PatternBounds.Result pb = PatternBounds.lp(m, warm, lp, patternMillis);
            out.detail += "; " + pb;
            if (pb.bound > ub + 1e-6 * Math.abs(ub) + 1e-6) {
                throw new IllegalStateException("pattern LP bound " + pb.bound + " above a plan's objective " + ub);
            }
            out.pattern = String.format(Locale.ROOT, "%s (%.0f s%s)", fmt(pb.bound), pb.millis / 1000.0,
                    pb.converged ? "" : ", stopped");
            if (pb.bound > out.best) {
                out.best = pb.bound;
                out.kind = "pattern LP";
            }
        }
        long exactMillis = Long.getLong("exactMillis", 60_000);
        if (s.offers().size() <= 40 && exactMillis > 0) {
            ExactScip.Result ex = ExactScip.solve(m, lp, ub, exactMillis);
            out.detail += "; exact " + ex;
            if (ex.optimal()) {
                out.best = ex.objective();
                out.kind = "exact MILP";
            } else if (Double.isFinite(ex.bound()) && ex.bound() > out.best) {
                out.best = ex.bound();
                out.kind = "MILP bound";
            }
        }
        return out;
    }

    static String pct(double d) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * d);
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

}
