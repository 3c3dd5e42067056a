package io.capacitybroker.app.carbon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.capacitybroker.app.BrokerIntegrationTest;
import io.capacitybroker.app.ingest.CatalogRefresher;
import io.capacitybroker.carbon.CarbonIntensityService;
import io.capacitybroker.carbon.RegionMap;
import io.capacitybroker.carbon.WattTimeRegionResolver;
import io.capacitybroker.carbon.WattTimeSource;
import io.capacitybroker.domain.GeoLocation;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.ingest.IngestResult;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole broker with WattTime configured (WattTime v3 replayed by WireMock in its documented formats) and
 * the marginal policy: the WattTime refresh resolves the WattTime region of every stored region with a position,
 * stores it with its provenance in PostgreSQL, fetches the MOER of every WattTime region in use, and the REST
 * API then serves marginal figures where WattTime answered, and says why where it did not.
 */
@TestPropertySource(properties = {"broker.ingest.enabled=false", "broker.carbon.enabled=false", "broker.carbon.policy=marginal",
        "broker.carbon.watttime.username=alice", "broker.carbon.watttime.password=s3cret"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CarbonWattTimeRegionsTest extends BrokerIntegrationTest {

    static final WireMockServer WATTTIME = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    static final RegionMap MAP = RegionMap.bundled();
    static final GeoLocation DUBLIN = MAP.find(ProviderId.AWS, "eu-west-1").orElseThrow().position();
    static final GeoLocation VIRGINIA = MAP.find(ProviderId.AWS, "us-east-1").orElseThrow().position();
    static final GeoLocation BELGIUM = MAP.find(ProviderId.GCP, "europe-west1").orElseThrow().position();
    static final GeoLocation NETHERLANDS = MAP.find(ProviderId.AZURE, "westeurope").orElseThrow().position();
    static final GeoLocation GRAVELINES = MAP.find(ProviderId.OVH, "GRA").orElseThrow().position();
    static final GeoLocation N_CALIFORNIA = MAP.find(ProviderId.AWS, "us-west-1").orElseThrow().position();

    static {
        WATTTIME.start();
    }

    @DynamicPropertySource
    static void wattTime(DynamicPropertyRegistry registry) {
        registry.add("broker.carbon.watttime.base-url", () -> "http://127.0.0.1:" + WATTTIME.port());
    }

    @AfterAll
    static void stopWattTime() {
        WATTTIME.stop();
    }

    @Autowired
    CatalogRefresher catalog;
    @Autowired
    CarbonRefresher refresher;
    @Autowired
    CarbonIntensityService service;
    @Autowired
    JdbcClient jdbc;

    // ---------------------------------------------------------------- WattTime v3, documented shapes

    static final String LOGIN = """
            {"token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjYXBicm9rZXIifQ.ZmFrZS1zaWduYXR1cmU"}""";
    /** ErrorResponse of the WattTime v3 OpenAPI ({@code error}, {@code message}, {@code docs}); values illustrative. */
    static final String FORBIDDEN = """
            {"error": "FORBIDDEN", "message": "Your account does not have access to this region and signal_type.", \
            "docs": "https://docs.watttime.org/"}""";
    static final String NOT_FOUND = """
            {"error": "COORDINATES_NOT_FOUND", "message": "Coordinates not found", "docs": "https://docs.watttime.org/"}""";

    /** RegionLocResponse: {@code region}, {@code region_full_name}, {@code signal_type}. */
    static String regionBody(String region) {
        return """
                {"region": "%s", "region_full_name": "%s (test)", "signal_type": "co2_moer"}""".formatted(region, region);
    }

    /** V3SingleForecastResponse: 5-minute points in lbs CO2/MWh from now (floored to 5 minutes), with its meta. */
    static String forecastBody(String region, double firstLbs) {
        Instant t0 = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 300 * 300);
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            data.append(i == 0 ? "" : ",").append("{\"point_time\": \"").append(t0.plusSeconds(300L * i).toString().replace("Z", "+00:00"))
                    .append("\", \"value\": ").append(firstLbs - i).append('}');
        }
        return """
                {"data": [%s],
                 "meta": {"data_point_period_seconds": 300, "region": "%s", "warnings": [], "signal_type": "co2_moer",
                          "model": {"date": "2023-03-01"}, "units": "lbs_co2_per_mwh", "generated_at_period_seconds": 300,
                          "generated_at": "%s"}}""".formatted(data, region, t0.toString().replace("Z", "+00:00"));
    }

    static void regionAt(GeoLocation p, String region) {
        WATTTIME.stubFor(WireMock.get(urlPathEqualTo("/v3/region-from-loc")).withQueryParam("latitude", equalTo(Double.toString(p.latitude())))
                .withQueryParam("longitude", equalTo(Double.toString(p.longitude()))).willReturn(okJson(regionBody(region))));
    }

    static void regionAtFails(GeoLocation p, int status, String body) {
        WATTTIME.stubFor(WireMock.get(urlPathEqualTo("/v3/region-from-loc")).withQueryParam("latitude", equalTo(Double.toString(p.latitude())))
                .withQueryParam("longitude", equalTo(Double.toString(p.longitude())))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    static void forecast(String region, double firstLbs) {
        WATTTIME.stubFor(WireMock.get(urlPathEqualTo("/v3/forecast")).withQueryParam("region", equalTo(region))
                .willReturn(okJson(forecastBody(region, firstLbs))));
    }

    static int lookupsAt(GeoLocation p) {
        RequestPatternBuilder at = getRequestedFor(urlPathEqualTo("/v3/region-from-loc"))
                .withQueryParam("latitude", equalTo(Double.toString(p.latitude())))
                .withQueryParam("longitude", equalTo(Double.toString(p.longitude())));
        return WATTTIME.findAll(at).size();
    }

    static int forecastsOf(String region) {
        return WATTTIME.findAll(getRequestedFor(urlPathEqualTo("/v3/forecast")).withQueryParam("region", equalTo(region))).size();
    }

    private static boolean ingested;

    @BeforeEach
    void stubAndIngestOnce() {
        WATTTIME.resetAll();
        WATTTIME.stubFor(WireMock.get(urlPathEqualTo("/login")).withBasicAuth("alice", "s3cret").willReturn(okJson(LOGIN)));
        WATTTIME.stubFor(WireMock.get(urlPathEqualTo("/v3/region-from-loc")).atPriority(10)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody(NOT_FOUND)));
        regionAt(DUBLIN, "IE");
        regionAt(VIRGINIA, "PJM_DC");
        regionAt(NETHERLANDS, "NL");
        regionAt(N_CALIFORNIA, "SOMEWHERE_ELSE");
        regionAtFails(BELGIUM, 503, "");
        regionAtFails(GRAVELINES, 404, NOT_FOUND);
        forecast("CAISO_NORTH", 900);
        forecast("IE", 700);
        forecast("PJM_DC", 1100);
        WATTTIME.stubFor(WireMock.get(urlPathEqualTo("/v3/forecast")).withQueryParam("region", equalTo("NL"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody(FORBIDDEN)));
        if (!ingested) {
            assertThat(catalog.refreshAll()).allMatch(IngestResult::succeeded);
            ingested = true;
        }
    }

    private Map<String, Object> row(String provider, String code) {
        return jdbc.sql("""
                        SELECT watttime_region, watttime_region_source, watttime_region_resolved_at, watttime_region_checked_at,
                               watttime_region_error FROM region WHERE provider_code = ? AND code = ?""")
                .params(provider, code).query().singleRow();
    }

    private double metric(String name, String tag) {
        JsonNode m = json(get("/actuator/metrics/" + name + (tag == null ? "" : "?tag=" + tag)));
        return m.path("measurements").get(0).path("value").asDouble();
    }

    private static boolean absent(JsonNode n) {
        return n.isNull() || n.isMissingNode();
    }

    @Test
    @Order(1) // its first assertion needs Ireland without a WattTime region
    void resolvedRegionsAreStoredWithProvenanceAndDriveTheMarginalSignal() {
        // before: Ireland has no WattTime region; the marginal policy falls back to the average and says so
        JsonNode before = json(get("/api/v1/carbon/regions/aws/eu-west-1?hours=0"));
        assertThat(absent(before.path("region").path("wattTimeRegion"))).isTrue();
        assertThat(before.path("current").path("signal").asString()).isEqualTo("average");
        assertThat(before.path("current").path("note").asString()).contains("no WattTime region mapped");
        assertThat(refresher.resolvesWattTimeRegions()).isTrue();

        refresher.refresh(WattTimeSource.NAME); // what the Quartz job carbon.refresh-watttime runs

        // stored in PostgreSQL with where it came from
        Map<String, Object> ie = row("aws", "eu-west-1");
        assertThat(ie.get("watttime_region")).isEqualTo("IE");
        assertThat(ie.get("watttime_region_source")).isEqualTo("watttime_region_from_loc");
        assertThat(ie.get("watttime_region_resolved_at")).isNotNull();
        assertThat(ie.get("watttime_region_error")).isNull();
        assertThat(row("aws", "us-east-1").get("watttime_region")).isEqualTo("PJM_DC");
        assertThat(row("azure", "westeurope").get("watttime_region")).isEqualTo("NL");
        Map<String, Object> belgium = row("gcp", "europe-west1");
        assertThat(belgium.get("watttime_region")).isNull();
        assertThat((String) belgium.get("watttime_region_error")).startsWith("unavailable:");
        assertThat((String) row("ovh", "GRA").get("watttime_region_error")).startsWith("not_found:");

        // the API: the mapping with its provenance, the MOER of the resolved region, no fallback note
        JsonNode eu = json(get("/api/v1/carbon/regions/aws/eu-west-1?hours=0"));
        assertThat(eu.path("region").path("wattTimeRegion").asString()).isEqualTo("IE");
        assertThat(eu.path("region").path("wattTimeRegionSource").asString()).isEqualTo("watttime_region_from_loc");
        assertThat(eu.path("region").path("wattTimeRegionResolvedAt").asString()).isNotBlank();
        assertThat(eu.path("current").path("signal").asString()).isEqualTo("marginal");
        assertThat(eu.path("current").path("source").asString()).isEqualTo("watttime");
        assertThat(eu.path("current").path("zone").asString()).isEqualTo("IE");
        assertThat(eu.path("current").path("gco2PerKwh").asDouble()).isCloseTo(700 * WattTimeSource.LBS_PER_MWH_TO_G_PER_KWH, within(0.001));
        assertThat(eu.path("current").path("note").asString()).doesNotContain("average signal used");
        assertThat(json(get("/api/v1/carbon/regions/aws/us-east-1?hours=0")).path("current").path("gco2PerKwh").asDouble())
                .isCloseTo(1100 * WattTimeSource.LBS_PER_MWH_TO_G_PER_KWH, within(0.001));
        // the bundled, verified mapping says so
        JsonNode caiso = json(get("/api/v1/carbon/regions/aws/us-west-1?hours=0")).path("region");
        assertThat(caiso.path("wattTimeRegion").asString()).isEqualTo("CAISO_NORTH");
        assertThat(caiso.path("wattTimeRegionSource").asString()).isEqualTo("region_map");
        assertThat(absent(caiso.path("wattTimeRegionResolvedAt"))).isTrue();
        JsonNode listed = json(get("/api/v1/carbon/regions?provider=aws"));
        assertThat(listed.findValues("wattTimeRegion").stream().map(JsonNode::asString)).contains("IE", "PJM_DC", "CAISO_NORTH");

        // outside the plan: average, and the note says why
        JsonNode nl = json(get("/api/v1/carbon/regions/azure/westeurope?hours=0"));
        assertThat(nl.path("region").path("wattTimeRegion").asString()).isEqualTo("NL");
        assertThat(nl.path("current").path("signal").asString()).isEqualTo("average");
        assertThat(nl.path("current").path("note").asString()).contains("not in this account's WattTime plan (HTTP 403");

        // MOER fetched for every WattTime region in use, once
        assertThat(forecastsOf("IE")).isEqualTo(1);
        assertThat(forecastsOf("PJM_DC")).isEqualTo(1);
        assertThat(forecastsOf("CAISO_NORTH")).isEqualTo(1);
        assertThat(forecastsOf("NL")).isEqualTo(1);

        // metrics
        assertThat(metric("broker.carbon.watttime.region.lookups", "outcome:resolved")).isGreaterThanOrEqualTo(3);
        assertThat(metric("broker.carbon.watttime.region.lookups", "outcome:failed")).isGreaterThanOrEqualTo(2);
        assertThat(metric("broker.carbon.watttime.regions", "source:watttime_region_from_loc")).isGreaterThanOrEqualTo(3);
        assertThat(metric("broker.carbon.watttime.regions.no.access", null)).isEqualTo(1);

        // the next run asks only what is due: the passing failure again, not the answered ones, not NL's forecast
        // (other test classes may have stored more regions at these positions: compare before and after)
        int dublin = lookupsAt(DUBLIN);
        int gravelines = lookupsAt(GRAVELINES);
        int belgiumLookups = lookupsAt(BELGIUM);
        assertThat(dublin).isPositive();
        assertThat(gravelines).as("the site and its datacenter codes share one lookup").isEqualTo(1);
        refresher.refresh(WattTimeSource.NAME);
        assertThat(lookupsAt(DUBLIN)).isEqualTo(dublin);
        assertThat(lookupsAt(GRAVELINES)).isEqualTo(gravelines);
        assertThat(lookupsAt(BELGIUM)).isGreaterThan(belgiumLookups);
        assertThat(forecastsOf("NL")).isEqualTo(1);
        assertThat(forecastsOf("IE")).isEqualTo(2);
        assertThat(json(get("/api/v1/carbon/regions/azure/westeurope?hours=0")).path("current").path("note").asString())
                .contains("not in this account's WattTime plan");
    }

    @Test
    @Order(2)
    void aFailingLookupKeepsTheStoredRegionAndTheBundledMappingWins() {
        jdbc.sql("INSERT INTO region (provider_code, code, display_name) VALUES ('aws', 'us-west-1', 'N. California') "
                + "ON CONFLICT DO NOTHING").update();
        // us-west-1 once got a resolved region; us-east-1's resolution is due again and WattTime now fails for it
        jdbc.sql("""
                UPDATE region SET watttime_region = 'RESOLVED_BEFORE', watttime_region_source = 'watttime_region_from_loc',
                       watttime_region_resolved_at = now() - interval '90 days', watttime_region_error = NULL
                WHERE provider_code = 'aws' AND code = 'us-west-1'""").update();
        jdbc.sql("""
                UPDATE region SET watttime_region = 'PJM_DC', watttime_region_source = 'watttime_region_from_loc',
                       watttime_region_resolved_at = now() - interval '40 days', watttime_region_checked_at = NULL,
                       watttime_region_error = NULL
                WHERE provider_code = 'aws' AND code = 'us-east-1'""").update();
        regionAtFails(VIRGINIA, 500, "");

        WattTimeRegionResolver.Result r = refresher.resolveWattTimeRegions().orElseThrow();

        assertThat(r.failures()).anySatisfy(f -> assertThat(f).startsWith("aws:us-east-1: unavailable"));
        Map<String, Object> virginia = row("aws", "us-east-1");
        assertThat(virginia.get("watttime_region")).isEqualTo("PJM_DC");
        assertThat(virginia.get("watttime_region_source")).isEqualTo("watttime_region_from_loc");
        assertThat((String) virginia.get("watttime_region_error")).startsWith("unavailable:").contains("500");
        assertThat(json(get("/api/v1/carbon/regions/aws/us-east-1?hours=0")).path("region").path("wattTimeRegion").asString())
                .isEqualTo("PJM_DC");
        // the bundled CAISO_NORTH is verified: never asked, and it wins over the old resolution
        assertThat(lookupsAt(N_CALIFORNIA)).isZero();
        JsonNode caiso = json(get("/api/v1/carbon/regions/aws/us-west-1?hours=0")).path("region");
        assertThat(caiso.path("wattTimeRegion").asString()).isEqualTo("CAISO_NORTH");
        assertThat(caiso.path("wattTimeRegionSource").asString()).isEqualTo("region_map");
        // and the next catalog refresh stores the verified one in place of the resolution
        assertThat(catalog.refresh("aws").succeeded()).isTrue();
        Map<String, Object> westus = row("aws", "us-west-1");
        assertThat(westus.get("watttime_region")).isEqualTo("CAISO_NORTH");
        assertThat(westus.get("watttime_region_source")).isEqualTo("region_map");
        assertThat(westus.get("watttime_region_resolved_at")).isNull();
    }
}
