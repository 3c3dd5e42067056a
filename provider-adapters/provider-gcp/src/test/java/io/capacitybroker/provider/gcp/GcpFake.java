package io.capacitybroker.provider.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A local stand-in for the Compute Engine and Cloud Billing REST APIs: WireMock on a dynamic port of
 * 127.0.0.1, serving documented-format JSON from {@code src/test/resources/fixtures}.
 */
final class GcpFake implements AutoCloseable {

    static final String PROJECT = "capbroker-test";
    static final String REGIONS = "/compute/v1/projects/" + PROJECT + "/regions";
    static final String AGGREGATED = "/compute/v1/projects/" + PROJECT + "/aggregated/machineTypes";
    static final String SKUS = "/v1/services/6F81-5844-456A/skus";

    final WireMockServer server;

    GcpFake() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    static String machineTypes(String zone) {
        return "/compute/v1/projects/" + PROJECT + "/zones/" + zone + "/machineTypes";
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Both APIs at this fake, no credentials, 5 s per request. */
    GcpConfig config() {
        return GcpConfig.forLocalFake(PROJECT, baseUrl()).withRequestTimeout(Duration.ofSeconds(5));
    }

    /** The whole two-region catalog: every listing paged as the fixtures say. */
    void serveCatalog() {
        firstPage(REGIONS, "gcp-compute-regions-list-page1.json");
        nextPage(REGIONS, "regions-page-2", "gcp-compute-regions-list-page2.json");
        firstPage(machineTypes("us-central1-a"), "gcp-compute-machinetypes-list.json");
        firstPage(machineTypes("us-central1-b"), "gcp-compute-machinetypes-list-us-central1-b-page1.json");
        nextPage(machineTypes("us-central1-b"), "mt-b-page-2", "gcp-compute-machinetypes-list-us-central1-b-page2.json");
        firstPage(machineTypes("europe-west4-a"), "gcp-compute-machinetypes-list-europe-west4-a.json");
        firstPage(machineTypes("europe-west4-b"), "gcp-compute-machinetypes-list-europe-west4-b.json");
        firstPage(AGGREGATED, "gcp-compute-machinetypes-aggregated-list-page1.json");
        nextPage(AGGREGATED, "agg-page-2", "gcp-compute-machinetypes-aggregated-list-page2.json");
        firstPage(SKUS, "gcp-billing-catalog-list-skus-compute-page1.json");
        nextPage(SKUS, "skus-page-2", "gcp-billing-catalog-list-skus-compute-page2.json");
    }

    /** Serves {@code fixture} for requests of {@code path} without a (more specific) page token stub. */
    void firstPage(String path, String fixture) {
        server.stubFor(get(urlPathEqualTo(path)).atPriority(10).willReturn(okJson(fixture(fixture))));
    }

    void nextPage(String path, String token, String fixture) {
        server.stubFor(get(urlPathEqualTo(path)).withQueryParam("pageToken", equalTo(token)).atPriority(1)
                .willReturn(okJson(fixture(fixture))));
    }

    /** Every request of {@code path} (any page) gets {@code response}, overriding the catalog. */
    void always(String path, ResponseDefinitionBuilder response) {
        server.stubFor(get(urlPathEqualTo(path)).atPriority(0).willReturn(response));
    }

    void stub(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    /** A Google JSON error body (the format of both APIs' REST errors). */
    static ResponseDefinitionBuilder error(int http, String status, String reason, String message) {
        String body = "{\"error\":{\"code\":" + http + ",\"message\":\"" + message + "\",\"errors\":[{\"message\":\""
                + message + "\",\"domain\":\"global\",\"reason\":\"" + reason + "\"}],\"status\":\"" + status + "\"}}";
        return aResponse().withStatus(http).withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
    }

    static String fixture(String name) {
        try (InputStream in = GcpFake.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
