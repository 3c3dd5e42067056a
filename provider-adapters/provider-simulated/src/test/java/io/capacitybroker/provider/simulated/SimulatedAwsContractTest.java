package io.capacitybroker.provider.simulated;

import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.provider.spi.ProviderAdapter;
import io.capacitybroker.provider.spi.ProviderAdapterContractTest;
import java.time.Duration;
import java.time.Instant;

/** The provider SPI contract, against the simulated AWS adapter. */
class SimulatedAwsContractTest extends ProviderAdapterContractTest {

    private SimulationClock clock;

    @Override
    protected ProviderAdapter createAdapter() {
        clock = SimulationClock.startingAt(Instant.parse("2026-09-01T12:00:00Z"));
        return new SimulatedCloud(SimulationConfig.defaults(), clock).adapter(ProviderId.AWS);
    }

    @Override
    protected void letTimePass() {
        clock.advance(Duration.ofMinutes(5));
    }
}
