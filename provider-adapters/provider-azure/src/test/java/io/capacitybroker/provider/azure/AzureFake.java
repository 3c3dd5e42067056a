package io.capacitybroker.provider.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A local WireMock server speaking the Azure wire formats (Retail Prices, ARM locations and resource SKUs,
 * Resource Graph, Spot Placement Scores), bound to 127.0.0.1 on a dynamic port, replaying the fixtures.
 */
final class AzureFake implements AutoCloseable {

    static final String SUB = "sub-0";
    static final String PRICES = "/api/retail/prices";
    static final String LOCATIONS = "/subscriptions/" + SUB + "/locations";
    static final String SKUS = "/subscriptions/" + SUB + "/providers/Microsoft.Compute/skus";
    static final String GRAPH = "/providers/Microsoft.ResourceGraph/resources";
    /** Any location in the path: the adapter names the first desired location there. */
    static final String PLACEMENT = "/subscriptions/" + SUB
            + "/providers/Microsoft.Compute/locations/[a-z0-9]+/placementScores/spot/generate";
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    final WireMockServer server;
    /** Every backoff or pacing wait the adapter asked for (nothing really sleeps). */
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    AzureFake() {
        this(false);
    }

    /**
     * {@code lean}: no request journal and no gzip (for the benchmark, so that the fake's own bookkeeping and
     * compression do not compete with the adapter for the CPU).
     */
    AzureFake(boolean lean) {
        WireMockConfiguration options = WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1");
        if (lean) {
            options = options.disableRequestJournal().gzipDisabled(true).containerThreads(8);
        }
        server = new WireMockServer(options);
        server.start();
    }

    /** Forgets every stub, request and recorded sleep: a fresh fake on the same port. */
    AzureFake reset() {
        server.resetAll();
        sleeps.clear();
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    AzureConfig config() {
        return AzureConfig.forRegions(List.of("westeurope")).withSubscriptionId(SUB)
                .withLocalFake(URI.create(baseUrl()))
                .withRetries(3, Duration.ofMillis(100), Duration.ofSeconds(5))
                .withRequestsPerSecond(0, 2)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    AzureProviderAdapter adapter() {
        return adapter(config());
    }

    AzureProviderAdapter adapter(AzureConfig config) {
        RetryPolicy.Sleeper sleeper = sleeps::add;
        return new AzureProviderAdapter(config, null, Clock.fixed(NOW, ZoneOffset.UTC), sleeper);
    }

    /** The happy path: every fixture where the adapter expects it. */
    AzureFake stubAll() {
        stubLocations();
        stubSkus();
        stubPrices();
        stubSignals();
        return this;
    }

    void stubLocations() {
        server.stubFor(get(urlPathEqualTo(LOCATIONS)).willReturn(json(fixture("azure-arm-locations.json"))));
    }

    void stubSkus() {
        server.stubFor(get(urlPathEqualTo(SKUS)).withQueryParam("$filter", equalTo("location eq 'westeurope'"))
                .withQueryParam("$skiptoken", absent())
                .willReturn(json(fixture("azure-arm-resource-skus-westeurope.json"))));
        server.stubFor(get(urlPathEqualTo(SKUS)).withQueryParam("$skiptoken", equalTo("page2"))
                .willReturn(json(fixture("azure-arm-resource-skus-westeurope-page2.json"))));
    }

    void stubPrices() {
        server.stubFor(get(urlPathEqualTo(PRICES))
                .withQueryParam("$filter", containing("armRegionName eq 'westeurope'"))
                .withQueryParam("$skip", absent())
                .willReturn(json(fixture("azure-retail-prices-vm-westeurope-d2sv5.json"))));
        server.stubFor(get(urlPathEqualTo(PRICES)).withQueryParam("$skip", equalTo("1000"))
                .willReturn(json(fixture("azure-retail-prices-page2-westeurope.json"))));
        server.stubFor(get(urlPathEqualTo(PRICES)).withQueryParam("$skip", equalTo("2000"))
                .willReturn(json(fixture("azure-retail-prices-last-page.json"))));
    }

    void stubSignals() {
        server.stubFor(post(urlPathEqualTo(GRAPH))
                .willReturn(json(fixture("azure-resource-graph-spot-eviction-rates.json"))));
        server.stubFor(post(urlPathMatching(PLACEMENT)).willReturn(json(fixture("azure-spot-placement-scores.json"))));
    }

    com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** A fixture, with absolute ARM links pointed at this fake. */
    String fixture(String name) {
        try (InputStream in = AzureFake.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("https://management.azure.com", baseUrl());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
