package io.capacitybroker.app.ingest;

import io.capacitybroker.app.catalog.CatalogProperties;
import io.capacitybroker.provider.spi.ProviderAdapter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code catalog}: per configured provider, when its prices were last refreshed, how
 * many offers are active, and whether its data is stale or its last refresh failed. Stale data does not
 * make the broker DOWN (it keeps serving the last good data and says so): the component stays UP with
 * {@code degraded: true} and the reasons listed.
 */
@Component("catalog")
public class CatalogHealthIndicator extends AbstractHealthIndicator {

    private final IngestStatus status;
    private final List<ProviderAdapter> adapters;
    private final CatalogProperties properties;
    private final Clock clock;

    public CatalogHealthIndicator(IngestStatus status, List<ProviderAdapter> adapters, CatalogProperties properties,
                                  Clock clock) {
        super("catalog health check failed");
        this.status = status;
        this.adapters = adapters;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Set<String> configured = adapters.stream().map(a -> a.provider().code()).collect(Collectors.toSet());
        Instant now = clock.instant();
        Map<String, Object> providers = new LinkedHashMap<>();
        boolean degraded = false;
        boolean anyData = false;
        for (IngestStatus.ProviderFreshness f : status.byProvider()) {
            if (!configured.contains(f.provider())) {
                continue;
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("activeOffers", f.activeOffers());
            d.put("lastSuccessAt", f.lastSuccessAt());
            d.put("lastAttemptStatus", f.lastStatus());
            Duration limit = properties.staleAfter(f.provider());
            boolean stale = f.lastSuccessAt() == null || f.lastSuccessAt().plus(limit).isBefore(now);
            if (f.lastSuccessAt() != null) {
                d.put("ageSeconds", Duration.between(f.lastSuccessAt(), now).toSeconds());
                anyData = true;
            }
            d.put("stale", stale);
            if ("failed".equals(f.lastStatus())) {
                d.put("lastError", f.lastError());
            }
            degraded |= stale || "failed".equals(f.lastStatus());
            providers.put(f.provider(), d);
        }
        builder.up().withDetail("providers", providers).withDetail("degraded", degraded);
        if (!anyData) {
            builder.withDetail("note", "no successful catalog refresh yet; the first one starts with the broker");
        }
    }
}
