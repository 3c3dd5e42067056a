package io.capacitybroker.carbon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.capacitybroker.provider.spi.ProviderException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WattTimeSourceTest extends SourceFaultContract {

    static final Instant NOW = Instant.parse("2026-11-22T15:05:00Z");
    static final String TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjYXBicm9rZXIifQ.ZmFrZS1zaWduYXR1cmU";


    final MovableClock clock = new MovableClock(NOW);

    WattTimeSource source() {
        return new WattTimeSource(new WattTimeSource.Config(base(), "alice", "s3cret", 24, timeout, retry()), clock);
    }

    @Override
    protected void stubAuth() {
        server.stubFor(get(urlPathEqualTo("/login")).withBasicAuth("alice", "s3cret").willReturn(okJson(Fixtures.read("watttime-login.json"))));
    }

    @Override
    protected String dataPath() {
        return "/v3/forecast";
    }

    @Override
    protected String okBody() {
        return Fixtures.read("watttime-forecast.json");
    }

    @Override
    protected String badFieldsBody() {
        return "{\"data\":[{\"point_time\":\"yesterday\",\"value\":912.4}],\"meta\":{\"units\":\"lbs_co2_per_mwh\"}}";
    }

    @Override
    protected List<?> call() {
        return source().fetch("CAISO_NORTH", NOW);
    }

    @Test
    void forecastIsConvertedToGramsPerKwhAndTheFirstPointIsNow() {
        server.stubFor(get(urlPathEqualTo(dataPath())).willReturn(okJson(okBody())));
        List<IntensityObservation> f = source().fetch("CAISO_NORTH", NOW);
        assertThat(f).hasSize(4);
        assertThat(f.getFirst().kind()).isEqualTo(ObservationKind.ACTUAL);
        assertThat(f.getFirst().gco2PerKwh()).isCloseTo(912.4 * 0.453592, within(1e-9));
        assertThat(f.getFirst().signal()).isEqualTo(SignalType.MARGINAL);
        assertThat(f.subList(1, 4)).allSatisfy(o -> assertThat(o.kind()).isEqualTo(ObservationKind.FORECAST));
        server.verify(getRequestedFor(urlPathEqualTo(dataPath())).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withQueryParam("signal_type", equalTo("co2_moer")).withQueryParam("region", equalTo("CAISO_NORTH")));
    }

    @Test
    void tokenIsReusedForThirtyMinutesThenRenewed() {
        server.stubFor(get(urlPathEqualTo(dataPath())).willReturn(okJson(okBody())));
        WattTimeSource s = source();
        s.fetch("CAISO_NORTH", NOW);
        clock.now = NOW.plus(Duration.ofMinutes(20));
        s.fetch("CAISO_NORTH", NOW);
        assertThat(s.logins()).isEqualTo(1);
        clock.now = NOW.plus(Duration.ofMinutes(26));
        s.fetch("CAISO_NORTH", NOW);
        assertThat(s.logins()).isEqualTo(2);
    }

    @Test
    void aRevokedTokenIsRenewedOnce() {
        server.stubFor(get(urlPathEqualTo(dataPath())).inScenario("revoked").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401)).willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo(dataPath())).inScenario("revoked").whenScenarioStateIs("ok").willReturn(okJson(okBody())));
        WattTimeSource s = source();
        assertThat(s.fetch("CAISO_NORTH", NOW)).hasSize(4);
        assertThat(s.logins()).isEqualTo(2);
    }

    @Test
    void wrongCredentialsAreAuthFailed() {
        server.resetAll();
        server.stubFor(get(urlPathEqualTo("/login")).willReturn(aResponse().withStatus(401)));
        assertThatThrownBy(() -> source().fetch("CAISO_NORTH", NOW)).isInstanceOf(ProviderException.AuthFailed.class);
        server.verify(1, getRequestedFor(urlPathEqualTo("/login")));
    }

    @Test
    void signalIndexAndRegionFromLocation() {
        server.stubFor(get(urlPathEqualTo("/v3/signal-index")).willReturn(okJson(Fixtures.read("watttime-signal-index.json"))));
        server.stubFor(get(urlPathEqualTo("/v3/region-from-loc")).willReturn(okJson(Fixtures.read("watttime-region-from-loc.json"))));
        WattTimeSource s = source();
        WattTimeSource.SignalIndex idx = s.signalIndex("CAISO_NORTH");
        assertThat(idx.percentile()).isEqualTo(43.0);
        assertThat(idx.pointTime()).isEqualTo(NOW);
        assertThat(s.regionFromLocation(37.78, -122.38)).isEqualTo("CAISO_NORTH");
        assertThat(s.logins()).isEqualTo(1);
    }

    @Test
    void aRegionOutsideThePlanIsNoAccessWithoutANewLoginNorRetries() {
        server.stubFor(get(urlPathEqualTo(dataPath())).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody(Fixtures.read("watttime-error-403.json"))));
        WattTimeSource s = source();
        assertThatThrownBy(() -> s.fetch("NL", NOW)).isInstanceOfSatisfying(ProviderException.AuthFailed.class, e -> {
            assertThat(s.noAccess(e)).isTrue();
            assertThat(e.vendorCode()).contains(WattTimeSource.NO_ACCESS);
            assertThat(e.getMessage()).contains("403").contains("region=NL");
        });
        assertThat(s.logins()).isEqualTo(1);
        server.verify(1, getRequestedFor(urlPathEqualTo(dataPath())));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aRefusedLoginIsNotNoAccess() {
        server.resetAll();
        server.stubFor(get(urlPathEqualTo("/login")).willReturn(aResponse().withStatus(403)));
        WattTimeSource s = source();
        assertThatThrownBy(() -> s.fetch("CAISO_NORTH", NOW)).isInstanceOfSatisfying(ProviderException.AuthFailed.class,
                e -> assertThat(s.noAccess(e)).isFalse());
    }

    @Test
    void aPositionOutsideEveryRegionIsNotFoundAndABadOneInvalid() {
        server.stubFor(get(urlPathEqualTo("/v3/region-from-loc")).withQueryParam("latitude", equalTo("0.0"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("watttime-region-from-loc-not-found.json"))));
        server.stubFor(get(urlPathEqualTo("/v3/region-from-loc")).withQueryParam("latitude", equalTo("1.0"))
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.read("watttime-validation-error-422.json"))));
        WattTimeSource s = source();
        assertThatThrownBy(() -> s.regionFromLocation(0.0, -30.0)).isInstanceOf(ProviderException.NotFound.class);
        assertThatThrownBy(() -> s.regionFromLocation(1.0, -30.0)).isInstanceOf(ProviderException.InvalidRequest.class);
        server.verify(1, getRequestedFor(urlPathEqualTo("/v3/region-from-loc")).withQueryParam("latitude", equalTo("0.0"))
                .withQueryParam("longitude", equalTo("-30.0")).withQueryParam("signal_type", equalTo("co2_moer")));
    }

    @Test
    void everyRequestLoginIncludedPassesTheRateLimiter() {
        server.stubFor(get(urlPathEqualTo(dataPath())).willReturn(okJson(okBody())));
        long[] nanos = {0};
        List<Duration> waits = new java.util.ArrayList<>();
        RequestRateLimiter limiter = new RequestRateLimiter(List.of(new RequestRateLimiter.Limit(2, Duration.ofSeconds(1))),
                () -> nanos[0], d -> {
                    waits.add(d);
                    nanos[0] += d.toNanos();
                });
        WattTimeSource s = new WattTimeSource(new WattTimeSource.Config(base(), "alice", "s3cret", 24, timeout, retry(), limiter), clock);
        s.fetch("CAISO_NORTH", NOW); // login + forecast
        assertThat(waits).isEmpty();
        s.fetch("CAISO_NORTH", NOW); // the third request in the same second waits
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void zonesAreTheMappedWattTimeRegions() {
        assertThat(source().zonesFor(RegionMap.bundled().entries())).contains("CAISO_NORTH");
    }
}
