package io.capacitybroker.planner;

import java.util.Map;

/** A node that runs after the plan: {@code source} is owned, rented or new; offerId is null for owned nodes. */
public record PlanNode(String id, Source source, String offerId, Map<String, Integer> placements) {

    public enum Source {
        OWNED("owned"), RENTED("rented"), NEW("new");

        private final String json;

        Source(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }

        public static Source fromJson(String s) {
            for (Source v : values()) {
                if (v.json.equals(s)) {
                    return v;
                }
            }
            return null;
        }
    }

    public PlanNode {
        placements = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(placements));
    }
}
