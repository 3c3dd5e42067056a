package io.capacitybroker.app.planning;

import io.capacitybroker.planner.Plan;
import io.capacitybroker.planner.PlanWriter;
import io.capacitybroker.planner.Planner;
import io.capacitybroker.planner.PlannerOptions;
import io.capacitybroker.planner.Scenario;
import io.capacitybroker.planner.ScenarioReader;
import io.capacitybroker.planner.ScenarioValidationException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plans from the broker's own state: builds the scenario from the database, validates it with the same
 * reader as the CLI and the REST preview, plans, and stores scenario and plan together (with who, when
 * and why) so that every decision can be replayed with {@code capacity-broker.jar plan} and explained.
 * The rebalancing job calls {@link #planFromCurrentState}.
 */
@Service
public class PlanningService {

    private static final Logger log = LoggerFactory.getLogger(PlanningService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ScenarioAssembler assembler;
    private final PlanningProperties properties;
    private final JdbcClient jdbc;
    private final Clock clock;

    public PlanningService(ScenarioAssembler assembler, PlanningProperties properties, JdbcClient jdbc, Clock clock) {
        this.assembler = assembler;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A stored plan: its id, when/who/why, the notes of the scenario build, and the plan document. */
    public record StoredPlan(UUID id, Instant createdAt, String createdBy, String trigger, String reason, double objective,
                             long solveMillis, String status, List<String> notes, String inputsJson, String planJson) {
    }

    @Transactional
    public StoredPlan planFromCurrentState(String trigger, String actor, String reason) {
        ScenarioAssembler.Assembled assembled = assembler.assemble();
        String scenarioJson = assembled.json();
        Scenario scenario;
        try {
            scenario = ScenarioReader.read(scenarioJson);
        } catch (ScenarioValidationException e) {
            // the broker's own state breaks the contract (e.g. a runtime reported placements that do not fit)
            throw new IllegalStateException("the stored state does not form a valid scenario: " + e.violations(), e);
        }
        Plan plan = Planner.plan(scenario, PlannerOptions.defaults().withTimeLimitMillis(properties.timeLimit().toMillis()));
        String planJson = PlanWriter.write(plan);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        ObjectNode notes = JSON.createObjectNode();
        ArrayNode list = notes.putArray("notes");
        assembled.notes().forEach(list::add);
        notes.put("offersConsidered", assembled.offersConsidered());
        notes.put("offersIncluded", assembled.offersIncluded());
        notes.put("offersBlocked", assembled.offersBlocked());
        ObjectNode carbonTrace = notes.putObject("carbonByRegion");
        assembled.carbonByRegion().forEach(carbonTrace::put);
        String fullReason = (reason == null || reason.isBlank() ? "" : reason + " | ") + String.join("; ", assembled.notes());
        jdbc.sql("""
                        INSERT INTO stored_plan (id, created_at, created_by, trigger, reason, scenario, plan, objective,
                                                 solve_millis, status, inputs)
                        VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, 'proposed', ?::jsonb)""")
                .params(id, Timestamp.from(now), actor, trigger, fullReason, scenarioJson, planJson,
                        plan.summary().objective(), plan.solveMillis(), JSON.writeValueAsString(notes))
                .update();
        jdbc.sql("""
                        INSERT INTO audit_log (at, actor, action, subject_type, subject_id, details)
                        VALUES (?, ?, 'plan.created', 'stored_plan', ?, ?::jsonb)""")
                .params(Timestamp.from(now), actor, id.toString(), JSON.writeValueAsString(notes))
                .update();
        log.info("plan {} ({}) by {}: objective {}, {} offers of {}, {} ms", id, trigger, actor,
                plan.summary().objective(), assembled.offersIncluded(), assembled.offersConsidered(), plan.solveMillis());
        return new StoredPlan(id, now, actor, trigger, fullReason, plan.summary().objective(), plan.solveMillis(),
                "proposed", assembled.notes(), JSON.writeValueAsString(notes), planJson);
    }
}
