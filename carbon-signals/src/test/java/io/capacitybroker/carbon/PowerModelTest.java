package io.capacitybroker.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.capacitybroker.domain.ProviderId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PowerModelTest {

    private static final RegionZone IE = RegionMap.bundled().find(ProviderId.AWS, "eu-west-1").orElseThrow();

    static ResolvedIntensity intensity(double g) {
        return new ResolvedIntensity(IE, "IE", SignalType.AVERAGE, ObservationKind.ACTUAL, g, "test", "lifecycle",
                Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:05:00Z"), FallbackLevel.NONE, Duration.ZERO, "");
    }

    @Test
    void workedExampleOfThePlanningContract() {
        // m6i.large on AWS: 2 vCPU, 8 GiB, u = 0.5, PUE 1.135, 300 g/kWh
        CarbonBreakdown b = PowerModel.defaults().footprint(NodeSpec.of(ProviderId.AWS, "eu-west-1", 2, 8), intensity(300));
        double it = 2 * (0.74 + 0.5 * (3.5 - 0.74)) + 8 * 0.392; // 4.24 + 3.136 = 7.376 W
        assertThat(b.power().itWatts()).isCloseTo(7.376, within(1e-9)).isCloseTo(it, within(1e-9));
        assertThat(b.power().facilityWatts()).isCloseTo(7.376 * 1.135, within(1e-9));
        assertThat(b.gramsPerHour()).isCloseTo(7.376 * 1.135 * 300 / 1000, within(1e-9)); // 2.5115 g/h
        assertThat(b.embodiedGramsPerHour()).isZero();
        assertThat(b.intensity().source()).isEqualTo("test");
        assertThat(b.power().utilisation()).isEqualTo(0.5);
        assertThat(b.power().pue()).isEqualTo(1.135);
        assertThat(b.formula()).contains("2 vCPU").contains("PUE 1.135").contains("300.0 g/kWh").contains("2.512 g/h");
    }

    @Test
    void providerCoefficientsOfTheContract() {
        PowerModel m = PowerModel.defaults();
        assertThat(m.of(ProviderId.GCP)).extracting(ProviderPower::minWattsPerVcpu, ProviderPower::maxWattsPerVcpu, ProviderPower::pue)
                .containsExactly(0.71, 4.26, 1.1);
        assertThat(m.of(ProviderId.AZURE)).extracting(ProviderPower::minWattsPerVcpu, ProviderPower::maxWattsPerVcpu, ProviderPower::pue)
                .containsExactly(0.78, 3.76, 1.185);
        assertThat(m.of(ProviderId.OVH).basis()).startsWith("assumed");
    }

    @Test
    void utilisationBoundsAndMeasuredWatts() {
        PowerModel m = PowerModel.defaults();
        NodeSpec n = NodeSpec.of(ProviderId.GCP, "europe-west1", 4, 16);
        assertThat(m.estimate(n.withUtilisation(0.0)).itWatts()).isCloseTo(4 * 0.71 + 16 * 0.392, within(1e-9));
        assertThat(m.estimate(n.withUtilisation(1.0)).itWatts()).isCloseTo(4 * 4.26 + 16 * 0.392, within(1e-9));
        assertThat(m.withUtilisation(1.0).estimate(n).utilisation()).isEqualTo(1.0);

        NodeSpec bm = NodeSpec.of(ProviderId.OVH, "GRA", 32, 128).withMeasured(180.0, 1.3);
        CarbonBreakdown b = m.footprint(bm, intensity(33));
        assertThat(b.power().measured()).isTrue();
        assertThat(b.gramsPerHour()).isCloseTo(180 * 1.3 * 33 / 1000, within(1e-9));
        assertThat(b.formula()).contains("measured");
    }

    @Test
    void perProviderOverrideAndEmbodiedOption() {
        PowerModel m = PowerModel.defaults().with(ProviderId.AWS, PowerModel.defaults().of(ProviderId.AWS).withPue(1.2).withEmbodied(0.5));
        CarbonBreakdown b = m.footprint(NodeSpec.of(ProviderId.AWS, "eu-west-1", 2, 8), intensity(100));
        assertThat(b.power().pue()).isEqualTo(1.2);
        assertThat(b.embodiedGramsPerHour()).isCloseTo(1.0, within(1e-9));
        assertThat(b.gramsPerHour()).isCloseTo(7.376 * 1.2 * 0.1 + 1.0, within(1e-9));
        assertThat(b.formula()).contains("embodied");
    }
}
