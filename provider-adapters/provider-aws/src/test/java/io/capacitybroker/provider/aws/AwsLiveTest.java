package io.capacitybroker.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.capacitybroker.domain.CapacitySignal;
import io.capacitybroker.domain.Market;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.provider.spi.OfferFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Read-only calls against the real AWS APIs. Excluded by default; run with {@code -Plive}. Credentials come
 * from the SDK's default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY[/AWS_SESSION_TOKEN], AWS_PROFILE,
 * SSO, instance roles); the test skips itself when none is configured. AWS_LIVE_REGION picks the region
 * (default us-east-1). Needs ec2:Describe*, ec2:GetSpotPlacementScores and pricing:GetProducts.
 */
@Tag("live")
class AwsLiveTest {

    AwsProviderAdapter adapter;
    String region;

    @BeforeEach
    void setUp() {
        boolean keys = present("AWS_ACCESS_KEY_ID") && present("AWS_SECRET_ACCESS_KEY");
        boolean profile = present("AWS_PROFILE") || present("AWS_WEB_IDENTITY_TOKEN_FILE")
                || present("AWS_CONTAINER_CREDENTIALS_FULL_URI") || present("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        Assumptions.assumeTrue(keys || profile, "no AWS credentials in the environment");
        region = present("AWS_LIVE_REGION") ? System.getenv("AWS_LIVE_REGION") : "us-east-1";
        adapter = new AwsProviderAdapter(AwsAdapterConfig.defaults().withRegions(List.of(region))
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60)));
    }

    @AfterEach
    void tearDown() {
        if (adapter != null) {
            adapter.close();
        }
    }

    private static boolean present(String name) {
        String v = System.getenv(name);
        return v != null && !v.isBlank();
    }

    @Test
    void listsRealPricesForOneInstanceType() {
        List<Offer> offers = adapter.listOffers(new OfferFilter(Set.of(region), Set.of(), Set.of("m5.large")));
        assertThat(offers).anySatisfy(o -> assertThat(o.key().market()).isEqualTo(Market.ON_DEMAND));
        assertThat(offers).anySatisfy(o -> assertThat(o.key().market()).isEqualTo(Market.SPOT));
        assertThat(offers).allSatisfy(o -> {
            assertThat(o.shape().vcpus()).isEqualByComparingTo("2");
            assertThat(o.shape().memoryGiB()).isEqualByComparingTo("8");
            assertThat(o.price().pricePerHour().amount().signum()).isPositive();
            assertThat(o.price().observedAt()).isBefore(Instant.now().plusSeconds(60));
        });
    }

    @Test
    void readsPlacementScores() {
        Offer spot = adapter.listOffers(new OfferFilter(Set.of(region), Set.of(Market.SPOT), Set.of("m5.large"))).get(0);
        List<CapacitySignal> signals = adapter.capacitySignals(List.of(spot.key()));
        assertThat(signals).filteredOn(s -> s.kind() == CapacitySignal.Kind.PLACEMENT_SCORE)
                .allSatisfy(s -> assertThat(s.value().intValue()).isBetween(1, 10));
    }
}
