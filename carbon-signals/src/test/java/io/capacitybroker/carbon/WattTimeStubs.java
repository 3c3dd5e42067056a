package io.capacitybroker.carbon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.capacitybroker.domain.GeoLocation;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A WattTime API v3 on WireMock (127.0.0.1) answering in the documented formats: {@code /login},
 * {@code /v3/region-from-loc} per position, {@code /v3/forecast} per region, and the documented error
 * envelopes (fixtures, see {@code fixtures/README.md}).
 */
final class WattTimeStubs implements AutoCloseable {

    final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

    WattTimeStubs() {
        server.start();
        server.stubFor(get(urlPathEqualTo("/login")).withBasicAuth("alice", "s3cret").willReturn(okJson(Fixtures.read("watttime-login.json"))));
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** A source on this server: 3 attempts with recorded (not slept) backoff, WattTime's rate limits. */
    WattTimeSource source(Clock clock) {
        return new WattTimeSource(new WattTimeSource.Config(base(), "alice", "s3cret", 24, Duration.ofSeconds(3),
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), d -> { })), clock);
    }

    static GeoLocation position(ProviderId provider, String region) {
        return RegionMap.bundled().find(provider, region).orElseThrow().position();
    }

    private static RequestPatternBuilder at(GeoLocation p) {
        return getRequestedFor(urlPathEqualTo("/v3/region-from-loc")).withQueryParam("latitude", equalTo(Double.toString(p.latitude())))
                .withQueryParam("longitude", equalTo(Double.toString(p.longitude()))).withQueryParam("signal_type", equalTo("co2_moer"));
    }

    /** {@code /v3/region-from-loc} at this position answers this region (documented RegionLocResponse). */
    void regionAt(GeoLocation p, String region) {
        String body = Fixtures.read("watttime-region-from-loc.json").replace("CAISO_NORTH", region)
                .replace("California ISO Northern", region + " (test)");
        server.stubFor(get(urlPathEqualTo("/v3/region-from-loc")).withQueryParam("latitude", equalTo(Double.toString(p.latitude())))
                .withQueryParam("longitude", equalTo(Double.toString(p.longitude()))).willReturn(okJson(body)));
    }

    /** {@code /v3/region-from-loc} at this position answers an error. */
    void regionAtFails(GeoLocation p, int status, String fixture) {
        ResponseDefinitionBuilder r = aResponse().withStatus(status).withHeader("Content-Type", "application/json");
        if (fixture != null) {
            r = r.withBody(Fixtures.read(fixture));
        }
        server.stubFor(get(urlPathEqualTo("/v3/region-from-loc")).withQueryParam("latitude", equalTo(Double.toString(p.latitude())))
                .withQueryParam("longitude", equalTo(Double.toString(p.longitude()))).willReturn(r));
    }

    int regionLookupsAt(GeoLocation p) {
        return server.findAll(at(p)).size();
    }

    int regionLookups() {
        return server.findAll(getRequestedFor(urlPathEqualTo("/v3/region-from-loc"))).size();
    }

    /**
     * {@code /v3/forecast} of the region: the documented V3 forecast (lbs CO2/MWh, 5-minute points) starting at
     * {@code now} floored to 5 minutes, first value {@code firstLbs}.
     */
    void forecast(String region, Instant now, double firstLbs) {
        server.stubFor(get(urlPathEqualTo("/v3/forecast")).withQueryParam("region", equalTo(region))
                .willReturn(okJson(forecastBody(region, now, firstLbs))));
    }

    static String forecastBody(String region, Instant now, double firstLbs) {
        Instant t0 = Instant.ofEpochSecond(now.getEpochSecond() / 300 * 300);
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            data.append(i == 0 ? "" : ",\n").append("    {\"point_time\": \"").append(t0.plusSeconds(300L * i).toString().replace("Z", "+00:00"))
                    .append("\", \"value\": ").append(firstLbs - 10 * i).append('}');
        }
        return """
                {
                  "data": [
                %s
                  ],
                  "meta": {
                    "data_point_period_seconds": 300,
                    "region": "%s",
                    "warnings": [],
                    "signal_type": "co2_moer",
                    "model": {"date": "2023-03-01"},
                    "units": "lbs_co2_per_mwh",
                    "generated_at_period_seconds": 300,
                    "generated_at": "%s"
                  }
                }
                """.formatted(data, region, t0.toString().replace("Z", "+00:00"));
    }

    /** {@code /v3/forecast} of the region answers 403 (outside the plan), in the documented ErrorResponse envelope. */
    void forecastForbidden(String region) {
        server.stubFor(get(urlPathEqualTo("/v3/forecast")).withQueryParam("region", equalTo(region))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody(Fixtures.read("watttime-error-403.json"))));
    }

    int forecastsOf(String region) {
        return server.findAll(getRequestedFor(urlPathEqualTo("/v3/forecast")).withQueryParam("region", equalTo(region))).size();
    }

    int logins() {
        return server.findAll(getRequestedFor(urlPathEqualTo("/login"))).size();
    }

    @Override
    public void close() {
        server.stop();
    }
}
