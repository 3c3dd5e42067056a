package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The checker must be able to fail: deliberately broken plans are rejected. */
class PlanCheckerTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SCENARIO = Resources.text("/examples/tiny.json");

    static String broken(Consumer<ObjectNode> edit) {
        ObjectNode plan = (ObjectNode) JSON.readTree(PlanWriter.write(Planner.plan(ScenarioReader.read(SCENARIO))));
        edit.accept(plan);
        return JSON.writeValueAsString(plan);
    }

    static ObjectNode node(ObjectNode plan, int i) {
        return (ObjectNode) plan.get("nodes").get(i);
    }

    @Test
    void aValidPlanPasses() {
        assertThat(PlanChecker.check(SCENARIO, broken(p -> { })).errors()).isEmpty();
    }

    @Test
    void capacityBreachIsRejected() {
        assertThat(PlanChecker.check(SCENARIO, broken(p -> {
            ObjectNode pl = (ObjectNode) node(p, 1).get("placements");
            pl.put("wl-002", 5);
        })).errors()).anyMatch(e -> e.contains("rule 2") || e.contains("rule 1"));
    }

    @Test
    void wrongSummaryIsRejected() {
        assertThat(PlanChecker.check(SCENARIO, broken(p -> ((ObjectNode) p.get("summary")).put("objective", 1.0)))
                .errors()).anyMatch(e -> e.contains("summary.objective"));
    }

    @Test
    void forgottenRentedNodeIsRejected() {
        assertThat(PlanChecker.check(SCENARIO, broken(p -> {
            ArrayNode nodes = (ArrayNode) p.get("nodes");
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i).get("source").stringValue().equals("rented")) {
                    nodes.remove(i);
                    break;
                }
            }
        })).errors()).anyMatch(e -> e.contains("neither kept nor released"));
    }

    @Test
    void missingReasonAndSpotOnForbiddenWorkloadAreRejected() {
        assertThat(PlanChecker.check(SCENARIO, broken(p -> p.remove("reasons"))).errors())
                .anyMatch(e -> e.contains("reason"));
        assertThat(PlanChecker.check(SCENARIO, broken(p -> {
            ArrayNode nodes = (ArrayNode) p.get("nodes");
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i).get("source").stringValue().equals("rented")) {
                    ((ObjectNode) nodes.get(i).get("placements")).put("wl-000", 1);
                }
            }
            ((ObjectNode) p.get("unplaced")).put("wl-000", 6);
        })).errors()).anyMatch(e -> e.contains("rule 3 spot"));
    }

    @Test
    void overAvailabilityAndPoolSpreadAreRejected() {
        assertThat(PlanChecker.check(SCENARIO, broken(p -> {
            ObjectNode n = ((ArrayNode) p.get("nodes")).addObject();
            n.put("id", "extra");
            n.put("source", "new");
            n.put("offerId", "gcp:northamerica-northeast1:-:n2-highmem-2:spot");
            n.putObject("placements");
        })).errors()).anyMatch(e -> e.contains("rule 6"));
    }
}
