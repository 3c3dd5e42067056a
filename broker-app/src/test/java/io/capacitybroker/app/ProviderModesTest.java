package io.capacitybroker.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capacitybroker.app.ingest.CatalogRefresher;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.provider.spi.ProviderAdapter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.context.TestPropertySource;

/** broker.providers.<p>.mode decides which providers the broker uses. */
@TestPropertySource(properties = {"broker.ingest.enabled=false", "broker.providers.azure.mode=off",
        "broker.providers.gcp.mode=OFF "})
class ProviderModesTest extends BrokerIntegrationTest {

    @Autowired
    List<ProviderAdapter> adapters;
    @Autowired
    CatalogRefresher refresher;

    @Test
    void providersSwitchedOffAreNotUsed() {
        assertThat(adapters).extracting(ProviderAdapter::provider).containsExactlyInAnyOrder(ProviderId.AWS, ProviderId.OVH);
        assertThat(refresher.refreshAll()).extracting(r -> r.provider().code()).containsExactlyInAnyOrder("aws", "ovh");
    }

    @Test
    void anUnknownModeIsRefusedNamingTheProperty() {
        MockEnvironment env = new MockEnvironment().withProperty("broker.providers.aws.mode", "maybe");
        assertThatThrownBy(() -> io.capacitybroker.app.providers.ProvidersConfigurationAccess.mode(env, ProviderId.AWS))
                .hasMessageContaining("broker.providers.aws.mode");
    }
}
