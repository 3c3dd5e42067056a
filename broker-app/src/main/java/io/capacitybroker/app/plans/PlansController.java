package io.capacitybroker.app.plans;

import io.capacitybroker.app.web.FieldProblem;
import io.capacitybroker.app.web.InvalidRequestException;
import io.capacitybroker.planner.Plan;
import io.capacitybroker.planner.PlanWriter;
import io.capacitybroker.planner.Planner;
import io.capacitybroker.planner.PlannerOptions;
import io.capacitybroker.planner.Scenario;
import io.capacitybroker.planner.ScenarioReader;
import io.capacitybroker.planner.ScenarioValidationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Plans a scenario on demand, exactly as the offline CLI does (planning contract, capacity-broker/plan@1). */
@RestController
@RequestMapping("/api/v1/plans")
@Tag(name = "Plans", description = "The planner: scenario in, plan out (see docs/planning-contract.md)")
public class PlansController {

    @PostMapping(path = "/preview", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Plan a scenario without acting on it",
            description = "Body: a capacity-broker/scenario@1 document. Returns the capacity-broker/plan@1 document, "
                    + "with per-workload explanations unless explain=false. Invalid scenarios get RFC 9457 problem "
                    + "details whose errors[].field is the JSON path of each bad field.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the plan",
                            content = @Content(mediaType = "application/json",
                                    schema = @Schema(type = "object", description = "capacity-broker/plan@1"))),
                    @ApiResponse(responseCode = "400", description = "body is not JSON",
                            content = @Content(mediaType = "application/problem+json")),
                    @ApiResponse(responseCode = "422", description = "scenario breaks the contract",
                            content = @Content(mediaType = "application/problem+json"))})
    public String preview(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "capacity-broker/scenario@1",
                    content = @Content(schema = @Schema(type = "object"))) @RequestBody String body,
            @RequestParam(defaultValue = "true") boolean explain,
            @RequestParam(required = false) Long timeLimitMillis) {
        PlannerOptions options = PlannerOptions.defaults().withExplain(explain);
        if (timeLimitMillis != null) {
            if (timeLimitMillis <= 0 || timeLimitMillis > 60_000) {
                throw new InvalidRequestException(List.of(new FieldProblem("timeLimitMillis", "must be between 1 and 60000")));
            }
            options = options.withTimeLimitMillis(timeLimitMillis);
        }
        Scenario scenario;
        try {
            scenario = ScenarioReader.read(body);
        } catch (ScenarioValidationException e) {
            List<FieldProblem> problems = e.violations().stream()
                    .map(v -> new FieldProblem(v.jsonPath(), v.message())).toList();
            boolean syntax = problems.stream().anyMatch(p -> p.message().toLowerCase().contains("not valid json")
                    || p.message().toLowerCase().contains("malformed"));
            throw new InvalidRequestException(syntax ? 400 : 422,
                    "The scenario does not follow capacity-broker/scenario@1.", problems);
        }
        Plan plan = Planner.plan(scenario, options);
        return PlanWriter.write(plan);
    }
}
