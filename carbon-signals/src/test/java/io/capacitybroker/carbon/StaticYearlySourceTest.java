package io.capacitybroker.carbon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaticYearlySourceTest {

    @Test
    void servesEveryMappedZoneWithTheRealYearlyValues() {
        StaticYearlySource s = new StaticYearlySource();
        RegionMap map = RegionMap.bundled();
        assertThat(s.zonesFor(map.entries())).isEqualTo(map.gridZones());
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        List<IntensityObservation> fr = s.fetch("FR", now);
        assertThat(fr).hasSize(5).allSatisfy(o -> {
            assertThat(o.kind()).isEqualTo(ObservationKind.YEARLY_AVERAGE);
            assertThat(o.source()).isEqualTo("electricitymaps-yearly");
            assertThat(o.fetchedAt()).isEqualTo(now);
        });
        YearlyIntensities.Yearly newest = YearlyIntensities.bundled().latest("FR").orElseThrow();
        assertThat(fr.getLast().gco2PerKwh()).isEqualTo(newest.gco2PerKwh());
        assertThat(fr.getLast().validAt()).isEqualTo(Instant.parse(newest.year() + "-01-01T00:00:00Z"));
        // a real, plausible value: France is nuclear-heavy, Poland coal-heavy
        assertThat(newest.gco2PerKwh()).isBetween(10.0, 100.0);
        assertThat(YearlyIntensities.bundled().latest("PL").orElseThrow().gco2PerKwh()).isGreaterThan(400);
        assertThat(s.fetch("XX-NOWHERE", now)).isEmpty();
    }

    @Test
    void quotedCommasInZoneNamesAreParsed() {
        // one upstream zone name contains a comma inside quotes
        assertThat(YearlyIntensities.bundled().zones()).hasSizeGreaterThan(340);
    }
}
