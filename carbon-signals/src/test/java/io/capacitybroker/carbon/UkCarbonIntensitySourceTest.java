package io.capacitybroker.carbon;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UkCarbonIntensitySourceTest extends SourceFaultContract {

    static final Instant NOW = Instant.parse("2026-11-22T15:30:00Z");

    UkCarbonIntensitySource source() {
        return new UkCarbonIntensitySource(new UkCarbonIntensitySource.Config(base(), timeout, retry()));
    }

    @Override
    protected String dataPath() {
        return "/intensity";
    }

    @Override
    protected String okBody() {
        return Fixtures.read("uk-carbonintensity-intensity.json");
    }

    @Override
    protected String badFieldsBody() {
        return "{\"data\":[{\"from\":\"2026-11-22T15:00Z\",\"to\":\"2026-11-22T15:30Z\",\"intensity\":{\"forecast\":null,\"actual\":null}}]}";
    }

    @Override
    protected List<?> call() {
        return source().current(NOW);
    }

    @Test
    void currentPrefersTheActualAndFlagsDirectEmissions() {
        server.stubFor(get(urlPathEqualTo(dataPath())).willReturn(okJson(okBody())));
        IntensityObservation o = source().current(NOW).getFirst();
        assertThat(o.zone()).isEqualTo("GB");
        assertThat(o.gco2PerKwh()).isEqualTo(181);
        assertThat(o.validAt()).isEqualTo(Instant.parse("2026-11-22T15:00:00Z"));
        assertThat(source().emissionFactor()).isEqualTo("direct");
    }

    @Test
    void forecast48hAndRegional() {
        server.stubFor(get(urlPathEqualTo("/intensity/2026-11-22T15:30Z/fw48h")).willReturn(okJson(Fixtures.read("uk-carbonintensity-intensity-fw48h.json"))));
        server.stubFor(get(urlPathEqualTo("/regional/regionid/13")).willReturn(okJson(Fixtures.read("uk-carbonintensity-regional-regionid-13.json"))));
        server.stubFor(get(urlPathEqualTo(dataPath())).willReturn(okJson(okBody())));
        List<IntensityObservation> f = source().forecast48h(NOW);
        assertThat(f).extracting(IntensityObservation::gco2PerKwh).containsExactly(192.0, 205.0, 214.0, 88.0);
        assertThat(f).allSatisfy(o -> assertThat(o.kind()).isEqualTo(ObservationKind.FORECAST));
        List<UkCarbonIntensitySource.RegionalPoint> r = source().regional(13);
        assertThat(r).singleElement().satisfies(p -> {
            assertThat(p.shortName()).isEqualTo("London");
            assertThat(p.forecastGco2PerKwh()).isEqualTo(176);
            assertThat(p.index()).isEqualTo("moderate");
        });
        assertThat(source().fetch("GB", NOW)).hasSize(5);
        assertThat(source().fetch("FR", NOW)).isEmpty();
    }

    @Test
    void regionalForecast48hIsStoredUnderTheRegionsOwnZone() {
        server.stubFor(get(urlPathEqualTo("/regional/intensity/2026-11-22T15:30Z/fw48h/regionid/13"))
                .willReturn(okJson(Fixtures.read("uk-carbonintensity-regional-fw48h-regionid-13.json"))));
        List<IntensityObservation> f = source().fetch("GB-R13", NOW);
        assertThat(f).extracting(IntensityObservation::gco2PerKwh).containsExactly(176.0, 169.0, 61.0);
        assertThat(f).allSatisfy(o -> {
            assertThat(o.zone()).isEqualTo("GB-R13");
            assertThat(o.kind()).isEqualTo(ObservationKind.FORECAST);
            assertThat(o.source()).isEqualTo(UkCarbonIntensitySource.NAME);
        });
        assertThat(f.get(2).validAt()).isEqualTo(Instant.parse("2026-11-23T03:00:00Z"));
        // London and Cardiff sites get their regional series next to the national one
        assertThat(source().zonesFor(RegionMap.bundled().entries())).containsExactly("GB", "GB-R13", "GB-R7");
    }

    @Test
    void aRegionalAnswerWithoutDataIsMalformed() {
        server.stubFor(get(urlPathEqualTo("/regional/intensity/2026-11-22T15:30Z/fw48h/regionid/7"))
                .willReturn(okJson("{\"error\": \"none\"}")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source().regionalForecast48h(7, NOW))
                .isInstanceOf(io.capacitybroker.provider.spi.ProviderException.Unavailable.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source().regionalForecast48h(18, NOW))
                .isInstanceOf(io.capacitybroker.provider.spi.ProviderException.InvalidRequest.class);
    }
}
