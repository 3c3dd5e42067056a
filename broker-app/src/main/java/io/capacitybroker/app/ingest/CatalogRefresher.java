package io.capacitybroker.app.ingest;

import io.capacitybroker.ingest.IngestResult;
import io.capacitybroker.ingest.OwnedMachineSync;
import io.capacitybroker.ingest.PriceIngestor;
import io.capacitybroker.provider.spi.ProviderAdapter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Refreshes every configured provider's catalog (and, where the provider reports them, its owned
 * machines), one after the other. A provider that fails does not
 * stop the others, and its stored data stays as it was (see {@link PriceIngestor}).
 */
@Service
public class CatalogRefresher {

    private final List<ProviderAdapter> adapters;
    private final PriceIngestor ingestor;
    private final OwnedMachineSync ownedMachines;
    private final RegionZoneSync regionZones;
    private final MeterRegistry meters;

    CatalogRefresher(List<ProviderAdapter> adapters, PriceIngestor ingestor, OwnedMachineSync ownedMachines,
                     RegionZoneSync regionZones, MeterRegistry meters) {
        this.adapters = adapters;
        this.ingestor = ingestor;
        this.ownedMachines = ownedMachines;
        this.regionZones = regionZones;
        this.meters = meters;
    }

    public List<IngestResult> refreshAll() {
        List<IngestResult> results = new ArrayList<>();
        for (ProviderAdapter adapter : adapters) {
            results.add(refresh(adapter));
        }
        return results;
    }

    public IngestResult refresh(ProviderAdapter adapter) {
        IngestResult r = ingestor.refresh(adapter);
        String provider = adapter.provider().code();
        ownedMachines.sync(adapter);
        regionZones.sync(adapter.provider());
        Timer.builder("broker.ingest.duration").description("Duration of one catalog refresh of one provider")
                .tag("provider", provider).tag("outcome", r.succeeded() ? "success" : "failure")
                .register(meters).record(r.took());
        meters.counter("broker.ingest.observations.written", "provider", provider).increment(r.observationsWritten());
        if (!r.succeeded()) {
            meters.counter("broker.ingest.failures", "provider", provider, "error", r.errorCode()).increment();
        }
        return r;
    }

    /** Refreshes the provider with this code; unknown codes are ignored (the job outlived a configuration change). */
    public IngestResult refresh(String providerCode) {
        return adapters.stream().filter(a -> a.provider().code().equals(providerCode)).findFirst()
                .map(this::refresh).orElse(null);
    }

    public List<ProviderAdapter> adapters() {
        return adapters;
    }
}
