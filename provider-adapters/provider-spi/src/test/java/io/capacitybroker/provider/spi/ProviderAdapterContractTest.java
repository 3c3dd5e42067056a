package io.capacitybroker.provider.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.capacitybroker.domain.Market;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.OfferKey;
import io.capacitybroker.domain.Region;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ProviderAdapter} must show, whatever cloud is behind it. Each adapter
 * module extends this class (against its in-process simulation, or its vendor's wire format served by
 * a local fake) and only says how to build the adapter.
 */
public abstract class ProviderAdapterContractTest {

    protected ProviderAdapter adapter;

    /** A fresh adapter, talking to a fresh fake, for every test. */
    protected abstract ProviderAdapter createAdapter();

    /** Lets time pass for the adapter (e.g. a simulated clock); default does nothing. */
    protected void letTimePass() {
    }

    @BeforeEach
    void setUpAdapter() {
        adapter = createAdapter();
    }

    @Test
    void everyUnsupportedCapabilityHasAReason() {
        Capabilities caps = adapter.capabilities();
        assertThat(caps).isNotNull();
        caps.unsupported().forEach((cap, reason) -> assertThat(reason).as("reason for %s", cap).isNotBlank());
    }

    @Test
    void offersBelongToTheAdapterAreUniqueAndWellFormed() {
        Assumptions.assumeTrue(adapter.capabilities().supports(Capability.LIST_OFFERS));
        List<Offer> offers = adapter.listOffers(OfferFilter.all());
        assertThat(offers).isNotEmpty();
        Set<String> regionCodes = adapter.regions().stream().map(Region::code).collect(Collectors.toSet());
        Set<OfferKey> seen = new HashSet<>();
        for (Offer o : offers) {
            assertThat(o.key().provider()).isEqualTo(adapter.provider());
            assertThat(seen.add(o.key())).as("duplicate offer %s", o.key().id()).isTrue();
            assertThat(o.price().pricePerHour().amount().signum()).isGreaterThanOrEqualTo(0);
            assertThat(o.price().source()).isNotBlank();
            assertThat(o.price().fetchedAt()).isNotNull();
            assertThat(regionCodes).as("regions() must list the region of %s", o.key().id()).contains(o.key().region());
            if (o.key().market() == Market.ON_DEMAND) {
                assertThat(o.interruptionRate().orElse(0)).isZero();
            }
            if (o.key().market() == Market.SPOT) {
                assertThat(adapter.capabilities().supports(Capability.SPOT_PRICES)).isTrue();
            }
        }
    }

    @Test
    void filterNarrowsTheListing() {
        Assumptions.assumeTrue(adapter.capabilities().supports(Capability.LIST_OFFERS));
        Offer any = adapter.listOffers(OfferFilter.all()).get(0);
        OfferFilter filter = new OfferFilter(Set.of(any.key().region()), Set.of(any.key().market()), Set.of());
        List<Offer> narrowed = adapter.listOffers(filter);
        assertThat(narrowed).isNotEmpty().allSatisfy(o -> {
            assertThat(o.key().region()).isEqualTo(any.key().region());
            assertThat(o.key().market()).isEqualTo(any.key().market());
        });
    }

    @Test
    void rentIsIdempotentOnTheLeaseId() {
        Offer offer = rentableOffer().orElse(null);
        Assumptions.assumeTrue(offer != null, "no rentable offer");
        String lease = "contract-" + UUID.randomUUID().toString().substring(0, 8);
        ProviderNode first = adapter.rent(RentRequest.of(lease, offer.key()));
        ProviderNode again = adapter.rent(RentRequest.of(lease, offer.key()));
        assertThat(again.nodeId()).isEqualTo(first.nodeId());
        assertThat(first.offer()).isEqualTo(offer.key());
        assertThat(first.state().isGone()).isFalse();
        long withLease = adapter.listNodes().stream().filter(n -> lease.equals(n.leaseId())).count();
        assertThat(withLease).isEqualTo(1);
    }

    @Test
    void releasedNodesLeaveTheListingAndReleaseIsIdempotent() {
        Offer offer = rentableOffer().orElse(null);
        Assumptions.assumeTrue(offer != null, "no rentable offer");
        ProviderNode node = adapter.rent(RentRequest.of("contract-rel-" + UUID.randomUUID().toString().substring(0, 8),
                offer.key()));
        letTimePass();
        assertThat(adapter.listNodes()).extracting(ProviderNode::nodeId).contains(node.nodeId());

        assertThat(adapter.release(node.nodeId())).isEqualTo(ReleaseOutcome.RELEASED);
        letTimePass();
        assertThat(adapter.listNodes()).extracting(ProviderNode::nodeId).doesNotContain(node.nodeId());
        assertThat(adapter.release(node.nodeId())).isEqualTo(ReleaseOutcome.ALREADY_GONE);
    }

    @Test
    void releasingAnUnknownNodeIsASuccess() {
        Assumptions.assumeTrue(adapter.capabilities().supports(Capability.RELEASE));
        assertThat(adapter.release("never-existed-" + UUID.randomUUID())).isEqualTo(ReleaseOutcome.ALREADY_GONE);
    }

    @Test
    void rentingAnUnknownPoolFailsWithATypedNonRetryableError() {
        Assumptions.assumeTrue(adapter.capabilities().supports(Capability.RENT_ON_DEMAND));
        Region region = adapter.regions().get(0);
        OfferKey bogus = new OfferKey(adapter.provider(), region.code(), null, "no-such-type-42", Market.ON_DEMAND);
        assertThatThrownBy(() -> adapter.rent(RentRequest.of("contract-bogus", bogus)))
                .isInstanceOfAny(ProviderException.InvalidRequest.class, ProviderException.NotFound.class)
                .satisfies(e -> assertThat(((ProviderException) e).retryable()).isFalse());
    }

    @Test
    void missingCapabilitiesFailWithUnsupported() {
        Capabilities caps = adapter.capabilities();
        if (!caps.supports(Capability.RENT_SPOT)) {
            Optional<Offer> any = adapter.capabilities().supports(Capability.LIST_OFFERS)
                    ? adapter.listOffers(OfferFilter.all()).stream().findFirst() : Optional.empty();
            Assumptions.assumeTrue(any.isPresent());
            OfferKey k = any.get().key();
            OfferKey spot = new OfferKey(k.provider(), k.region(), k.zone(), k.instanceType(), Market.SPOT);
            assertThatThrownBy(() -> adapter.rent(RentRequest.of("contract-nospot", spot)))
                    .isInstanceOf(ProviderException.class);
        }
        if (!caps.supports(Capability.LIST_OWNED)) {
            assertThatThrownBy(() -> adapter.listOwnedMachines()).isInstanceOf(ProviderException.Unsupported.class);
        }
        if (!caps.supports(Capability.CAPACITY_SIGNALS)) {
            assertThatThrownBy(() -> adapter.capacitySignals(List.of())).isInstanceOf(ProviderException.Unsupported.class);
        }
    }

    @Test
    void capacitySignalsReferToKnownPools() {
        Assumptions.assumeTrue(adapter.capabilities().supports(Capability.CAPACITY_SIGNALS));
        Offer offer = adapter.listOffers(OfferFilter.all()).get(0);
        assertThat(adapter.capacitySignals(List.of(offer.key())))
                .allSatisfy(s -> assertThat(s.offer()).isEqualTo(offer.key()));
    }

    /** The cheapest on-demand offer (or any offer) the adapter can rent, if it can rent at all. */
    protected Optional<Offer> rentableOffer() {
        Capabilities caps = adapter.capabilities();
        if (!caps.supports(Capability.LIST_OFFERS)) {
            return Optional.empty();
        }
        return adapter.listOffers(OfferFilter.all()).stream()
                .filter(o -> o.key().market() == Market.ON_DEMAND ? caps.supports(Capability.RENT_ON_DEMAND)
                        : caps.supports(Capability.RENT_SPOT))
                .filter(o -> o.available().orElse(1) > 0)
                .min((a, b) -> a.price().pricePerHour().compareTo(b.price().pricePerHour()));
    }
}
