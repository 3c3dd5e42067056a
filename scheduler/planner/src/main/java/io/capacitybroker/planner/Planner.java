package io.capacitybroker.planner;

/**
 * The planner: a pure function scenario -> plan. See docs/planner.md for the method.
 *
 * <p>Thread-safe: every call works on its own state.
 */
public final class Planner {

    private Planner() {
    }

    public static Plan plan(Scenario scenario) {
        return plan(scenario, PlannerOptions.defaults());
    }

    public static Plan plan(Scenario scenario, PlannerOptions options) {
        long t0 = System.nanoTime();
        Model model = new Model(scenario, options);
        long limit = options.timeLimitMillis() > 0 ? options.timeLimitMillis() : autoLimit(scenario);
        Search search = new Search(model, t0, limit);
        State best = search.run();
        Plan plan = Output.toPlan(model, best, options, t0);
        return plan;
    }

    /** Default time limit: 1.6 s, 7 s for scenarios with more than 25,000 replicas or 5,000 offers. */
    static long autoLimit(Scenario s) {
        long replicas = 0;
        for (Workload w : s.workloads()) {
            replicas += w.replicas();
        }
        return replicas > 25_000 || s.offers().size() > 5_000 ? 7_000 : 1_600;
    }
}
