package io.capacitybroker.app.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.capacitybroker.app.BrokerIntegrationTest;
import io.capacitybroker.carbon.YearlyIntensities;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The carbon REST API and its Quartz jobs in the whole broker (no keys: the static yearly source). */
class CarbonApiTest extends BrokerIntegrationTest {

    @Autowired
    Scheduler scheduler;

    @Autowired
    DataSource dataSource;

    static double yearly(String zone) {
        return YearlyIntensities.bundled().latest(zone).orElseThrow().gco2PerKwh();
    }

    @Test
    void regionIntensityWithFallbackInfo() {
        HttpResponse<String> r = get("/api/v1/carbon/regions/aws/eu-west-1?hours=6");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode j = json(r);
        assertThat(j.path("region").path("gridZone").asString()).isEqualTo("IE");
        assertThat(j.path("region").path("mappingSource").asString()).isNotBlank();
        JsonNode cur = j.path("current");
        assertThat(cur.path("gco2PerKwh").asDouble()).isEqualTo(yearly("IE"));
        assertThat(cur.path("fallback").asBoolean()).isTrue();
        assertThat(cur.path("fallbackLevel").asString()).isEqualTo("yearly_average");
        assertThat(cur.path("source").asString()).isEqualTo("electricitymaps-yearly");
        assertThat(cur.path("note").asString()).contains("yearly average");
        assertThat(j.path("forecastHours").asInt()).isEqualTo(6);
        assertThat(j.path("forecast").isArray()).isTrue();
        // OVHcloud region codes resolve by site
        assertThat(json(get("/api/v1/carbon/regions/ovh/GRA11")).path("region").path("gridZone").asString()).isEqualTo("FR");
    }

    @Test
    void unknownRegionIs404AndBadInputIs400() {
        HttpResponse<String> r = get("/api/v1/carbon/regions/aws/mars-north-1");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        HttpResponse<String> bad = get("/api/v1/carbon/regions/AWS!/eu-west-1?hours=500");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(fields(bad)).containsKeys("provider", "hours");
    }

    @Test
    void bestRegionsNowRanksCleanestFirst() {
        HttpResponse<String> r = get("/api/v1/carbon/best?regions=aws:eu-west-1,gcp:europe-west1,ovh:GRA,azure:polandcentral&hours=0");
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> order = new ArrayList<>();
        json(r).path("regions").forEach(n -> order.add(n.path("region").path("provider").asString() + ":" + n.path("region").path("region").asString()));
        assertThat(order).containsExactly("ovh:GRA", "gcp:europe-west1", "aws:eu-west-1", "azure:polandcentral");
        assertThat(json(r).path("regions").get(0).path("rank").asInt()).isEqualTo(1);
        assertThat(json(r).path("policy").asString()).isEqualTo("average");

        HttpResponse<String> missing = get("/api/v1/carbon/best");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(fields(missing)).containsKey("regions");
        HttpResponse<String> unknown = get("/api/v1/carbon/best?regions=aws:eu-west-1,gcp:moon1,nonsense");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(fields(unknown).get("regions")).contains("nonsense");
        assertThat(get("/api/v1/carbon/best?regions=aws:eu-west-1,gcp:moon1").body()).contains("gcp:moon1");
    }

    @Test
    void footprintOfANodeShapeIsTraceable() {
        HttpResponse<String> r = get("/api/v1/carbon/footprint?provider=aws&region=eu-west-1&vcpus=2&memoryGiB=8");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode j = json(r);
        assertThat(j.path("co2GramsPerHour").asDouble()).isCloseTo(7.376 * 1.135 * yearly("IE") / 1000, within(1e-6));
        assertThat(j.path("power").path("pue").asDouble()).isEqualTo(1.135);
        assertThat(j.path("power").path("utilisation").asDouble()).isEqualTo(0.5);
        assertThat(j.path("intensity").path("zone").asString()).isEqualTo("IE");
        assertThat(j.path("formula").asString()).contains("PUE 1.135");

        JsonNode measured = json(get("/api/v1/carbon/footprint?provider=ovh&region=GRA&vcpus=32&memoryGiB=128&watts=200&pue=1.3"));
        assertThat(measured.path("co2GramsPerHour").asDouble()).isCloseTo(200 * 1.3 * yearly("FR") / 1000, within(1e-6));
        assertThat(measured.path("power").path("measured").asBoolean()).isTrue();

        HttpResponse<String> bad = get("/api/v1/carbon/footprint?provider=aws&vcpus=-1&memoryGiB=x&utilisation=2&pue=0.5");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(fields(bad)).containsKeys("region", "vcpus", "memoryGiB", "utilisation", "pue");
        assertThat(get("/api/v1/carbon/footprint?provider=aws&region=nowhere&vcpus=2&memoryGiB=8").statusCode()).isEqualTo(404);
    }

    @Test
    void historyOfARegion() {
        HttpResponse<String> r = get("/api/v1/carbon/regions/gcp/europe-west1/history?hours=48");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).isArray()).isTrue();
        assertThat(get("/api/v1/carbon/regions/gcp/europe-west1/history?hours=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/carbon/regions/gcp/moon1/history").statusCode()).isEqualTo(404);
    }

    @Test
    void regionMapAndSources() {
        JsonNode regions = json(get("/api/v1/carbon/regions?provider=gcp"));
        assertThat(regions.size()).isGreaterThanOrEqualTo(43);
        JsonNode sources = json(get("/api/v1/carbon/sources"));
        assertThat(sources.get(0).path("name").asString()).isEqualTo("electricitymaps-yearly");
    }

    @Test
    void aQuartzJobPerSourceNextToTheIngestJobs() throws Exception {
        assertThat(scheduler.checkExists(JobKey.jobKey("refresh-electricitymaps-yearly", "carbon"))).isTrue();
        assertThat(scheduler.checkExists(JobKey.jobKey("refresh-aws", "ingest"))).isTrue();
        long deadline = System.currentTimeMillis() + 60_000;
        long rows = 0;
        while (System.currentTimeMillis() < deadline) {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM ingest_run WHERE source_kind = 'carbon' AND status = 'succeeded'")) {
                rs.next();
                rows = rs.getLong(1);
            }
            if (rows > 0) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(rows).isPositive();
    }

    private static Map<String, String> fields(HttpResponse<String> r) {
        Map<String, String> m = new HashMap<>();
        json(r).path("errors").forEach(e -> m.put(e.path("field").asString(), e.path("message").asString()));
        return m;
    }
}
