package io.capacitybroker.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capacitybroker.app.ingest.CatalogRefresher;
import io.capacitybroker.domain.OfferKey;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.provider.spi.ProviderAdapter;
import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.RentRequest;
import io.capacitybroker.ingest.IngestResult;
import io.capacitybroker.provider.simulated.SimulatedCloud;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The REST API, health, metrics, OpenAPI and the dashboard of a running broker. */
@TestPropertySource(properties = "broker.ingest.enabled=false")
class BrokerApiTest extends BrokerIntegrationTest {

    @Autowired
    CatalogRefresher refresher;
    @Autowired
    SimulatedCloud cloud;
    @Autowired
    JdbcClient jdbc;

    private static boolean ingested;

    @BeforeEach
    void ingestOnce() {
        if (!ingested) {
            assertThat(refresher.refreshAll()).allMatch(IngestResult::succeeded);
            ingested = true;
        }
    }

    @Test
    void healthIsUpWithDatabaseAndCatalogDetails() {
        HttpResponse<String> r = get("/actuator/health");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode h = json(r);
        assertThat(h.path("status").asString()).isEqualTo("UP");
        assertThat(h.path("components").path("db").path("status").asString()).isEqualTo("UP");
        JsonNode aws = h.path("components").path("catalog").path("details").path("providers").path("aws");
        assertThat(aws.path("activeOffers").asLong()).isPositive();
        assertThat(aws.path("stale").asBoolean()).isFalse();
    }

    @Test
    void offersArePaginatedWithShapePriceAndProvenance() {
        long active = jdbc.sql("SELECT count(*) FROM offer WHERE active").query(Long.class).single();
        JsonNode page0 = json(get("/api/v1/offers?size=25"));
        assertThat(page0.path("totalItems").asLong()).isEqualTo(active);
        assertThat(page0.path("totalPages").asLong()).isEqualTo((active + 24) / 25);
        assertThat(page0.path("items")).hasSize(25);
        JsonNode first = page0.path("items").get(0);
        for (String field : List.of("offerId", "provider", "region", "instanceType", "market", "vcpus", "memoryGiB",
                "pricePerHour", "currency", "priceObservedAt", "priceFetchedAt", "priceSource", "stale")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(first.has("zone")).isTrue();
        assertThat(first.path("currency").asString()).isEqualTo("USD");
        assertThat(first.path("priceSource").asString()).startsWith("simulated:");
        // every catalog region carries its grid zone from the carbon region map
        // (the regions of this context's simulated catalog; other test classes may have stored other regions)
        assertThat(jdbc.sql("SELECT DISTINCT r.provider_code || ':' || r.code FROM offer o JOIN region r ON r.id = o.region_id "
                + "JOIN offer_price p ON p.offer_id = o.id WHERE o.active AND p.price_source LIKE 'simulated:%' AND r.grid_zone IS NULL")
                .query(String.class).list()).isEmpty();
        assertThat(first.path("gridZone").asString()).isNotBlank();

        JsonNode page1 = json(get("/api/v1/offers?size=25&page=1"));
        List<String> ids0 = ids(page0);
        List<String> ids1 = ids(page1);
        assertThat(ids1).hasSize(25).doesNotContainAnyElementsOf(ids0);
        // default order: cheapest first
        assertThat(prices(page0)).isSorted();
        assertThat(prices(page0).get(24)).isLessThanOrEqualTo(prices(page1).get(0));
    }

    @Test
    void filtersNarrowTheListing() {
        JsonNode spot = json(get("/api/v1/offers?provider=aws&market=spot&region=eu-west-1&minVcpus=4&minMemoryGiB=16&size=200&sort=-price"));
        assertThat(spot.path("totalItems").asLong()).isPositive();
        for (JsonNode o : spot.path("items")) {
            assertThat(o.path("provider").asString()).isEqualTo("aws");
            assertThat(o.path("market").asString()).isEqualTo("spot");
            assertThat(o.path("region").asString()).isEqualTo("eu-west-1");
            assertThat(o.path("vcpus").asDouble()).isGreaterThanOrEqualTo(4);
            assertThat(o.path("memoryGiB").asDouble()).isGreaterThanOrEqualTo(16);
            assertThat(o.path("zone").isNull()).as("AWS spot pools are zonal").isFalse();
        }
        List<Double> prices = prices(spot);
        assertThat(prices).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        long expected = jdbc.sql("""
                SELECT count(*) FROM offer o JOIN region r ON r.id = o.region_id JOIN instance_type t ON t.id = o.instance_type_id
                WHERE o.active AND o.provider_code = 'aws' AND o.market = 'spot' AND r.code = 'eu-west-1'
                  AND t.vcpus >= 4 AND t.memory_gib >= 16""").query(Long.class).single();
        assertThat(spot.path("totalItems").asLong()).isEqualTo(expected);
    }

    @Test
    void badQueryParametersGetProblemDetailsNamingEachField() {
        HttpResponse<String> r = get("/api/v1/offers?market=reserved&size=5000&minVcpus=lots&sort=cheapest");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode p = json(r);
        assertThat(p.path("status").asInt()).isEqualTo(400);
        assertThat(p.path("title").asString()).isNotBlank();
        Map<String, String> errors = new java.util.HashMap<>();
        p.path("errors").forEach(e -> errors.put(e.path("field").asString(), e.path("message").asString()));
        assertThat(errors).containsKeys("market", "size", "minVcpus", "sort");
        assertThat(errors.get("market")).contains("spot or on_demand");
    }

    @Test
    void unknownOfferIsA404Problem() {
        HttpResponse<String> r = get("/api/v1/offers/aws:nowhere-1:-:x.large:spot");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).path("detail").asString()).contains("aws:nowhere-1:-:x.large:spot");
    }

    @Test
    void oneOfferAndItsPriceHistory() {
        String id = ids(json(get("/api/v1/offers?provider=gcp&market=spot&size=1"))).get(0);
        JsonNode offer = json(get("/api/v1/offers/" + id));
        assertThat(offer.path("offerId").asString()).isEqualTo(id);
        JsonNode history = json(get("/api/v1/offers/" + id + "/prices?from=2000-01-01T00:00:00Z"));
        assertThat(history.path("totalItems").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(history.path("items").get(0).path("pricePerHour").isNumber()).isTrue();
        assertThat(get("/api/v1/offers/" + id + "/prices?from=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void summaryCoversEveryProviderWithOffers() {
        JsonNode s = json(get("/api/v1/offers/summary"));
        Map<String, Long> byProviderMarket = new java.util.HashMap<>();
        s.forEach(row -> byProviderMarket.put(row.path("provider").asString() + "/" + row.path("market").asString(),
                row.path("offers").asLong()));
        assertThat(byProviderMarket).containsKeys("aws/spot", "aws/on_demand", "gcp/spot", "gcp/on_demand", "azure/on_demand");
        long total = byProviderMarket.values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isEqualTo(jdbc.sql("SELECT count(*) FROM offer WHERE active").query(Long.class).single());
    }

    @Test
    void aProviderOutageLeavesTheOthersAndTheStoredDataIntactAndShowsInHealth() {
        long azureBefore = jdbc.sql("SELECT count(*) FROM offer WHERE provider_code = 'azure' AND active").query(Long.class).single();
        cloud.injectOutage(ProviderId.AZURE);
        try {
            Map<String, IngestResult> results = refresher.refreshAll().stream()
                    .collect(Collectors.toMap(r -> r.provider().code(), r -> r));
            assertThat(results.get("azure").succeeded()).isFalse();
            assertThat(results.get("aws").succeeded()).isTrue();
            assertThat(results.get("gcp").succeeded()).isTrue();
            assertThat(jdbc.sql("SELECT count(*) FROM offer WHERE provider_code = 'azure' AND active").query(Long.class).single())
                    .isEqualTo(azureBefore);
            JsonNode catalog = json(get("/actuator/health")).path("components").path("catalog").path("details");
            assertThat(catalog.path("degraded").asBoolean()).isTrue();
            assertThat(catalog.path("providers").path("azure").path("lastError").asString()).startsWith("unavailable");
            assertThat(json(get("/api/v1/offers?provider=azure&size=1")).path("totalItems").asLong()).isEqualTo(azureBefore);
        } finally {
            cloud.clearFault(ProviderId.AZURE);
            refresher.refreshAll();
        }
        assertThat(json(get("/actuator/health")).path("components").path("catalog").path("details").path("degraded").asBoolean())
                .isFalse();
    }

    @Test
    void anInsufficientCapacityAnswerToARentMarksThePoolUnavailable(@Autowired List<ProviderAdapter> adapters) {
        ProviderAdapter aws = adapters.stream().filter(a -> a.provider().equals(ProviderId.AWS)).findFirst().orElseThrow();
        String id = ids(json(get("/api/v1/offers?provider=aws&market=on_demand&region=us-east-1&size=1&sort=-price"))).get(0);
        OfferKey pool = OfferKey.parse(id);
        cloud.setPoolCapacity(pool, 0);
        assertThatThrownBy(() -> aws.rent(RentRequest.of("api-test-capacity", pool)))
                .isInstanceOf(ProviderException.CapacityUnavailable.class);
        JsonNode offer = json(get("/api/v1/offers/" + id));
        assertThat(offer.path("unavailableUntil").isNull()).isFalse();
        assertThat(java.time.Instant.parse(offer.path("unavailableUntil").asString())).isAfter(java.time.Instant.now());
        assertThat(jdbc.sql("SELECT count(*) FROM capacity_signal c JOIN offer o ON o.id = c.offer_id "
                + "WHERE o.offer_key = ? AND c.kind = 'CAPACITY_ERROR'").param(id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void dashboardIsServedAtTheRoot() {
        HttpResponse<String> r = get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<div id=\"root\"></div>").contains("Capacity Broker");
    }

    @Test
    void openApiDescribesTheApi() {
        JsonNode api = json(get("/v3/api-docs"));
        assertThat(api.path("paths").has("/api/v1/offers")).isTrue();
        assertThat(api.path("paths").has("/api/v1/offers/{offerId}/prices")).isTrue();
        assertThat(api.path("paths").has("/api/v1/plans/preview")).isTrue();
    }

    @Test
    void prometheusExposesCatalogFreshness() {
        HttpResponse<String> r = get("/actuator/prometheus");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("broker_catalog_age_seconds{provider=\"aws\"}")
                .contains("broker_catalog_offers_active{provider=\"gcp\"}")
                .contains("broker_ingest_duration_seconds_count");
    }

    @Test
    void planPreviewPlansTheTinyExampleOptimally() throws Exception {
        String tiny = Files.readString(Path.of("../scheduler/planner/src/test/resources/examples/tiny.json"));
        HttpResponse<String> r = postJson("/api/v1/plans/preview", tiny);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode plan = json(r);
        assertThat(plan.path("schema").asString()).isEqualTo("capacity-broker/plan@1");
        assertThat(plan.path("summary").path("objective").asDouble()).isCloseTo(181.1631879388, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(plan.has("explanations")).isTrue();
    }

    @Test
    void planPreviewRejectsABadScenarioNamingTheJsonPaths() throws Exception {
        String tiny = Files.readString(Path.of("../scheduler/planner/src/test/resources/examples/tiny.json"));
        String broken = tiny.replaceFirst("\"vcpus\": 2.0", "\"vcpus\": -2").replaceFirst("\"horizonHours\": 168", "\"horizonHours\": 168, \"colour\": 1");
        HttpResponse<String> r = postJson("/api/v1/plans/preview", broken);
        assertThat(r.statusCode()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        json(r).path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("$.offers[0].vcpus", "$.colour");

        HttpResponse<String> notJson = postJson("/api/v1/plans/preview", "{\"schema\": ");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).path("errors").get(0).path("field").asString()).isEqualTo("$");
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(o -> ids.add(o.path("offerId").asString()));
        return ids;
    }

    private static List<Double> prices(JsonNode page) {
        List<Double> p = new ArrayList<>();
        page.path("items").forEach(o -> p.add(o.path("pricePerHour").asDouble()));
        return p;
    }
}
