package io.capacitybroker.planner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Reads a plan JSON back into a {@link Plan} (structure only; the rules against a scenario are not checked here).
 * Throws {@link IllegalArgumentException} on malformed input.
 */
public final class PlanReader {

    private PlanReader() {
    }

    public static Plan read(String json) {
        JsonNode root = ScenarioReader.MAPPER.readTree(json);
        if (!root.isObject() || !Plan.SCHEMA.equals(text(root, "schema"))) {
            throw new IllegalArgumentException("not a " + Plan.SCHEMA + " document");
        }
        List<PlanNode> nodes = new ArrayList<>();
        for (JsonNode n : req(root, "nodes").values()) {
            PlanNode.Source src = PlanNode.Source.fromJson(text(n, "source"));
            if (src == null) {
                throw new IllegalArgumentException("bad node source in " + n);
            }
            JsonNode off = n.get("offerId");
            nodes.add(new PlanNode(text(n, "id"), src, off == null ? null : off.stringValue(),
                    intMap(req(n, "placements"))));
        }
        List<String> release = new ArrayList<>();
        for (JsonNode r : req(root, "release").values()) {
            release.add(r.stringValue());
        }
        Map<String, Integer> unplaced = root.has("unplaced") ? intMap(root.get("unplaced")) : Map.of();
        Map<String, String> reasons = new LinkedHashMap<>();
        if (root.has("reasons")) {
            for (Map.Entry<String, JsonNode> e : root.get("reasons").properties()) {
                reasons.put(e.getKey(), e.getValue().stringValue());
            }
        }
        JsonNode s = req(root, "summary");
        Summary summary = new Summary(req(s, "rentedPricePerHour").doubleValue(),
                req(s, "co2GramsPerHour").doubleValue(), req(s, "expectedInterruptionsPerHour").doubleValue(),
                req(s, "moves").longValue(), req(s, "unplacedReplicas").longValue(),
                req(s, "objective").doubleValue());
        Object explanations = root.has("explanations")
                ? ScenarioReader.MAPPER.treeToValue(root.get("explanations"), Object.class)
                : null;
        return new Plan(nodes, release, unplaced, reasons, summary, req(root, "solveMillis").longValue(),
                explanations);
    }

    private static JsonNode req(JsonNode n, String key) {
        JsonNode c = n.get(key);
        if (c == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return c;
    }

    private static String text(JsonNode n, String key) {
        JsonNode c = req(n, key);
        if (!c.isString()) {
            throw new IllegalArgumentException(key + " must be a string");
        }
        return c.stringValue();
    }

    private static Map<String, Integer> intMap(JsonNode n) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            m.put(e.getKey(), e.getValue().intValue());
        }
        return m;
    }
}
