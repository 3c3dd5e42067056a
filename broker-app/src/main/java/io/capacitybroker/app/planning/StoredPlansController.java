package io.capacitybroker.app.planning;

import io.capacitybroker.app.catalog.PageView;
import io.capacitybroker.app.web.FieldProblem;
import io.capacitybroker.app.web.InvalidRequestException;
import io.capacitybroker.app.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Plans made from the broker's own state, stored with their scenario so that each can be replayed. */
@RestController
@RequestMapping("/api/v1/plans")
@Tag(name = "Plans", description = "The planner: scenario in, plan out (see docs/planning-contract.md)")
public class StoredPlansController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PlanningService planning;
    private final JdbcClient jdbc;

    public StoredPlansController(PlanningService planning, JdbcClient jdbc) {
        this.planning = planning;
        this.jdbc = jdbc;
    }

    /** One stored plan without its documents. */
    public record PlanSummary(UUID id, Instant createdAt, String createdBy, String trigger, String reason, double objective,
                              long solveMillis, String status) {
    }

    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Plan from the current state and store the plan (nothing is executed)",
            description = "Builds the scenario from the database (offers, owned baseline, live leases, workloads, "
                    + "policy, budget), plans it, stores scenario and plan, and returns the stored plan.")
    public ResponseEntity<JsonNode> create(@RequestParam(required = false) String reason) {
        if (reason != null && reason.length() > 500) {
            throw new InvalidRequestException(List.of(new FieldProblem("reason", "must be at most 500 characters")));
        }
        PlanningService.StoredPlan p = planning.planFromCurrentState("preview", "api", reason);
        ObjectNode body = JSON.createObjectNode();
        body.put("id", p.id().toString());
        body.put("createdAt", p.createdAt().toString());
        body.put("createdBy", p.createdBy());
        body.put("trigger", p.trigger());
        body.put("reason", p.reason());
        body.put("status", p.status());
        body.putPOJO("notes", p.notes());
        body.set("inputs", JSON.readTree(p.inputsJson()));
        body.set("plan", JSON.readTree(p.planJson()));
        return ResponseEntity.created(URI.create("/api/v1/plans/" + p.id())).body(body);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Stored plans, newest first")
    public PageView<PlanSummary> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        if (page < 0 || size < 1 || size > 200) {
            throw new InvalidRequestException(List.of(new FieldProblem(page < 0 ? "page" : "size",
                    page < 0 ? "must be >= 0" : "must be between 1 and 200")));
        }
        long total = jdbc.sql("SELECT count(*) FROM stored_plan").query(Long.class).single();
        List<PlanSummary> items = jdbc.sql("""
                        SELECT id, created_at, created_by, trigger, reason, objective, solve_millis, status
                        FROM stored_plan ORDER BY created_at DESC, id LIMIT ? OFFSET ?""")
                .params(size, (long) page * size)
                .query((rs, n) -> new PlanSummary(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getDouble(6), rs.getLong(7), rs.getString(8)))
                .list();
        return new PageView<>(items, page, size, total, (int) ((total + size - 1) / size));
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One stored plan with its plan document and its inputs",
            description = "inputs: how the scenario was built (offers considered, kept, blocked, notes) and, per region, "
                    + "where its carbon figures came from (grid zone, intensity, signal, source, observation time, fallback).")
    public JsonNode one(@PathVariable String id) {
        UUID uuid = uuid(id);
        return jdbc.sql("""
                        SELECT id, created_at, created_by, trigger, reason, objective, solve_millis, status, plan::text,
                               inputs::text
                        FROM stored_plan WHERE id = ?""")
                .param(uuid)
                .query((rs, n) -> {
                    ObjectNode body = JSON.createObjectNode();
                    body.put("id", rs.getString(1));
                    body.put("createdAt", rs.getTimestamp(2).toInstant().toString());
                    body.put("createdBy", rs.getString(3));
                    body.put("trigger", rs.getString(4));
                    body.put("reason", rs.getString(5));
                    body.put("objective", rs.getDouble(6));
                    body.put("solveMillis", rs.getLong(7));
                    body.put("status", rs.getString(8));
                    body.set("inputs", JSON.readTree(rs.getString(10)));
                    body.set("plan", JSON.readTree(rs.getString(9)));
                    return (JsonNode) body;
                })
                .optional().orElseThrow(() -> new NotFoundException("no plan " + id));
    }

    @GetMapping(path = "/{id}/scenario", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The scenario a stored plan was made from (replay it with `capacity-broker.jar plan`)")
    public String scenario(@PathVariable String id) {
        return jdbc.sql("SELECT scenario::text FROM stored_plan WHERE id = ?").param(uuid(id)).query(String.class)
                .optional().orElseThrow(() -> new NotFoundException("no plan " + id));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(List.of(new FieldProblem("id", "must be a UUID")));
        }
    }
}
