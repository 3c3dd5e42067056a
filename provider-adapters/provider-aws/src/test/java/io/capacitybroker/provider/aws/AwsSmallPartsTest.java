package io.capacitybroker.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capacitybroker.domain.Market;
import io.capacitybroker.domain.OfferKey;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.provider.spi.Capability;
import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.RentRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Config, rate limiter, parsers and the unsupported actuation methods. */
class AwsSmallPartsTest {

    @Test
    void configToStringNeverShowsSecrets() {
        AwsAdapterConfig cfg = AwsAdapterConfig.defaults()
                .withCredentials(new AwsAdapterConfig.StaticCredentials("AKIAEXAMPLEKEY123", "wJalrXUtnFEMI/SECRET", "SESSIONTOKEN"));
        assertThat(cfg.toString()).doesNotContain("wJalrXUtnFEMI", "SESSIONTOKEN", "EXAMPLEKEY123").contains("AKIA***");
        try (AwsProviderAdapter a = new AwsProviderAdapter(cfg)) {
            assertThat(a.toString()).doesNotContain("wJalrXUtnFEMI", "SESSIONTOKEN");
        }
    }

    @Test
    void configDefaultsAndValidation() {
        AwsAdapterConfig d = AwsAdapterConfig.defaults();
        assertThat(d.regions()).isEmpty();
        assertThat(d.homeRegion()).isEqualTo("us-east-1");
        assertThat(d.pricingRegion()).isEqualTo("us-east-1");
        assertThat(d.ec2Endpoint()).isNull();
        assertThat(d.credentials()).isNull();
        assertThat(d.maxAttempts()).isEqualTo(4);
        assertThat(d.spotAdvisorUrl()).isEqualTo(AwsAdapterConfig.DEFAULT_SPOT_ADVISOR_URL);
        assertThatThrownBy(() -> d.withRetry(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withRequestsPerSecond(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withTimeouts(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        AwsAdapterConfig nulls = new AwsAdapterConfig(null, null, null, null, null, null, null, null, null, 1, null, null, 0, 1, 1, 0);
        assertThat(nulls.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(nulls.regions()).isEmpty();
    }

    @Test
    void advisorBandsBecomeHourlyRates() {
        assertThat(SpotAdvisor.bandMidPoint("<5%")).isCloseTo(0.025, Offset.offset(1e-12));
        assertThat(SpotAdvisor.bandMidPoint("5-10%")).isCloseTo(0.075, Offset.offset(1e-12));
        assertThat(SpotAdvisor.bandMidPoint("15-20%")).isCloseTo(0.175, Offset.offset(1e-12));
        assertThat(SpotAdvisor.bandMidPoint(">20%")).isCloseTo(0.25, Offset.offset(1e-12));
        assertThat(SpotAdvisor.bandMidPoint("often")).isNull();
        SpotAdvisor.Data data = SpotAdvisor.parse(AwsWire.fixture("aws-spot-advisor-data.json"), Instant.EPOCH);
        assertThat(data.rate("us-east-1", "c5.xlarge")).isCloseTo(0.125 / 730, Offset.offset(1e-12));
        assertThat(data.rate("us-east-1", "nope")).isNull();
        assertThat(data.rate("eu-west-9", "m5.large")).isNull();
        assertThatThrownBy(() -> SpotAdvisor.parse("{\"x\":1}", Instant.EPOCH)).isInstanceOf(ProviderException.Unavailable.class);
    }

    @Test
    void priceListItemsParse() {
        String item = AwsWire.priceItem("m5.large", "eu-west-1", "0.1070000000", "2026-11-01T00:00:00Z");
        PriceListParser.OnDemandPrice p = PriceListParser.parse(item).orElseThrow();
        assertThat(p.instanceType()).isEqualTo("m5.large");
        assertThat(p.regionCode()).isEqualTo("eu-west-1");
        assertThat(p.usdPerHour()).isEqualByComparingTo("0.107");
        assertThat(p.effectiveDate()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        // no USD price (e.g. China regions quote CNY): no offer
        assertThat(PriceListParser.parse(item.replace("\"USD\"", "\"CNY\""))).isEmpty();
        // a non-hourly unit is not a node-hour price
        assertThat(PriceListParser.parse(item.replace("\"Hrs\"", "\"Quantity\""))).isEmpty();
        assertThat(PriceListParser.parse("{\"product\":{\"attributes\":{}}}")).isEmpty();
    }

    @Test
    void actuationIsUnsupportedWithAReason() {
        URI dead = URI.create("http://127.0.0.1:9");
        try (AwsProviderAdapter a = new AwsProviderAdapter(AwsAdapterConfig.forLocalEndpoints(dead, dead, null))) {
            for (Capability c : List.of(Capability.RENT_SPOT, Capability.RENT_ON_DEMAND, Capability.RELEASE, Capability.LIST_NODES)) {
                assertThat(a.capabilities().reasonUnsupported(c)).contains("actuation arrives with the fleet actuation issue");
            }
            assertThat(a.capabilities().supports(Capability.LIST_OFFERS)).isTrue();
            assertThat(a.capabilities().supports(Capability.SPOT_PRICES)).isTrue();
            assertThat(a.capabilities().supports(Capability.ON_DEMAND_PRICES)).isTrue();
            assertThat(a.capabilities().supports(Capability.CAPACITY_SIGNALS)).isTrue();
            assertThat(a.capabilities().supports(Capability.LIST_OWNED)).isFalse();
            OfferKey k = new OfferKey(ProviderId.AWS, "us-east-1", null, "m5.large", Market.ON_DEMAND);
            assertThatThrownBy(() -> a.rent(RentRequest.of("l1", k))).isInstanceOf(ProviderException.Unsupported.class);
            assertThatThrownBy(() -> a.release("i-1")).isInstanceOf(ProviderException.Unsupported.class);
            assertThatThrownBy(a::listNodes).isInstanceOf(ProviderException.Unsupported.class);
            assertThatThrownBy(a::listOwnedMachines).isInstanceOf(ProviderException.Unsupported.class);
            assertThat(a.provider()).isEqualTo(ProviderId.AWS);
        }
    }
}
