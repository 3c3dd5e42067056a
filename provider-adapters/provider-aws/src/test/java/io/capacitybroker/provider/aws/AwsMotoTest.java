package io.capacitybroker.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.capacitybroker.domain.Market;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.OfferKey;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import io.capacitybroker.provider.spi.OfferFilter;
import io.capacitybroker.provider.spi.ProviderException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** EC2 calls against moto (real AWS Query wire format and SDK), on-demand prices from WireMock. */
@ExtendWith(MotoServerExtension.class)
class AwsMotoTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    WireMockServer pricing;
    AwsProviderAdapter adapter;

    @BeforeEach
    void setUp() {
        pricing = AwsWire.startWireMock();
        // moto has no Price List service; small moto regions keep the suite fast
        pricing.stubFor(AwsWire.getProducts().willReturn(AwsWire.json(AwsWire.getProducts(List.of(
                AwsWire.priceItem("m5.large", "ca-west-1", "0.1070000000", "2026-11-01T00:00:00Z"),
                AwsWire.priceItem("c5.xlarge", "ca-west-1", "0.1860000000", "2026-11-01T00:00:00Z")), null))));
        URI p = URI.create("http://127.0.0.1:" + pricing.port());
        adapter = new AwsProviderAdapter(AwsAdapterConfig.forLocalEndpoints(MotoServerExtension.endpoint(), p, null)
                .withRegions(List.of("ca-west-1", "me-south-1")).withRetry(2, Duration.ofMillis(1), Duration.ofMillis(1)),
                Clock.fixed(NOW, ZoneOffset.UTC), d -> { });
    }

    @AfterEach
    void tearDown() {
        adapter.close();
        pricing.stop();
    }

    @Test
    void regionsComeFromDescribeRegions() {
        assertThat(adapter.regions()).extracting(Region::code).containsExactly("ca-west-1", "me-south-1");
        assertThat(adapter.regions().get(1).displayName()).isEqualTo("Middle East (Bahrain)");
    }

    @Test
    void shapesAndZonalSpotPricesFromMoto() {
        List<Offer> offers = adapter.listOffers(new OfferFilter(Set.of("ca-west-1"), Set.of(), Set.of("m5.large")));
        Map<String, Offer> byId = offers.stream().collect(Collectors.toMap(o -> o.key().id(), Function.identity()));
        // moto offers m5.large in ca-west-1a, b and c; spot prices are moto's synthetic ones
        assertThat(byId.keySet()).containsExactlyInAnyOrder("aws:ca-west-1:ca-west-1a:m5.large:spot",
                "aws:ca-west-1:ca-west-1b:m5.large:spot", "aws:ca-west-1:ca-west-1c:m5.large:spot",
                "aws:ca-west-1:-:m5.large:on_demand");
        Offer spot = byId.get("aws:ca-west-1:ca-west-1a:m5.large:spot");
        assertThat(spot.shape().vcpus()).isEqualByComparingTo("2");
        assertThat(spot.shape().memoryGiB()).isEqualByComparingTo("8");
        assertThat(spot.shape().architecture()).isEqualTo("amd64");
        assertThat(spot.price().pricePerHour().amount()).isEqualByComparingTo("0.00001");
        assertThat(spot.price().observedAt()).isEqualTo(Instant.parse("2006-01-02T15:04:05Z"));
        assertThat(spot.price().fetchedAt()).isEqualTo(NOW);
        assertThat(byId.get("aws:ca-west-1:-:m5.large:on_demand").price().pricePerHour().amount()).isEqualByComparingTo("0.107");
        assertThat(offers).allSatisfy(o -> assertThat(o.key().instanceType()).isEqualTo("m5.large"));
    }

    @Test
    void wholeRegionsAreListed() {
        List<Offer> offers = adapter.listOffers(new OfferFilter(Set.of("ca-west-1"), Set.of(), Set.of()));
        assertThat(offers.stream().map(o -> o.key().region()).distinct()).containsExactly("ca-west-1");
        // moto has one spot row per (type, AZ) that offers it: 717 in ca-west-1
        assertThat(offers.stream().filter(o -> o.key().market() == Market.SPOT).count()).isGreaterThan(500);
        // the pricing fake knows two ca-west-1 prices
        assertThat(offers).filteredOn(o -> o.key().market() == Market.ON_DEMAND)
                .extracting(o -> o.key().id()).containsExactlyInAnyOrder("aws:ca-west-1:-:m5.large:on_demand",
                        "aws:ca-west-1:-:c5.xlarge:on_demand");
        assertThat(offers).filteredOn(o -> o.key().market() == Market.SPOT)
                .allSatisfy(o -> assertThat(o.key().zone()).startsWith(o.key().region()));
    }

    @Test
    void zoneIdsMapToMotoZoneNames() {
        assertThat(adapter.zoneNames("ca-west-1")).isNotEmpty().allSatisfy((id, name) -> assertThat(name).startsWith("ca-west-1"));
    }

    @Test
    void unimplementedPlacementScoresAreUnavailable() {
        // moto answers GetSpotPlacementScores with HTTP 500 and an HTML body
        assertThatThrownBy(() -> adapter.capacitySignals(List.of(new OfferKey(ProviderId.AWS, "ca-west-1", "ca-west-1a",
                "m5.large", Market.SPOT)))).isInstanceOf(ProviderException.Unavailable.class);
    }
}
