package io.capacitybroker.provider.ovh;

import io.capacitybroker.provider.spi.ProviderAdapter;
import io.capacitybroker.provider.spi.ProviderAdapterContractTest;
import org.junit.jupiter.api.AfterAll;

/** The shared SPI contract, against the local OVHcloud fake. */
class OvhContractTest extends ProviderAdapterContractTest {

    private static OvhFake fake;

    @Override
    protected ProviderAdapter createAdapter() {
        if (fake == null) {
            fake = new OvhFake();
        } else {
            fake.reset();
        }
        return fake.adapter();
    }

    @AfterAll
    static void stopFake() {
        if (fake != null) {
            fake.close();
            fake = null;
        }
    }
}
