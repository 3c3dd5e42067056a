package io.capacitybroker.provider.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.capacitybroker.domain.Market;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.Region;
import io.capacitybroker.provider.spi.OfferFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reads the real Compute Engine and Cloud Billing APIs (run with {@code -Plive}). Needs
 * {@code GOOGLE_CLOUD_PROJECT} and Application Default Credentials ({@code GOOGLE_APPLICATION_CREDENTIALS}
 * naming a key file, or gcloud's application-default login); skips itself otherwise. Read-only: it rents
 * nothing. {@code GCP_LIVE_REGION} (default us-central1) limits the listing to one region.
 */
@Tag("live")
class GcpLiveTest {

    GcpProviderAdapter adapter;
    String region;

    @BeforeEach
    void setUp() {
        String project = System.getenv("GOOGLE_CLOUD_PROJECT");
        Assumptions.assumeTrue(project != null && !project.isBlank(), "GOOGLE_CLOUD_PROJECT is not set");
        Assumptions.assumeTrue(hasApplicationDefaultCredentials(), "no Application Default Credentials found");
        region = System.getenv().getOrDefault("GCP_LIVE_REGION", "us-central1");
        adapter = new GcpProviderAdapter(GcpConfig.forProject(project).withRegions(Set.of(region)));
    }

    @AfterEach
    void tearDown() {
        if (adapter != null) {
            adapter.close();
        }
    }

    static boolean hasApplicationDefaultCredentials() {
        String file = System.getenv("GOOGLE_APPLICATION_CREDENTIALS");
        if (file != null && !file.isBlank()) {
            return Files.isReadable(Path.of(file));
        }
        String config = System.getenv("CLOUDSDK_CONFIG");
        Path dir = config != null && !config.isBlank() ? Path.of(config)
                : Path.of(System.getProperty("user.home"), ".config", "gcloud");
        return Files.isReadable(dir.resolve("application_default_credentials.json"));
    }

    @Test
    void listsTheConfiguredRegion() {
        List<Region> regions = adapter.regions();
        assertThat(regions).extracting(Region::code).containsExactly(region);
    }

    @Test
    void pricesCommonMachineTypesOnBothMarkets() {
        List<Offer> offers = adapter.listOffers(OfferFilter.all());

        assertThat(offers).isNotEmpty();
        assertThat(offers).anySatisfy(o -> {
            assertThat(o.key().instanceType()).isEqualTo("e2-standard-2");
            assertThat(o.key().market()).isEqualTo(Market.ON_DEMAND);
            // list price is a few US cents per hour; a wide band catches unit mistakes (per month, per GB…)
            assertThat(o.price().pricePerHour().amount().doubleValue()).isBetween(0.02, 0.2);
        });
        assertThat(offers).anySatisfy(o -> assertThat(o.key().market()).isEqualTo(Market.SPOT));
        assertThat(offers).allSatisfy(o -> {
            assertThat(o.key().region()).isEqualTo(region);
            assertThat(o.price().pricePerHour().currency().getCurrencyCode()).isEqualTo("USD");
        });
        System.out.println("live refresh: " + adapter.lastRefreshStats());
    }
}
