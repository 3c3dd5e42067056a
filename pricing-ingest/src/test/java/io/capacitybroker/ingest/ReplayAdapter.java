package io.capacitybroker.ingest;

import io.capacitybroker.domain.CapacitySignal;
import io.capacitybroker.domain.Money;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.OfferKey;
import io.capacitybroker.domain.PriceQuote;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import io.capacitybroker.provider.spi.Capabilities;
import io.capacitybroker.provider.spi.Capability;
import io.capacitybroker.provider.spi.OfferFilter;
import io.capacitybroker.provider.spi.OwnedMachine;
import io.capacitybroker.provider.spi.ProviderAdapter;
import io.capacitybroker.provider.spi.ProviderNode;
import io.capacitybroker.provider.spi.ReleaseOutcome;
import io.capacitybroker.provider.spi.RentRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Lists a fixed catalog: for tests and the benchmark, which look at the database side, not at a provider. */
public record ReplayAdapter(ProviderId provider, List<Region> regions, List<Offer> offers) implements ProviderAdapter {

    @Override
    public Capabilities capabilities() {
        return Capabilities.all().without(Capability.CAPACITY_SIGNALS, "replay of a fixed catalog");
    }

    @Override
    public List<Offer> listOffers(OfferFilter filter) {
        return offers;
    }

    @Override
    public List<CapacitySignal> capacitySignals(Collection<OfferKey> pools) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ProviderNode rent(RentRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ReleaseOutcome release(String nodeId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ProviderNode> listNodes() {
        return List.of();
    }

    @Override
    public List<OwnedMachine> listOwnedMachines() {
        return List.of();
    }

    /** The same catalog listing {@code offers} instead. */
    public ReplayAdapter listing(List<Offer> offers) {
        return new ReplayAdapter(provider, regions, offers);
    }

    /**
     * A copy of the catalog fetched at {@code at} where the given share of offers (every k-th) has a new
     * price, observed at {@code at}, raised by {@code salt} × 0.0001.
     */
    public static List<Offer> reprice(List<Offer> offers, Instant at, int salt, double share) {
        List<Offer> out = new ArrayList<>(offers.size());
        int every = (int) Math.round(1 / share);
        for (int i = 0; i < offers.size(); i++) {
            Offer o = offers.get(i);
            PriceQuote p = o.price();
            if (i % every == 0) {
                BigDecimal bumped = p.pricePerHour().amount().add(new BigDecimal("0.0001").multiply(BigDecimal.valueOf(salt)));
                p = new PriceQuote(Money.usd(bumped), at, at, p.source());
            } else {
                p = new PriceQuote(p.pricePerHour(), p.observedAt(), at, p.source());
            }
            out.add(new Offer(o.key(), o.shape(), p, o.availableNodes(), o.interruptionRatePerHour()));
        }
        return out;
    }
}
