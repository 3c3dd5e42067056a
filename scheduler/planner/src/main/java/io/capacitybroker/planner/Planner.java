package io.capacitybroker.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        Search search = new Search(model, t0, options.timeLimitMillis());
        State best = search.run();
        return Output.toPlan(model, best, options, t0);
    }
}
