package io.capacitybroker.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AzureConfigTest {

    @Test
    void defaultsAreSensible() {
        AzureConfig c = AzureConfig.defaults();
        assertThat(c.retailPricesBaseUrl()).isEqualTo(URI.create("https://prices.azure.com"));
        assertThat(c.resourceManagerEndpoint()).isEqualTo(URI.create("https://management.azure.com/"));
        assertThat(c.armAuthentication()).isTrue();
        assertThat(c.maxAttempts()).isEqualTo(4);
        assertThat(c.requestsPerSecond()).isEqualTo(10);
        assertThat(c.regionParallelism()).isEqualTo(4);
        assertThat(c.retailPricesApiVersion()).isEqualTo("2023-01-01-preview");
        assertThat(c.evictionRateWindow()).isEqualTo(Duration.ofDays(28));
        assertThat(c.regions()).isEmpty();
    }

    @Test
    void nullFieldsFromABinderGetDefaults() {
        AzureConfig c = new AzureConfig("s", null, null, null, null, null, null, null, null, 0, null, null, 0, 0, null,
                null, 0, null, null, null);
        assertThat(c.callTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.spotPlacementScores()).isTrue();
        assertThat(c.requestsPerSecond()).isZero();
    }

    @Test
    void toStringRedactsIdentifiers() {
        AzureConfig c = AzureConfig.defaults().withSubscriptionId("11111111-2222-3333-4444-555566667777");
        assertThat(c.toString()).doesNotContain("11111111-2222").contains("****7777");
    }

    @Test
    void unauthenticatedArmOnlyForLoopbackFakes() {
        assertThat(AzureConfig.defaults().withLocalFake(URI.create("http://127.0.0.1:8080")).armAuthentication())
                .isFalse();
        assertThatThrownBy(() -> AzureConfig.defaults().withLocalFake(URI.create("http://management.example.com")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokensAreOnlySentOverHttps() {
        assertThatThrownBy(() -> new AzureConfig("s", null, null, null, URI.create("http://127.0.0.1:1/"), true, null,
                null, null, 0, null, null, 0, 0, null, null, 0, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    }

    @Test
    void regionNamesAreValidated() {
        List<String> regions = new ArrayList<>(List.of(" WestEurope "));
        assertThat(AzureConfig.forRegions(regions).regions()).containsExactly("westeurope");
        assertThatThrownBy(() -> AzureConfig.forRegions(List.of("west' or 1 eq 1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
