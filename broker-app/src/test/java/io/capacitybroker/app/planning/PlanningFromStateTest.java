package io.capacitybroker.app.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.capacitybroker.app.BrokerIntegrationTest;
import io.capacitybroker.app.ingest.CatalogRefresher;
import io.capacitybroker.ingest.IngestResult;
import io.capacitybroker.planner.Planner;
import io.capacitybroker.planner.Scenario;
import io.capacitybroker.planner.ScenarioReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** Plans built from the database: the baseline first, stale or failing pools never rented, replayable. */
@TestPropertySource(properties = {"broker.ingest.enabled=false", "broker.planning.max-offers=400",
        "broker.planning.time-limit=PT2S"})
class PlanningFromStateTest extends BrokerIntegrationTest {

    @Autowired
    CatalogRefresher refresher;
    @Autowired
    JdbcClient jdbc;

    private static boolean ingested;

    @BeforeEach
    void freshState() {
        jdbc.sql("DELETE FROM placement").update();
        jdbc.sql("DELETE FROM workload").update();
        jdbc.sql("DELETE FROM budget").update();
        if (!ingested) {
            assertThat(refresher.refreshAll()).allMatch(IngestResult::succeeded);
            ingested = true;
        }
        jdbc.sql("UPDATE provider SET prices_refreshed_at = now() WHERE prices_refreshed_at IS NOT NULL").update();
        jdbc.sql("UPDATE offer SET unavailable_until = NULL WHERE unavailable_until IS NOT NULL").update();
    }

    private void workload(String id, int replicas, double vcpus, double mem, String regions) {
        jdbc.sql("INSERT INTO workload (id, replicas, vcpus, memory_gib, regions) VALUES (?, ?, ?, ?, ?::text[])")
                .params(id, replicas, vcpus, mem, regions).update();
    }

    private JsonNode planNow() {
        HttpResponse<String> r = postJson("/api/v1/plans?reason=test", "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/api/v1/plans/"));
        return json(r);
    }

    @Test
    void demandThatFitsTheOwnedBaselineRentsNothing() {
        workload("api", 20, 1.0, 2.0, null);
        JsonNode stored = planNow();
        JsonNode plan = stored.path("plan");
        assertThat(plan.path("summary").path("rentedPricePerHour").asDouble()).isZero();
        assertThat(plan.path("summary").path("unplacedReplicas").asInt()).isZero();
        int onOwned = 0;
        for (JsonNode n : plan.path("nodes")) {
            assertThat(n.path("source").asString()).isEqualTo("owned");
            onOwned += n.path("placements").path("api").asInt();
        }
        assertThat(onOwned).isEqualTo(20);
    }

    @Test
    void demandBeyondTheBaselineRentsAndTheStoredScenarioReplays() {
        workload("api", 150, 1.0, 2.0, null);
        workload("eu-batch", 30, 2.0, 4.0, "{eu-west-1,europe-west1,westeurope}");
        JsonNode stored = planNow();
        JsonNode plan = stored.path("plan");
        assertThat(plan.path("summary").path("unplacedReplicas").asInt()).isZero();
        List<JsonNode> newNodes = new ArrayList<>();
        plan.path("nodes").forEach(n -> {
            if (n.path("source").asString().equals("new")) {
                newNodes.add(n);
            }
        });
        assertThat(newNodes).isNotEmpty();
        assertThat(plan.path("summary").path("rentedPricePerHour").asDouble()).isPositive();

        String id = stored.path("id").asString();
        assertThat(json(get("/api/v1/plans/" + id)).path("plan").path("summary").path("objective").asDouble())
                .isEqualTo(plan.path("summary").path("objective").asDouble());
        Scenario replay = ScenarioReader.read(get("/api/v1/plans/" + id + "/scenario").body());
        assertThat(replay.workloads()).hasSize(2);
        assertThat(replay.offers()).hasSizeLessThanOrEqualTo(400);
        assertThat(replay.ownedNodes()).isNotEmpty();
        assertThat(Planner.plan(replay).summary().unplacedReplicas()).isZero();
        // carbon comes from carbon-signals: every offer and owned node has a positive footprint
        assertThat(replay.offers()).allSatisfy(o -> assertThat(o.co2GramsPerHour()).isPositive());
        assertThat(replay.ownedNodes()).allSatisfy(o -> assertThat(o.co2GramsPerHour()).isPositive());
        assertThat(stored.path("notes").toString()).contains("carbon:").doesNotContain("no grid zone");
        // each region's carbon figure is traced to its grid zone, intensity and source
        JsonNode trace = json(get("/api/v1/plans/" + id)).path("inputs").path("carbonByRegion");
        replay.offers().forEach(o -> assertThat(trace.path(o.provider() + ":" + o.region()).asString())
                .startsWith("zone ").contains("gCO2e/kWh").contains(" from "));
        assertThat(trace.path("ovh:GRA").asString()).startsWith("zone FR");
        JsonNode list = json(get("/api/v1/plans?size=5"));
        assertThat(list.path("totalItems").asLong()).isPositive();
        assertThat(list.path("items").get(0).path("id").asString()).isEqualTo(id);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'plan.created' AND subject_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theFleetFootprintAddsUpItsNodes() {
        JsonNode f = json(get("/api/v1/carbon/fleet"));
        double sum = 0;
        for (JsonNode n : f.path("nodes")) {
            assertThat(n.path("co2GramsPerHour").asDouble()).isPositive();
            sum += n.path("co2GramsPerHour").asDouble();
        }
        assertThat(f.path("nodes").size()).isPositive();
        assertThat(f.path("co2GramsPerHour").asDouble()).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.path("carbonByRegion").path("ovh:GRA").asString()).startsWith("zone FR");
    }

    @Test
    void stalePricesAndCapacityErrorsNeverLeadToRentingThere() {
        workload("api", 150, 1.0, 2.0, null);
        jdbc.sql("UPDATE provider SET prices_refreshed_at = now() - interval '1 day' WHERE code = 'gcp'").update();
        String blockedPool = jdbc.sql("SELECT o.offer_key FROM offer o JOIN offer_price p ON p.offer_id = o.id "
                + "WHERE o.provider_code = 'aws' AND o.active ORDER BY p.price_per_hour LIMIT 1")
                .query(String.class).single();
        jdbc.sql("UPDATE offer SET unavailable_until = now() + interval '10 minutes' WHERE offer_key = ?").param(blockedPool).update();

        JsonNode stored = planNow();
        Scenario scenario = ScenarioReader.read(get("/api/v1/plans/" + stored.path("id").asString() + "/scenario").body());
        assertThat(scenario.offers()).noneMatch(o -> o.provider().equals("gcp") && (o.available() == null || o.available() > 0));
        assertThat(scenario.offers()).noneMatch(o -> o.id().equals(blockedPool) && (o.available() == null || o.available() > 0));
        stored.path("plan").path("nodes").forEach(n -> {
            if (n.path("source").asString().equals("new")) {
                assertThat(n.path("offerId").asString()).doesNotStartWith("gcp:").isNotEqualTo(blockedPool);
            }
        });
        assertThat(stored.path("notes").toString()).contains("stale prices").contains("gcp");
    }

    @Test
    void aBudgetFromTheDatabaseCapsRenting() {
        workload("api", 400, 1.0, 2.0, null);
        jdbc.sql("INSERT INTO budget (name, amount_per_hour) VALUES ('global', 0.50)").update();
        JsonNode plan = planNow().path("plan");
        assertThat(plan.path("summary").path("rentedPricePerHour").asDouble()).isLessThanOrEqualTo(0.50 + 1e-9);
        assertThat(plan.path("summary").path("unplacedReplicas").asInt()).isPositive();
        assertThat(plan.path("reasons").path("api").asString()).startsWith("budgetPerHour");
    }

    @Test
    void badIdsAreProblems() {
        assertThat(get("/api/v1/plans/not-a-uuid").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/plans/00000000-0000-0000-0000-000000000000").statusCode()).isEqualTo(404);
    }
}
