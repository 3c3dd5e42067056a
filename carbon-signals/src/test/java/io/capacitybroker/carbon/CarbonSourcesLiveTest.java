package io.capacitybroker.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Against the real APIs: only with {@code -Plive}; each test skips itself without its credentials
 * ({@code ELECTRICITYMAPS_TOKEN}, {@code WATTTIME_USERNAME}/{@code WATTTIME_PASSWORD}).
 */
@Tag("live")
class CarbonSourcesLiveTest {

    @Test
    void electricityMapsLatest() {
        String token = System.getenv("ELECTRICITYMAPS_TOKEN");
        assumeTrue(token != null && !token.isBlank(), "ELECTRICITYMAPS_TOKEN not set");
        IntensityObservation o = new ElectricityMapsSource(ElectricityMapsSource.Config.of(token)).latest("DE", Instant.now());
        assertThat(o.gco2PerKwh()).isBetween(1.0, 1500.0);
    }

    @Test
    void wattTimeForecastOfTheFreeRegion() {
        String user = System.getenv("WATTTIME_USERNAME");
        String password = System.getenv("WATTTIME_PASSWORD");
        assumeTrue(user != null && password != null, "WATTTIME_USERNAME / WATTTIME_PASSWORD not set");
        WattTimeSource s = new WattTimeSource(WattTimeSource.Config.of(user, password), Clock.systemUTC());
        List<IntensityObservation> f = s.fetch("CAISO_NORTH", Instant.now());
        assertThat(f).isNotEmpty();
        assertThat(s.signalIndex("CAISO_NORTH").percentile()).isBetween(0.0, 100.0);
    }

    @Test
    void ukNationalIntensityNeedsNoKey() {
        List<IntensityObservation> now = new UkCarbonIntensitySource(UkCarbonIntensitySource.Config.defaults()).current(Instant.now());
        assertThat(now).isNotEmpty();
    }
}
