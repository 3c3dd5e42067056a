package io.capacitybroker.carbon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fault tests every carbon source passes, against a local WireMock on 127.0.0.1: timeouts, 401,
 * 429 with Retry-After, 5xx (retried, then given up), malformed bodies and malformed fields.
 */
abstract class SourceFaultContract {

    /** Generous for normal calls (a loaded CI machine); the timeout test shortens it. */
    protected Duration timeout = Duration.ofSeconds(3);
    private static volatile boolean warm;
    protected WireMockServer server;
    protected final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startServer() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        sleeps.clear();
        timeout = Duration.ofSeconds(3);
        warmUp();
        stubAuth();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    /** The first request of a JVM (client and server start-up) is slow; do it once before any timed test. */
    private void warmUp() {
        if (warm) {
            return;
        }
        try (java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient()) {
            c.send(java.net.http.HttpRequest.newBuilder(base().resolve("/__admin/mappings")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            warm = true;
        } catch (Exception e) {
            // the tests below will say what is wrong
        }
    }

    protected URI base() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Three attempts; backoff recorded instead of slept. */
    protected RetryPolicy retry() {
        return new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(30), sleeps::add);
    }

    /** Stubs needed before any data call (e.g. a login). */
    protected void stubAuth() {
    }

    /** The path of the data call under test. */
    protected abstract String dataPath();

    /** A valid body of that call. */
    protected abstract String okBody();

    /** A body that is JSON but lacks the fields the source needs. */
    protected abstract String badFieldsBody();

    /** Performs the call and returns a non-empty result. */
    protected abstract List<?> call();

    @Test
    void happyPathParsesTheDocumentedFormat() {
        server.stubFor(get(urlPathEqualTo(dataPath())).willReturn(okJson(okBody())));
        assertThat(call()).isNotEmpty();
    }

    @Test
    void timeoutIsUnavailableAndRetried() {
        timeout = Duration.ofMillis(700);
        server.stubFor(get(urlPathEqualTo(dataPath())).willReturn(okJson(okBody()).withFixedDelay(2500)));
        assertThatThrownBy(this::call).isInstanceOfSatisfying(ProviderException.Unavailable.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.vendorCode()).contains("timeout");
        });
        server.verify(3, getRequestedFor(urlPathEqualTo(dataPath())));
    }

    @Test
    void unauthorizedIsAuthFailedAndNotRetried() {
        server.stubFor(get(urlPathEqualTo(dataPath())).willReturn(aResponse().withStatus(401).withBody("{\"error\":\"unauthorized\"}")));
        assertThatThrownBy(this::call).isInstanceOfSatisfying(ProviderException.AuthFailed.class,
                e -> assertThat(e.retryable()).isFalse());
        assertThat(sleeps).isEmpty();
    }

    @Test
    void throttledHonoursRetryAfterThenSucceeds() {
        server.stubFor(get(urlPathEqualTo(dataPath())).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo(dataPath())).inScenario("429").whenScenarioStateIs("ok").willReturn(okJson(okBody())));
        assertThat(call()).isNotEmpty();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void throttledEveryTimeEndsAsThrottled() {
        server.stubFor(get(urlPathEqualTo(dataPath())).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));
        assertThatThrownBy(this::call).isInstanceOfSatisfying(ProviderException.Throttled.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(2)));
        server.verify(3, getRequestedFor(urlPathEqualTo(dataPath())));
    }

    @Test
    void serverErrorIsRetriedThenSucceeds() {
        server.stubFor(get(urlPathEqualTo(dataPath())).inScenario("5xx").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo(dataPath())).inScenario("5xx").whenScenarioStateIs("ok").willReturn(okJson(okBody())));
        assertThat(call()).isNotEmpty();
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void serverErrorEveryTimeIsUnavailable() {
        server.stubFor(get(urlPathEqualTo(dataPath())).willReturn(aResponse().withStatus(500).withBody("boom")));
        assertThatThrownBy(this::call).isInstanceOfSatisfying(ProviderException.Unavailable.class,
                e -> assertThat(e.vendorCode()).contains("http_500"));
        server.verify(3, getRequestedFor(urlPathEqualTo(dataPath())));
    }

    @Test
    void malformedBodyIsUnavailable() {
        server.stubFor(get(urlPathEqualTo(dataPath())).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"data\": [ {\"value\": ")));
        assertThatThrownBy(this::call).isInstanceOfSatisfying(ProviderException.Unavailable.class,
                e -> assertThat(e.vendorCode()).contains("malformed"));
    }

    @Test
    void malformedFieldsAreUnavailable() {
        server.stubFor(get(urlPathEqualTo(dataPath())).willReturn(okJson(badFieldsBody())));
        assertThatThrownBy(this::call).isInstanceOfSatisfying(ProviderException.Unavailable.class,
                e -> assertThat(e.vendorCode()).contains("malformed"));
    }

    @Test
    void badRequestIsInvalidRequest() {
        server.stubFor(get(urlPathEqualTo(dataPath())).willReturn(aResponse().withStatus(400).withBody("{\"error\":\"bad zone\"}")));
        assertThatThrownBy(this::call).isInstanceOf(ProviderException.InvalidRequest.class);
    }
}
