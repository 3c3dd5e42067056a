package io.capacitybroker.provider.azure;

import io.capacitybroker.provider.spi.ProviderAdapter;
import io.capacitybroker.provider.spi.ProviderAdapterContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared SPI contract, against the Azure adapter talking to a local fake of the Azure APIs. */
class AzureContractTest extends ProviderAdapterContractTest {

    private static AzureFake fake;

    @BeforeAll
    static void startFake() {
        fake = new AzureFake();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @Override
    protected ProviderAdapter createAdapter() {
        return fake.reset().stubAll().adapter();
    }
}
