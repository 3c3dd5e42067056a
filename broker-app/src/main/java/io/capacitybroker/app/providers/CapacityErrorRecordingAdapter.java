package io.capacitybroker.app.providers;

import io.capacitybroker.domain.CapacitySignal;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.OfferKey;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import io.capacitybroker.ingest.CapacityErrors;
import io.capacitybroker.provider.spi.Capabilities;
import io.capacitybroker.provider.spi.OfferFilter;
import io.capacitybroker.provider.spi.OwnedMachine;
import io.capacitybroker.provider.spi.ProviderAdapter;
import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.ProviderNode;
import io.capacitybroker.provider.spi.RentRequest;
import io.capacitybroker.provider.spi.ReleaseOutcome;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every adapter the broker uses is wrapped in this: an "insufficient capacity" answer to a rent marks
 * the pool unavailable for the configured TTL (so the next plans avoid it) before the error goes on
 * to the caller. Everything else passes through unchanged.
 */
public final class CapacityErrorRecordingAdapter implements ProviderAdapter {

    private static final Logger log = LoggerFactory.getLogger(CapacityErrorRecordingAdapter.class);

    private final ProviderAdapter delegate;
    private final CapacityErrors capacityErrors;
    private final Clock clock;

    public CapacityErrorRecordingAdapter(ProviderAdapter delegate, CapacityErrors capacityErrors, Clock clock) {
        this.delegate = delegate;
        this.capacityErrors = capacityErrors;
        this.clock = clock;
    }

    public ProviderAdapter delegate() {
        return delegate;
    }

    @Override
    public ProviderNode rent(RentRequest request) {
        try {
            return delegate.rent(request);
        } catch (ProviderException.CapacityUnavailable e) {
            String source = "rent:" + e.vendorCode().orElse(e.code());
            try {
                capacityErrors.record(request.offer(), clock.instant(), source);
                log.info("pool {} unavailable for {} after {}", request.offer().id(), capacityErrors.ttl(), source);
            } catch (RuntimeException recordFailure) {
                e.addSuppressed(recordFailure);
            }
            throw e;
        }
    }

    @Override
    public ProviderId provider() {
        return delegate.provider();
    }

    @Override
    public Capabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public List<Region> regions() {
        return delegate.regions();
    }

    @Override
    public List<Offer> listOffers(OfferFilter filter) {
        return delegate.listOffers(filter);
    }

    @Override
    public List<CapacitySignal> capacitySignals(Collection<OfferKey> pools) {
        return delegate.capacitySignals(pools);
    }

    @Override
    public ReleaseOutcome release(String nodeId) {
        return delegate.release(nodeId);
    }

    @Override
    public List<ProviderNode> listNodes() {
        return delegate.listNodes();
    }

    @Override
    public List<OwnedMachine> listOwnedMachines() {
        return delegate.listOwnedMachines();
    }

    @Override
    public String toString() {
        return "CapacityErrorRecording[" + delegate + "]";
    }
}
