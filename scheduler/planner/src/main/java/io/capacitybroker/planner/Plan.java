package io.capacitybroker.planner;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan ({@code capacity-broker/plan@1}). {@code explanations} is free-form (maps, lists, strings, numbers) and may
 * be null; see docs/planner.md for the shape the planner writes.
 */
public record Plan(List<PlanNode> nodes, List<String> release, Map<String, Integer> unplaced,
        Map<String, String> reasons, Summary summary, long solveMillis, Object explanations) {

    public static final String SCHEMA = "capacity-broker/plan@1";

    public Plan {
        nodes = List.copyOf(nodes);
        release = List.copyOf(release);
        unplaced = Collections.unmodifiableMap(new LinkedHashMap<>(unplaced));
        reasons = Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
    }

    public Plan withoutExplanations() {
        return new Plan(nodes, release, unplaced, reasons, summary, solveMillis, null);
    }
}
