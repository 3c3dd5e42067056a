package io.capacitybroker.app.ingest;

import io.capacitybroker.ingest.PriceIngestor;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code broker.ingest.*}: whether this instance schedules the refresh jobs, how often each provider
 * is refreshed ({@code interval}, overridden per provider in {@code intervals.<provider>}), and how long
 * an "insufficient capacity" answer keeps a pool out of new plans ({@code capacity-error-ttl}), and how
 * long the stored catalog an instance keeps in memory for change detection is trusted before it is read
 * back ({@code max-catalog-age}; it is read back anyway when another instance refreshed the provider).
 */
@ConfigurationProperties("broker.ingest")
public record IngestProperties(Boolean enabled, Duration interval, Map<String, Duration> intervals,
                               Duration capacityErrorTtl, Duration maxCatalogAge) {

    public IngestProperties {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        interval = interval == null ? Duration.ofMinutes(10) : interval;
        intervals = intervals == null ? Map.of() : Map.copyOf(intervals);
        capacityErrorTtl = capacityErrorTtl == null ? Duration.ofMinutes(15) : capacityErrorTtl;
        maxCatalogAge = maxCatalogAge == null ? PriceIngestor.DEFAULT_MAX_CATALOG_AGE : maxCatalogAge;
        if (maxCatalogAge.isNegative()) {
            throw new IllegalArgumentException("broker.ingest.max-catalog-age must be >= 0");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("broker.ingest.interval must be > 0");
        }
        intervals.forEach((p, d) -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("broker.ingest.intervals." + p + " must be > 0");
            }
        });
    }

    public Duration intervalFor(String provider) {
        return intervals.getOrDefault(provider, interval);
    }
}
