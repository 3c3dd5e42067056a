package io.capacitybroker.provider.gcp;

import io.capacitybroker.provider.spi.ProviderAdapter;
import io.capacitybroker.provider.spi.ProviderAdapterContractTest;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The SPI contract, with the adapter reading the local fake's REST wire format. */
class GcpContractTest extends ProviderAdapterContractTest {

    static GcpFake fake;

    @BeforeAll
    static void start() {
        fake = new GcpFake();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @AfterEach
    void closeAdapter() {
        if (adapter instanceof GcpProviderAdapter gcp) {
            gcp.close();
        }
    }

    @Override
    protected ProviderAdapter createAdapter() {
        fake.server.resetAll();
        fake.serveCatalog();
        return new GcpProviderAdapter(fake.config().withRegions(Set.of("us-central1", "europe-west4")), Clock.systemUTC(),
                new RetryPolicy(3, Duration.ZERO, Duration.ZERO, d -> { }));
    }
}
