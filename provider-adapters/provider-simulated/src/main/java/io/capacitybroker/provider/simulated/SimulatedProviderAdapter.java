package io.capacitybroker.provider.simulated;

import io.capacitybroker.domain.CapacitySignal;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.OfferKey;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import io.capacitybroker.provider.spi.Capabilities;
import io.capacitybroker.provider.spi.OfferFilter;
import io.capacitybroker.provider.spi.OwnedMachine;
import io.capacitybroker.provider.spi.ProviderAdapter;
import io.capacitybroker.provider.spi.ProviderNode;
import io.capacitybroker.provider.spi.ReleaseOutcome;
import io.capacitybroker.provider.spi.RentRequest;
import java.util.Collection;
import java.util.List;

/**
 * One provider of a {@link SimulatedCloud}, seen through the provider SPI. Get it with
 * {@link SimulatedCloud#adapter(ProviderId)}; all state lives in the cloud.
 */
public final class SimulatedProviderAdapter implements ProviderAdapter {

    private final SimulatedCloud cloud;
    private final Vendor vendor;
    private final Capabilities capabilities;

    SimulatedProviderAdapter(SimulatedCloud cloud, Vendor vendor, Capabilities capabilities) {
        this.cloud = cloud;
        this.vendor = vendor;
        this.capabilities = capabilities;
    }

    /** The vendor's real name, e.g. "Amazon Web Services". */
    public String displayName() {
        return vendor.displayName;
    }

    /** The simulated cloud behind this adapter (for fault injection and time control in tests and demos). */
    public SimulatedCloud cloud() {
        return cloud;
    }

    @Override
    public ProviderId provider() {
        return vendor.id;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public List<Region> regions() {
        return cloud.regions(vendor);
    }

    @Override
    public List<Offer> listOffers(OfferFilter filter) {
        return cloud.listOffers(vendor, capabilities, filter);
    }

    @Override
    public List<CapacitySignal> capacitySignals(Collection<OfferKey> pools) {
        return cloud.capacitySignals(vendor, capabilities, pools);
    }

    @Override
    public ProviderNode rent(RentRequest request) {
        return cloud.rent(vendor, capabilities, request);
    }

    @Override
    public ReleaseOutcome release(String nodeId) {
        return cloud.release(vendor, capabilities, nodeId);
    }

    @Override
    public List<ProviderNode> listNodes() {
        return cloud.listNodes(vendor, capabilities);
    }

    @Override
    public List<OwnedMachine> listOwnedMachines() {
        return cloud.listOwnedMachines(vendor, capabilities);
    }

    @Override
    public String toString() {
        return "SimulatedProviderAdapter[" + vendor.id + ", " + vendor.displayName + "]";
    }
}
