package io.capacitybroker.app.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.capacitybroker.app.BrokerIntegrationTest;
import io.capacitybroker.app.ingest.CatalogRefresher;
import io.capacitybroker.ingest.IngestResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * All four providers in {@code live} mode against local fakes of their APIs ({@link FakeClouds}): one
 * refresh ingests every provider into PostgreSQL, the offers API shows the vendors' prices, and a provider
 * that fails leaves the others and its own stored data intact. When moto cannot start, the test fails if
 * {@code CI=true} and is skipped otherwise. The context is closed after the class (its adapters point at
 * fakes that are gone by then) and keeps a small connection pool, so that it does not hold PostgreSQL
 * connections the other test contexts of the run need.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveProvidersAgainstFakesTest extends BrokerIntegrationTest {

    private static FakeClouds fakes;
    private static Map<String, IngestResult> firstRefresh;

    @Autowired
    CatalogRefresher refresher;

    @BeforeAll
    static void startFakes() {
        try {
            fakes = FakeClouds.start();
        } catch (FakeClouds.MotoUnavailableException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            Assumptions.abort(e.getMessage());
        }
    }

    @AfterAll
    static void stopFakes() {
        if (fakes != null) {
            fakes.close();
            fakes = null;
        }
    }

    @DynamicPropertySource
    static void liveProviders(DynamicPropertyRegistry registry) {
        registry.add("broker.ingest.enabled", () -> "false");
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "5");
        fakes.brokerProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @BeforeEach
    void ingestOnce() {
        if (firstRefresh == null) {
            firstRefresh = byProvider(refresher.refreshAll());
        }
    }

    private static Map<String, IngestResult> byProvider(List<IngestResult> results) {
        return results.stream().collect(Collectors.toMap(r -> r.provider().code(), r -> r));
    }

    @Test
    @Order(1)
    void everyProviderIsIngestedFromItsFake() {
        assertThat(firstRefresh).containsOnlyKeys("aws", "gcp", "azure", "ovh");
        firstRefresh.forEach((provider, r) -> {
            assertThat(r.status()).as(provider + ": " + r.errorCode() + " " + r.error()).isEqualTo(IngestResult.Status.SUCCEEDED);
            assertThat(r.offersSeen()).as(provider).isPositive();
        });
        for (String provider : List.of("aws", "gcp", "azure", "ovh")) {
            JsonNode page = json(get("/api/v1/offers?provider=" + provider + "&size=200"));
            assertThat(page.path("totalItems").asLong()).as(provider).isPositive();
            for (JsonNode o : page.path("items")) {
                assertThat(o.path("provider").asString()).isEqualTo(provider);
                assertThat(o.path("currency").asString()).isEqualTo("USD");
                assertThat(o.path("priceSource").asString()).as(provider).doesNotStartWith("simulated");
            }
        }
    }

    @Test
    @Order(2)
    void pricesAreTheVendorsNormalisedToUsdPerNodeHour() {
        // AWS Price List fake: m5.large in ca-west-1 at 0.107 USD/h
        assertThat(price("aws", "ca-west-1", "m5.large", "on_demand")).isCloseTo(0.107, within(1e-9));
        assertThat(price("aws", "me-south-1", "c5.xlarge", "on_demand")).isCloseTo(0.203, within(1e-9));
        // AWS spot prices come from moto's DescribeSpotPriceHistory, one zonal offer per AZ
        JsonNode spot = json(get("/api/v1/offers?provider=aws&region=ca-west-1&instanceType=m5.large&market=spot"));
        assertThat(spot.path("totalItems").asLong()).isEqualTo(3);
        // GCP: 2 vCPU × 0.02181159 + 8 GiB × 0.00292353 (E2 in us-central1, Cloud Billing SKUs)
        assertThat(price("gcp", "us-central1", "e2-standard-2", "on_demand")).isCloseTo(0.06701142, within(1e-9));
        assertThat(price("gcp", "europe-west4", "n2-standard-4", "spot")).isCloseTo(0.051312, within(1e-9));
        // Azure Retail Prices: D2s v5 Linux consumption in westeurope
        assertThat(price("azure", "westeurope", "Standard_D2s_v5", "on_demand")).isCloseTo(0.096, within(1e-9));
        assertThat(price("azure", "westeurope", "Standard_D2s_v5", "spot")).isCloseTo(0.01152, within(1e-9));
        // OVHcloud order catalog: b3-8 at 0.047 EUR/h × 1.08 USD/EUR
        assertThat(price("ovh", "GRA11", "b3-8", "on_demand")).isCloseTo(0.05076, within(1e-9));
        assertThat(price("ovh", "SBG5", "c3-4", "on_demand")).isCloseTo(0.047088, within(1e-9));
    }

    @Test
    @Order(3)
    void summaryShowsAllFourProviders() {
        JsonNode summary = json(get("/api/v1/offers/summary"));
        Map<String, Long> offers = new HashMap<>();
        summary.forEach(row -> offers.merge(row.path("provider").asString(), row.path("offers").asLong(), Long::sum));
        assertThat(offers).containsKeys("aws", "gcp", "azure", "ovh");
        assertThat(offers.values()).allSatisfy(n -> assertThat(n).isPositive());
    }

    @Test
    @Order(4)
    void aFailingProviderLeavesTheOthersAndItsStoredDataIntact() {
        long gcpOffers = totalItems("gcp");
        double e2 = price("gcp", "us-central1", "e2-standard-2", "on_demand");
        fakes.failGcp();
        try {
            Map<String, IngestResult> results = byProvider(refresher.refreshAll());
            IngestResult gcp = results.get("gcp");
            assertThat(gcp.status()).isEqualTo(IngestResult.Status.FAILED);
            assertThat(gcp.errorCode()).isEqualTo("unavailable");
            for (String other : List.of("aws", "azure", "ovh")) {
                assertThat(results.get(other).status()).as(other + ": " + results.get(other).error())
                        .isEqualTo(IngestResult.Status.SUCCEEDED);
            }
            assertThat(totalItems("gcp")).isEqualTo(gcpOffers);
            assertThat(price("gcp", "us-central1", "e2-standard-2", "on_demand")).isEqualTo(e2);

            JsonNode catalog = json(get("/actuator/health")).path("components").path("catalog").path("details");
            assertThat(catalog.path("degraded").asBoolean()).isTrue();
            JsonNode gcpHealth = catalog.path("providers").path("gcp");
            assertThat(gcpHealth.path("lastAttemptStatus").asString()).isEqualTo("failed");
            assertThat(gcpHealth.path("lastError").asString()).startsWith("unavailable");
            assertThat(gcpHealth.path("activeOffers").asLong()).isEqualTo(gcpOffers);
            assertThat(catalog.path("providers").path("aws").has("lastError")).isFalse();
        } finally {
            fakes.heal();
        }
        assertThat(refresher.refresh("gcp").succeeded()).isTrue();
    }

    @Test
    @Order(5)
    void anEc2OutageKeepsTheStoredAwsOffers() {
        long awsOffers = totalItems("aws");
        double m5 = price("aws", "ca-west-1", "m5.large", "on_demand");
        fakes.stopMoto();

        IngestResult aws = refresher.refresh("aws");

        assertThat(aws.status()).isEqualTo(IngestResult.Status.FAILED);
        assertThat(aws.errorCode()).isEqualTo("unavailable");
        assertThat(totalItems("aws")).isEqualTo(awsOffers);
        assertThat(price("aws", "ca-west-1", "m5.large", "on_demand")).isEqualTo(m5);
        JsonNode awsHealth = json(get("/actuator/health")).path("components").path("catalog").path("details")
                .path("providers").path("aws");
        assertThat(awsHealth.path("lastError").asString()).startsWith("unavailable");
        assertThat(awsHealth.path("activeOffers").asLong()).isEqualTo(awsOffers);
    }

    private long totalItems(String provider) {
        return json(get("/api/v1/offers?provider=" + provider + "&size=1")).path("totalItems").asLong();
    }

    private double price(String provider, String region, String type, String market) {
        JsonNode page = json(get("/api/v1/offers?provider=" + provider + "&region=" + region + "&instanceType=" + type
                + "&market=" + market));
        assertThat(page.path("totalItems").asLong()).as(provider + " " + region + " " + type + " " + market).isEqualTo(1);
        return page.path("items").get(0).path("pricePerHour").asDouble();
    }
}
