package io.capacitybroker.app.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capacitybroker.carbon.CarbonConfig;
import io.capacitybroker.carbon.CarbonSource;
import io.capacitybroker.carbon.SignalType;
import io.capacitybroker.domain.ProviderId;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Properties → sources and service configuration, without a Spring context. */
class CarbonConfigurationTest {

    static CarbonProperties props(String policy, CarbonProperties.ElectricityMaps em, CarbonProperties.WattTime wt,
                                  Map<String, CarbonProperties.ProviderPowerProperties> providers,
                                  Map<String, CarbonProperties.OwnedProperties> owned) {
        return new CarbonProperties(null, policy, null, null, null, null, em, wt, null, providers, owned, null);
    }

    @Test
    void withoutKeysOnlyTheStaticSourceRuns() {
        CarbonConfiguration.CarbonSources s = new CarbonConfiguration().carbonSources(props(null, null, null, null, null),
                new MockEnvironment(), Clock.systemUTC());
        assertThat(s.sources()).extracting(CarbonSource::name).containsExactly("electricitymaps-yearly");
        assertThat(s.intervals()).containsEntry("electricitymaps-yearly", Duration.ofHours(24));
    }

    @Test
    void keysFromTheEnvironmentEnableTheLiveSources() {
        MockEnvironment env = new MockEnvironment().withProperty("ELECTRICITYMAPS_TOKEN", "t")
                .withProperty("WATTTIME_USERNAME", "u").withProperty("WATTTIME_PASSWORD", "p");
        CarbonConfiguration.CarbonSources s = new CarbonConfiguration().carbonSources(props(null, null, null, null, null), env,
                Clock.systemUTC());
        assertThat(s.sources()).extracting(CarbonSource::name).containsExactly("electricitymaps-yearly", "electricitymaps", "watttime");
        assertThat(s.intervals()).containsEntry("electricitymaps", Duration.ofHours(1)).containsEntry("watttime", Duration.ofMinutes(15));
    }

    @Test
    void policyPowerModelAndOwnedMachines() {
        CarbonConfig c = CarbonConfiguration.carbonConfig(props("marginal", null, null,
                Map.of("ovh", new CarbonProperties.ProviderPowerProperties(null, null, 1.4, null)),
                Map.of("ovh-gra-bm-01", new CarbonProperties.OwnedProperties(180.0, 1.25))));
        assertThat(c.policy()).isEqualTo(SignalType.MARGINAL);
        assertThat(c.powerModel().of(ProviderId.OVH).pue()).isEqualTo(1.4);
        assertThat(c.powerModel().of(ProviderId.AWS).pue()).isEqualTo(1.135);
        assertThat(c.ownedMachines().get("ovh-gra-bm-01").watts()).isEqualTo(180.0);
        assertThat(c.embodied()).isFalse();
    }

    @Test
    void wattTimeRegionResolutionIsOnByDefaultAndConfigurable() {
        CarbonProperties defaults = props(null, null, null, null, null);
        assertThat(defaults.watttime().resolveRegions()).isTrue();
        assertThat(defaults.watttime().regionRecheck()).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.watttime().noAccessRecheck()).isEqualTo(Duration.ofDays(1));
        assertThat(CarbonConfiguration.carbonConfig(defaults).noAccessRecheck()).isEqualTo(Duration.ofDays(1));
        CarbonProperties.WattTime wt = new CarbonProperties.WattTime("u", "p", null, null, null, false, Duration.ofDays(7),
                Duration.ofHours(6));
        CarbonProperties set = props(null, null, wt, null, null);
        assertThat(set.watttime().resolveRegions()).isFalse();
        assertThat(set.watttime().regionRecheck()).isEqualTo(Duration.ofDays(7));
        assertThat(CarbonConfiguration.carbonConfig(set).noAccessRecheck()).isEqualTo(Duration.ofHours(6));
        assertThatThrownBy(() -> new CarbonProperties.WattTime(null, null, null, null, null, null, Duration.ZERO, null))
                .hasMessageContaining("watttime.region-recheck");
    }

    @Test
    void badPropertiesAreRejected() {
        assertThatThrownBy(() -> props("greenest", null, null, null, null)).hasMessageContaining("average or marginal");
        assertThatThrownBy(() -> new CarbonProperties(null, null, Duration.ZERO, null, null, null, null, null, null, null, null, null))
                .hasMessageContaining("stale-after");
    }
}
