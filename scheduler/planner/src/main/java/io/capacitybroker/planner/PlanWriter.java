package io.capacitybroker.planner;

import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes a {@link Plan} as JSON ({@code capacity-broker/plan@1}), with the optional {@code explanations} field. */
public final class PlanWriter {

    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final JsonMapper COMPACT = JsonMapper.builder().build();

    private PlanWriter() {
    }

    /** Pretty-printed JSON. */
    public static String write(Plan plan) {
        return PRETTY.writeValueAsString(toTree(plan));
    }

    /** Compact single-line JSON. */
    public static String writeCompact(Plan plan) {
        return COMPACT.writeValueAsString(toTree(plan));
    }

    static ObjectNode toTree(Plan plan) {
        ObjectNode root = COMPACT.createObjectNode();
        root.put("schema", Plan.SCHEMA);
        ArrayNode nodes = root.putArray("nodes");
        for (PlanNode n : plan.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("id", n.id());
            o.put("source", n.source().json());
            if (n.offerId() != null) {
                o.put("offerId", n.offerId());
            }
            ObjectNode pl = o.putObject("placements");
            for (Map.Entry<String, Integer> e : n.placements().entrySet()) {
                pl.put(e.getKey(), e.getValue().intValue());
            }
        }
        ArrayNode rel = root.putArray("release");
        plan.release().forEach(rel::add);
        if (!plan.unplaced().isEmpty()) {
            ObjectNode u = root.putObject("unplaced");
            plan.unplaced().forEach((k, v) -> u.put(k, v.intValue()));
        }
        if (!plan.reasons().isEmpty()) {
            ObjectNode r = root.putObject("reasons");
            plan.reasons().forEach(r::put);
        }
        Summary s = plan.summary();
        ObjectNode so = root.putObject("summary");
        so.put("rentedPricePerHour", s.rentedPricePerHour());
        so.put("co2GramsPerHour", s.co2GramsPerHour());
        so.put("expectedInterruptionsPerHour", s.expectedInterruptionsPerHour());
        so.put("moves", s.moves());
        so.put("unplacedReplicas", s.unplacedReplicas());
        so.put("objective", s.objective());
        root.put("solveMillis", plan.solveMillis());
        if (plan.explanations() != null) {
            root.set("explanations", COMPACT.valueToTree(plan.explanations()));
        }
        return root;
    }
}
