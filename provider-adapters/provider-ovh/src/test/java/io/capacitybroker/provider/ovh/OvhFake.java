package io.capacitybroker.provider.ovh;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * A local OVHcloud API (WireMock on 127.0.0.1, dynamic port) speaking the real wire format: the documented
 * bodies in {@code src/test/resources/fixtures}, OVH error bodies, cursor pagination, and a signature check:
 * signed routes only answer when {@code X-Ovh-Signature} is the one recomputed from the request as received
 * (otherwise the API's 400 {@code INVALID_SIGNATURE} answer).
 */
final class OvhFake implements AutoCloseable {

    static final String AK = "TDPKJdwZwAQPwKX2";
    static final String AS = "9ufkBmLaTQ9nz5yMUlg79taH0GNnzDjk";
    static final String CK = "5mBuy6SUQcRw2ZUxg0cG68BoDKpED4KY";
    static final String PROJECT = "0123456789abcdef0123456789abcdef";
    /** The server time of fixtures/ovh-auth-time.json. */
    static final long SERVER_TIME = 1795362160L;
    /** The local time of the tests: about 20 hours ahead of the server, so a missing correction shows. */
    static final Instant LOCAL_TIME = Instant.parse("2026-11-23T12:00:00Z");
    static final String FLAVORS = "/1.0/cloud/project/" + PROJECT + "/flavor";
    static final String REGIONS = "/1.0/cloud/project/" + PROJECT + "/region";
    static final String CATALOG = "/1.0/order/catalog/public/cloud";

    private static final JsonMapper JSON = JsonMapper.shared();

    final WireMockServer server;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    OvhFake() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        stubDefaults();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.port() + "/1.0";
    }

    /** Credentials, project, EUR rate, no client-side rate limit, 4 attempts with zero backoff. */
    OvhConfig config() {
        return OvhConfig.defaults().withEndpoint(endpoint()).withCredentials(AK, AS, CK).withProjectId(PROJECT)
                .withFxRate(OvhConfig.FxRate.of("EUR", "1.08", "2026-11-20"))
                .withRateLimit(0, 4)
                .withRetry(4, Duration.ZERO, Duration.ofSeconds(10));
    }

    /** Records every backoff instead of sleeping. */
    RetryPolicy.Sleeper sleeper() {
        return sleeps::add;
    }

    OvhProviderAdapter adapter(MutableClock clock) {
        return new OvhProviderAdapter(config(), clock, sleeper());
    }

    OvhProviderAdapter adapter() {
        return adapter(new MutableClock(LOCAL_TIME));
    }

    void reset() {
        server.resetAll();
        sleeps.clear();
        stubDefaults();
    }

    private void stubDefaults() {
        // a signed route whose signature does not check out
        server.stubFor(any(urlPathMatching("/1\\.0/(cloud|dedicated)/.*")).atPriority(10)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withHeader("X-Ovh-QueryID", "EU.ext-1.fake.0001")
                        .withBody("{\"errorCode\":\"INVALID_SIGNATURE\",\"httpCode\":\"400 Bad Request\","
                                + "\"message\":\"Invalid signature\"}")));
        server.stubFor(get(urlPathEqualTo("/1.0/auth/time")).willReturn(okJson(fixture("ovh-auth-time.json"))));
        server.stubFor(get(urlPathEqualTo(CATALOG)).withQueryParam("ovhSubsidiary", equalTo("FR"))
                .willReturn(okJson(fixture("ovh-order-catalog-public-cloud.json"))));
        server.stubFor(signed(get(urlPathEqualTo(REGIONS))).willReturn(okJson("[\"GRA11\",\"SBG5\"]")));

        // GRA11 in two pages: the fixture's first flavor, then the rest behind a cursor
        ArrayNode gra = (ArrayNode) json(fixture("ovh-cloud-project-flavor-list.json"));
        ArrayNode page1 = JSON.createArrayNode().add(gra.get(0));
        ArrayNode page2 = JSON.createArrayNode();
        for (int i = 1; i < gra.size(); i++) {
            page2.add(gra.get(i));
        }
        server.stubFor(signed(get(urlPathEqualTo(FLAVORS))).withQueryParam("region", equalTo("GRA11"))
                .withHeader("X-Pagination-Cursor", absent())
                .willReturn(okJson(page1.toString()).withHeader("X-Pagination-Cursor-Next", "gra11-page-2")));
        server.stubFor(signed(get(urlPathEqualTo(FLAVORS))).withQueryParam("region", equalTo("GRA11"))
                .withHeader("X-Pagination-Cursor", equalTo("gra11-page-2"))
                .willReturn(okJson(page2.toString())));
        // SBG5: the same flavors, one page
        server.stubFor(signed(get(urlPathEqualTo(FLAVORS))).withQueryParam("region", equalTo("SBG5"))
                .willReturn(okJson(fixture("ovh-cloud-project-flavor-list.json").replace("GRA11", "SBG5"))));

        server.stubFor(signed(get(urlPathEqualTo("/1.0/dedicated/server")))
                .willReturn(okJson(fixture("ovh-dedicated-server-list.json"))));
        for (String s : List.of("ns3001234", "ns3005678", "ns3009999")) {
            String name = json(fixture("ovh-dedicated-server-" + s + ".json")).get("name").asString();
            server.stubFor(signed(get(urlPathEqualTo("/1.0/dedicated/server/" + name)))
                    .willReturn(okJson(fixture("ovh-dedicated-server-" + s + ".json"))));
            if (!s.equals("ns3009999")) {
                server.stubFor(signed(get(urlPathEqualTo("/1.0/dedicated/server/" + name + "/specifications/hardware")))
                        .willReturn(okJson(fixture("ovh-dedicated-server-" + s + "-hardware.json"))));
            }
        }
    }

    /** Only matches requests that carry the right application and consumer keys and a valid signature. */
    static MappingBuilder signed(MappingBuilder b) {
        return b.withHeader("X-Ovh-Application", equalTo(AK)).withHeader("X-Ovh-Consumer", equalTo(CK))
                .andMatching(SIGNATURE);
    }

    static final ValueMatcher<Request> SIGNATURE = request -> MatchResult.of(signatureValid(request));

    static boolean signatureValid(Request r) {
        String ts = r.getHeader("X-Ovh-Timestamp");
        String sig = r.getHeader("X-Ovh-Signature");
        if (ts == null || sig == null || !ts.matches("\\d+")) {
            return false;
        }
        String expected = OvhSigner.sign(AS, CK, r.getMethod().getName(), r.getAbsoluteUrl(),
                r.getBodyAsString() == null ? "" : r.getBodyAsString(), Long.parseLong(ts));
        return expected.equals(sig);
    }

    List<LoggedRequest> requests(String urlPath) {
        return server.getAllServeEvents().stream().map(e -> (LoggedRequest) e.getRequest())
                .filter(r -> r.getUrl().split("\\?")[0].equals(urlPath)).toList();
    }

    static String fixture(String name) {
        try (InputStream in = OvhFake.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String s) {
        return JSON.readTree(s);
    }

    @Override
    public void close() {
        server.stop();
    }
}
