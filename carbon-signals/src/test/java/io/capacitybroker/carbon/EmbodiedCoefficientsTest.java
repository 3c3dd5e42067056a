package io.capacitybroker.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.capacitybroker.domain.ProviderId;
import org.junit.jupiter.api.Test;

class EmbodiedCoefficientsTest {

    private final EmbodiedCoefficients ccf = EmbodiedCoefficients.bundled();

    @Test
    void catalogTypeNamesResolve() {
        assertThat(ccf.of(ProviderId.AWS, "a1.medium")).hasValueSatisfying(c -> {
            assertThat(c.family()).isEqualTo("a1");
            assertThat(c.totalKgCo2e()).isEqualTo(1022.21);
        });
        assertThat(ccf.of(ProviderId.AZURE, "Standard_A1_v2")).hasValueSatisfying(c -> assertThat(c.totalKgCo2e()).isEqualTo(1216.62));
        assertThat(ccf.of(ProviderId.GCP, "e2-standard-2")).isPresent();
        assertThat(ccf.of(ProviderId.AWS, "no.such")).isEmpty();
        assertThat(ccf.of(ProviderId.OVH, "a1.medium")).isEmpty();
    }

    @Test
    void shareOfTheServerPerHour() {
        EmbodiedCoefficients.Coefficient c = ccf.of(ProviderId.AWS, "a1.medium").orElseThrow();
        // 1 of 16 vCPUs of a 1022.21 kg server over 4 years
        assertThat(EmbodiedCoefficients.gramsPerHour(c, 1, 16)).isCloseTo(1022.21 * 1000 / 35040 / 16, within(1e-9));
        assertThat(EmbodiedCoefficients.gramsPerHour(c, 32, 16)).isCloseTo(1022.21 * 1000 / 35040, within(1e-9));
    }
}
