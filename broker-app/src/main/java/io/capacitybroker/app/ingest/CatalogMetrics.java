package io.capacitybroker.app.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.capacitybroker.provider.spi.ProviderAdapter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Prometheus gauges of catalog freshness: {@code broker_catalog_age_seconds{provider}} (time since the
 * last successful refresh; NaN before the first) and {@code broker_catalog_offers_active{provider}}.
 * The database is asked at most once per {@link #CACHE_FOR}, whatever the scrape rate.
 */
@Component
public class CatalogMetrics implements MeterBinder {

    static final Duration CACHE_FOR = Duration.ofSeconds(15);

    private final IngestStatus status;
    private final List<ProviderAdapter> adapters;
    private final Clock clock;
    private final AtomicReference<Snapshot> cache = new AtomicReference<>();

    private record Snapshot(Instant takenAt, Map<String, IngestStatus.ProviderFreshness> byProvider) {
    }

    public CatalogMetrics(IngestStatus status, List<ProviderAdapter> adapters, Clock clock) {
        this.status = status;
        this.adapters = adapters;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ProviderAdapter adapter : adapters) {
            String p = adapter.provider().code();
            Gauge.builder("broker.catalog.age", this, m -> m.ageSeconds(p)).baseUnit("seconds")
                    .description("Time since the provider's prices were last refreshed successfully")
                    .tag("provider", p).register(registry);
            Gauge.builder("broker.catalog.offers.active", this, m -> m.activeOffers(p))
                    .description("Offers the provider currently lists").tag("provider", p).register(registry);
        }
    }

    double ageSeconds(String provider) {
        IngestStatus.ProviderFreshness f = snapshot().byProvider().get(provider);
        if (f == null || f.lastSuccessAt() == null) {
            return Double.NaN;
        }
        return Duration.between(f.lastSuccessAt(), clock.instant()).toMillis() / 1000.0;
    }

    double activeOffers(String provider) {
        IngestStatus.ProviderFreshness f = snapshot().byProvider().get(provider);
        return f == null ? 0 : f.activeOffers();
    }

    private Snapshot snapshot() {
        Snapshot s = cache.get();
        Instant now = clock.instant();
        if (s == null || s.takenAt().plus(CACHE_FOR).isBefore(now)) {
            try {
                s = new Snapshot(now, status.byProvider().stream()
                        .collect(Collectors.toMap(IngestStatus.ProviderFreshness::provider, Function.identity())));
                cache.set(s);
            } catch (RuntimeException e) {
                return s == null ? new Snapshot(now, Map.of()) : s;
            }
        }
        return s;
    }
}
