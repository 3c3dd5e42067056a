package io.capacitybroker.provider.spi;

import io.capacitybroker.domain.CapacitySignal;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.OfferKey;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import java.util.Collection;
import java.util.List;

/**
 * What the broker needs from one provider, and nothing more. One implementation per provider
 * (plus the in-process simulated cloud); adapters never see each other.
 *
 * <p>Every method either returns or throws a {@link ProviderException}: vendor SDK exceptions never
 * leave an adapter. Methods whose capability is missing throw {@link ProviderException.Unsupported}.
 * Adapters page through vendor listings themselves and respect the vendor's rate limits.
 */
public interface ProviderAdapter {

    ProviderId provider();

    /** What this adapter can do, with a reason for everything it cannot. */
    Capabilities capabilities();

    /** The regions this adapter knows, with location and grid zone where known. */
    List<Region> regions();

    /**
     * Every offer (pool) matching the filter with its current price and provenance.
     * Requires {@link Capability#LIST_OFFERS}.
     */
    List<Offer> listOffers(OfferFilter filter);

    /** Capacity signals for the given pools (all known pools when empty). Requires {@link Capability#CAPACITY_SIGNALS}. */
    List<CapacitySignal> capacitySignals(Collection<OfferKey> pools);

    /**
     * Rents one node. Idempotent on {@link RentRequest#leaseId()}: asking again with the same lease id
     * returns the node of the first call instead of renting a second one.
     *
     * @throws ProviderException.CapacityUnavailable when the pool has no capacity now
     */
    ProviderNode rent(RentRequest request);

    /**
     * Gives a node back. Idempotent: releasing a node that is already gone (or never existed) is a
     * success and returns {@link ReleaseOutcome#ALREADY_GONE}.
     */
    ReleaseOutcome release(String nodeId);

    /** The nodes this broker rented that still exist (pending, running or stopping). */
    List<ProviderNode> listNodes();

    /** The owned machines (e.g. bare-metal servers) that form the baseline. Requires {@link Capability#LIST_OWNED}. */
    List<OwnedMachine> listOwnedMachines();
}
