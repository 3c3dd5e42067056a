package io.capacitybroker.app.providers;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code broker.simulated.*}: the in-process cloud used when no real provider is configured.
 * {@code seed} makes prices, pool sizes and interruptions reproducible; {@code regions} (optional)
 * limits the catalog to some regions for a smaller demo.
 */
@ConfigurationProperties("broker.simulated")
public record SimulatedCloudProperties(Long seed, List<String> regions) {

    public SimulatedCloudProperties {
        regions = regions == null ? List.of() : List.copyOf(regions);
    }
}
