package io.capacitybroker.app.providers;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code broker.simulated.*}: the in-process cloud used when no real provider is configured.
 * {@code seed} makes prices, pool sizes and interruptions reproducible; {@code regions} (optional)
 * limits the catalog to some regions for a smaller demo; {@code advertise-assumed-interruption-rates}
 * (default true) publishes the simulation's assumed spot interruption rate where the vendor publishes
 * none (GCP), labelled as assumed, so that plans price the interruptions the simulation will cause.
 */
@ConfigurationProperties("broker.simulated")
public record SimulatedCloudProperties(Long seed, List<String> regions, Boolean advertiseAssumedInterruptionRates) {

    public SimulatedCloudProperties {
        regions = regions == null ? List.of() : List.copyOf(regions);
        advertiseAssumedInterruptionRates = advertiseAssumedInterruptionRates == null || advertiseAssumedInterruptionRates;
    }
}
