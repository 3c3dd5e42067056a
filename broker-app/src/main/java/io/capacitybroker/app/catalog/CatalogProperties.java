package io.capacitybroker.app.catalog;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How old a price may get before the broker calls it stale ({@code broker.catalog.stale-after}, with
 * per-provider overrides in {@code broker.catalog.stale-after-by-provider}).
 */
@ConfigurationProperties("broker.catalog")
public record CatalogProperties(Duration staleAfter, Map<String, Duration> staleAfterByProvider) {

    public CatalogProperties {
        staleAfter = staleAfter == null ? Duration.ofHours(2) : staleAfter;
        staleAfterByProvider = staleAfterByProvider == null ? Map.of() : Map.copyOf(staleAfterByProvider);
    }

    public Duration staleAfter(String provider) {
        return staleAfterByProvider.getOrDefault(provider, staleAfter);
    }
}
