package io.capacitybroker.provider.ovh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capacitybroker.domain.Region;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Config defaults and environment binding, locations, the rate limiter, catalog price parsing. */
class OvhSupportTest {

    @Test
    void defaultsAreSensible() {
        OvhConfig c = OvhConfig.defaults();
        assertThat(c.baseUrl()).isEqualTo("https://eu.api.ovh.com/1.0");
        assertThat(c.subsidiary()).isEqualTo("FR");
        assertThat(c.regions()).isEmpty();
        assertThat(c.maxAttempts()).isEqualTo(4);
        assertThat(c.requestsPerSecond()).isEqualTo(10.0);
        assertThat(c.hasCredentials()).isFalse();
        assertThat(c.withEndpoint("ovh-ca").baseUrl()).isEqualTo("https://ca.api.ovh.com/1.0");
        assertThatThrownBy(() -> c.withEndpoint("ftp://x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheEnvironmentWithTheOfficialVariableNames() {
        OvhConfig c = OvhConfig.fromEnvironment(Map.of(
                "OVH_ENDPOINT", "ovh-us", "OVH_APPLICATION_KEY", "ak", "OVH_APPLICATION_SECRET", "as",
                "OVH_CONSUMER_KEY", "ck", "OVH_CLOUD_PROJECT_SERVICE", "p1", "OVH_SUBSIDIARY", "us",
                "OVH_REGIONS", "US-EAST-VA-1, US-WEST-OR-1", "OVH_FX_RATE", "EUR:1.08:2026-11-20"));
        assertThat(c.baseUrl()).isEqualTo("https://api.us.ovhcloud.com/1.0");
        assertThat(c.hasCredentials()).isTrue();
        assertThat(c.projectId()).isEqualTo("p1");
        assertThat(c.subsidiary()).isEqualTo("US");
        assertThat(c.regions()).containsExactly("US-EAST-VA-1", "US-WEST-OR-1");
        assertThat(c.fxRate().usdPerUnit()).isEqualByComparingTo("1.08");
        assertThat(c.toString()).doesNotContain("=as").doesNotContain("=ck");
    }

    @Test
    void sitesAreResolvedFromRegionAndDatacenterCodes() {
        assertThat(OvhLocations.siteOf("GRA11")).isEqualTo("GRA");
        assertThat(OvhLocations.siteOf("gra3")).isEqualTo("GRA");
        assertThat(OvhLocations.siteOf("EU-WEST-PAR")).isEqualTo("PAR");
        assertThat(OvhLocations.siteOf("UK1")).isEqualTo("UK");
        Region bhs = OvhLocations.region("BHS5");
        assertThat(bhs.country()).isEqualTo("Canada");
        assertThat(bhs.gridZone()).isEqualTo("CA-QC");
        Region unknown = OvhLocations.region("XYZ1");
        assertThat(unknown.location()).isNull();
        assertThat(unknown.code()).isEqualTo("XYZ1");
    }

    @Test
    void catalogPricesAreIn1e8UnitsOfTheCurrency() {
        OvhCatalog c = OvhCatalog.parse(OvhFake.json(OvhFake.fixture("ovh-order-catalog-public-cloud.json")), "x");
        assertThat(c.currency()).isEqualTo("EUR");
        assertThat(c.addons().get("b3-8.consumption").hourlyPrice()).isEqualByComparingTo("0.047");
        assertThat(c.addons().get("c3-4.consumption").hourlyPrice()).isEqualByComparingTo("0.0436");
        assertThat(c.addons()).doesNotContainKey("b3-8.monthly.postpaid"); // monthly only
    }

    @Test
    void memoryUnitsAreBinary() {
        assertThat(OvhProviderAdapter.memoryGiB(OvhFake.json("{\"unit\":\"MB\",\"value\":65536}"))).isEqualByComparingTo("64");
        assertThat(OvhProviderAdapter.memoryGiB(OvhFake.json("{\"unit\":\"GB\",\"value\":96}"))).isEqualByComparingTo("96");
        assertThat(OvhProviderAdapter.memoryGiB(OvhFake.json("{\"unit\":\"TB\",\"value\":1}"))).isEqualByComparingTo("1024");
        assertThat(OvhProviderAdapter.memoryGiB(OvhFake.json("{\"unit\":\"furlong\",\"value\":1}"))).isNull();
    }
}
