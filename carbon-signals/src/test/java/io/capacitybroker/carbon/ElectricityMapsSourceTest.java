package io.capacitybroker.carbon;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElectricityMapsSourceTest extends SourceFaultContract {

    static final Instant NOW = Instant.parse("2026-11-22T15:20:00Z");

    ElectricityMapsSource source(boolean forecast) {
        return source(forecast, false);
    }

    ElectricityMapsSource source(boolean forecast, boolean history) {
        return new ElectricityMapsSource(new ElectricityMapsSource.Config(base().resolve("/v3"), "test-token", forecast, history, timeout,
                retry()));
    }

    @Override
    protected String dataPath() {
        return "/v3/carbon-intensity/latest";
    }

    @Override
    protected String okBody() {
        return Fixtures.read("electricitymaps-carbon-intensity-latest.json");
    }

    @Override
    protected String badFieldsBody() {
        return "{\"zone\":\"DE\",\"carbonIntensity\":\"high\",\"datetime\":\"2026-11-22T15:00:00.000Z\"}";
    }

    @Override
    protected List<?> call() {
        return source(false).fetch("DE", NOW);
    }

    @Test
    void latestSendsTheTokenAndParsesTheValue() {
        server.stubFor(get(urlPathEqualTo(dataPath())).willReturn(okJson(okBody())));
        IntensityObservation o = source(false).latest("DE", NOW);
        assertThat(o.zone()).isEqualTo("DE");
        assertThat(o.gco2PerKwh()).isEqualTo(302);
        assertThat(o.validAt()).isEqualTo(Instant.parse("2026-11-22T15:00:00Z"));
        assertThat(o.fetchedAt()).isEqualTo(NOW);
        assertThat(o.kind()).isEqualTo(ObservationKind.ACTUAL);
        assertThat(o.source()).isEqualTo("electricitymaps");
        server.verify(getRequestedFor(urlPathEqualTo(dataPath())).withHeader("auth-token", equalTo("test-token"))
                .withQueryParam("zone", equalTo("DE")));
    }

    @Test
    void historyAndForecast() {
        server.stubFor(get(urlPathEqualTo("/v3/carbon-intensity/history")).willReturn(okJson(Fixtures.read("electricitymaps-carbon-intensity-history.json"))));
        server.stubFor(get(urlPathEqualTo("/v3/carbon-intensity/forecast")).willReturn(okJson(Fixtures.read("electricitymaps-carbon-intensity-forecast.json"))));
        server.stubFor(get(urlPathEqualTo(dataPath())).willReturn(okJson(okBody())));
        ElectricityMapsSource s = source(true);
        assertThat(s.history("DE", NOW)).extracting(IntensityObservation::gco2PerKwh).containsExactly(331.0, 318.0, 309.0);
        List<IntensityObservation> f = s.forecast("DE", NOW);
        assertThat(f).hasSize(4).allSatisfy(o -> assertThat(o.kind()).isEqualTo(ObservationKind.FORECAST));
        assertThat(f.getFirst().validAt()).isEqualTo(Instant.parse("2026-11-22T16:00:00Z"));
        assertThat(s.fetch("DE", NOW)).hasSize(5);
        assertThat(source(true, true).fetch("DE", NOW)).hasSize(8);
    }

    @Test
    void anAnswerForAnotherZoneIsMalformed() {
        server.stubFor(get(urlPathEqualTo(dataPath())).willReturn(okJson(okBody())));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source(false).latest("FR", NOW))
                .isInstanceOf(io.capacitybroker.provider.spi.ProviderException.Unavailable.class).hasMessageContaining("zone DE");
    }
}
