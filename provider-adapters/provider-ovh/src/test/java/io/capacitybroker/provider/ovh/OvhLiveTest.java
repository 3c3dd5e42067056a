package io.capacitybroker.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;

import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.Region;
import io.capacitybroker.provider.spi.OfferFilter;
import io.capacitybroker.provider.spi.OwnedMachine;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Against the real OVHcloud API; only with {@code -Plive}. Needs OVH_APPLICATION_KEY, OVH_APPLICATION_SECRET,
 * OVH_CONSUMER_KEY (and OVH_ENDPOINT unless ovh-eu); offers also need OVH_CLOUD_PROJECT_SERVICE and, for a
 * non-USD subsidiary, OVH_FX_RATE. Skips itself when they are absent. Read-only calls only.
 */
@Tag("live")
class OvhLiveTest {

    private OvhConfig config;

    @BeforeEach
    void credentials() {
        config = OvhConfig.fromEnvironment();
        Assumptions.assumeTrue(config.hasCredentials(), "OVHcloud credentials are not in the environment");
    }

    @Test
    void listsRegionsAndOffersOfTheProject() {
        Assumptions.assumeTrue(config.projectId() != null, "OVH_CLOUD_PROJECT_SERVICE is not set");
        Assumptions.assumeTrue(config.fxRate() != null || "US".equals(config.subsidiary()), "OVH_FX_RATE is not set");
        try (OvhProviderAdapter adapter = new OvhProviderAdapter(config)) {
            List<Region> regions = adapter.regions();
            assertThat(regions).isNotEmpty();
            List<Offer> offers = adapter.listOffers(new OfferFilter(Set.of(regions.get(0).code()), Set.of(), Set.of()));
            assertThat(offers).isNotEmpty().allSatisfy(o -> {
                assertThat(o.price().pricePerHour().currency().getCurrencyCode()).isEqualTo("USD");
                assertThat(o.shape().vcpus().signum()).isPositive();
            });
        }
    }

    @Test
    void listsTheDedicatedServers() {
        try (OvhProviderAdapter adapter = new OvhProviderAdapter(config)) {
            List<OwnedMachine> machines = adapter.listOwnedMachines();
            assertThat(machines).allSatisfy(m -> assertThat(m.shape().vcpus().signum()).isPositive());
        }
    }
}
