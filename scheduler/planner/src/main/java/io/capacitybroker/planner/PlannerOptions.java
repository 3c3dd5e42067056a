package io.capacitybroker.planner;

/**
 * Planner options.
 *
 * @param timeLimitMillis soft wall-clock limit for the whole solve (0 = automatic: 1.6 s, 7 s for very large
 *                        scenarios); the first greedy construction always completes, the local improvement stops
 *                        when the limit is reached (or earlier, at a local optimum)
 * @param ignoreCarbon    plan as if carbonPricePerTonne were 0 (for comparisons; the summary still uses the true
 *                        objective)
 * @param ignoreChurn     plan as if moveCostPerReplica were 0 and nothing ran anywhere yet (for comparisons)
 * @param explain         fill the plan's {@code explanations} field
 */
public record PlannerOptions(long timeLimitMillis, boolean ignoreCarbon, boolean ignoreChurn, boolean explain) {

    public static PlannerOptions defaults() {
        return new PlannerOptions(0, false, false, true);
    }

    public PlannerOptions withTimeLimitMillis(long millis) {
        return new PlannerOptions(millis, ignoreCarbon, ignoreChurn, explain);
    }

    public PlannerOptions withExplain(boolean e) {
        return new PlannerOptions(timeLimitMillis, ignoreCarbon, ignoreChurn, e);
    }

    public PlannerOptions blind(boolean carbon, boolean churn) {
        return new PlannerOptions(timeLimitMillis, carbon, churn, explain);
    }
}
