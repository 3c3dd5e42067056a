package io.capacitybroker.provider.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.capacitybroker.domain.CapacitySignal;
import io.capacitybroker.domain.Market;
import io.capacitybroker.domain.Money;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.OfferKey;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import io.capacitybroker.provider.spi.Capability;
import io.capacitybroker.provider.spi.OfferFilter;
import io.capacitybroker.provider.spi.OwnedMachine;
import io.capacitybroker.provider.spi.ProviderAdapter;
import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.ProviderNode;
import io.capacitybroker.provider.spi.ProviderNode.NodeState;
import io.capacitybroker.provider.spi.ReleaseOutcome;
import io.capacitybroker.provider.spi.RentRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulatedCloudTest {

    static final Instant START = Instant.parse("2026-09-01T12:00:00Z");
    static final OfferKey AWS_SPOT = new OfferKey(ProviderId.AWS, "us-east-1", "use1-az4", "m5.large", Market.SPOT);
    /** IF band 1.0 (">20 %" a month). */
    static final OfferKey AWS_SPOT_VOLATILE = new OfferKey(ProviderId.AWS, "us-east-1", "use1-az2", "d2.xlarge",
            Market.SPOT);
    static final OfferKey AWS_OD = new OfferKey(ProviderId.AWS, "us-east-1", null, "m5.large", Market.ON_DEMAND);
    static final OfferKey GCP_SPOT = new OfferKey(ProviderId.GCP, "us-central1", null, "n2-standard-2", Market.SPOT);
    static final OfferKey GCP_OD = new OfferKey(ProviderId.GCP, "us-central1", null, "n2-standard-2", Market.ON_DEMAND);
    static final OfferKey AZURE_OD = new OfferKey(ProviderId.AZURE, "eastus", null, "Standard_D2s_v3",
            Market.ON_DEMAND);

    private final SimulationClock clock = SimulationClock.startingAt(START);

    private SimulatedCloud cloud(SimulationConfig config) {
        return new SimulatedCloud(config, clock);
    }

    private static List<Offer> offers(SimulatedCloud c, ProviderId p, String region) {
        return c.adapter(p).listOffers(new OfferFilter(Set.of(region), Set.of(), Set.of()));
    }

    // ------------------------------------------------------------------ reproducibility

    @Test
    void sameSeedGivesTheSameWorldAndAnotherSeedAnotherOne() {
        SimulationClock otherClock = SimulationClock.startingAt(START);
        SimulatedCloud a = cloud(SimulationConfig.defaults().withSeed(7));
        SimulatedCloud b = new SimulatedCloud(SimulationConfig.defaults().withSeed(7), otherClock);
        SimulatedCloud c = new SimulatedCloud(SimulationConfig.defaults().withSeed(8), otherClock);
        for (int step = 0; step < 3; step++) {
            for (ProviderId p : List.of(ProviderId.AWS, ProviderId.GCP)) {
                String region = p.equals(ProviderId.AWS) ? "us-east-1" : "us-central1";
                assertThat(offers(a, p, region)).isEqualTo(offers(b, p, region));
                List<Offer> seven = offers(a, p, region);
                List<Offer> eight = offers(c, p, region);
                assertThat(eight).hasSameSizeAs(seven);
                long priceDiffs = 0;
                long capacityDiffs = 0;
                for (int i = 0; i < seven.size(); i++) {
                    assertThat(eight.get(i).key()).isEqualTo(seven.get(i).key());
                    if (!seven.get(i).price().pricePerHour().sameValueAs(eight.get(i).price().pricePerHour())) {
                        priceDiffs++;
                    }
                    if (!seven.get(i).available().equals(eight.get(i).available())) {
                        capacityDiffs++;
                    }
                }
                assertThat(priceDiffs).as("spot prices differ between seeds").isGreaterThan(seven.size() / 4);
                assertThat(capacityDiffs).as("pool sizes differ between seeds").isGreaterThan(seven.size() / 2);
            }
            clock.advance(Duration.ofHours(5));
            otherClock.advance(Duration.ofHours(5));
        }
    }

    @Test
    void seededPoolSizesStayInTheConfiguredRangeAndSomePoolsAreSmallOrEmpty() {
        SimulatedCloud c = cloud(SimulationConfig.defaults());
        List<Offer> all = c.adapter(ProviderId.GCP).listOffers(OfferFilter.all());
        assertThat(all).allSatisfy(o -> assertThat(o.availableNodes()).isBetween(0, 40));
        double empty = all.stream().filter(o -> o.availableNodes() == 0).count() / (double) all.size();
        assertThat(empty).isBetween(0.03, 0.07); // emptyPoolFraction 0.05
        assertThat(all.stream().filter(o -> o.availableNodes() > 0 && o.availableNodes() <= 3).count())
                .isGreaterThan(all.size() / 10);
        assertThat(all.stream().mapToInt(Offer::availableNodes).max().orElseThrow()).isGreaterThanOrEqualTo(35);

        SimulatedCloud tiny = cloud(SimulationConfig.defaults().withPoolCapacity(2, 3, 0.0));
        assertThat(tiny.adapter(ProviderId.AZURE).listOffers(OfferFilter.all()))
                .allSatisfy(o -> assertThat(o.availableNodes()).isBetween(2, 3));
    }

    // ------------------------------------------------------------------ prices

    @Test
    void spotPricesWalkWithinTheFloorAndTheOnDemandCeiling() {
        SimulatedCloud c = cloud(SimulationConfig.defaults());
        Catalog catalog = Catalog.bundled();
        long h0 = SpotPriceWalk.hourIndex(START);
        int checkedPools = 0;
        for (ProviderId p : List.of(ProviderId.AWS, ProviderId.GCP)) {
            List<CatalogPool> spot = catalog.pools(p).stream().filter(CatalogPool::spot).toList();
            for (int i = 0; i < spot.size(); i += 97) {
                CatalogPool pool = spot.get(i);
                BigDecimal floor = SpotPriceWalk.floor(pool, 0.5);
                Set<BigDecimal> seen = new HashSet<>();
                for (long h = h0; h < h0 + 400; h++) {
                    BigDecimal price = c.priceAt(pool.key(), SpotPriceWalk.hourStart(h)).amount();
                    assertThat(price).isBetween(floor, pool.ceiling());
                    assertThat(floor).isGreaterThan(BigDecimal.ZERO);
                    seen.add(price.stripTrailingZeros());
                }
                if (pool.snapshotPrice().compareTo(pool.ceiling()) < 0
                        && pool.snapshotPrice().compareTo(new BigDecimal("0.01")) > 0) {
                    assertThat(seen).as("price of %s moves", pool.key()).hasSizeGreaterThan(10);
                }
                checkedPools++;
            }
        }
        assertThat(checkedPools).isGreaterThan(300);
    }

    @Test
    void theSpotWalkIsAPureFunctionOfSeedPoolAndHour() {
        SimulatedCloud a = cloud(SimulationConfig.defaults());
        SimulatedCloud b = cloud(SimulationConfig.defaults());
        List<Money> forward = new ArrayList<>();
        for (int h = 0; h < 48; h++) {
            forward.add(a.priceAt(AWS_SPOT, START.plus(Duration.ofHours(h))));
        }
        for (int h = 47; h >= 0; h--) {
            assertThat(b.priceAt(AWS_SPOT, START.plus(Duration.ofHours(h)).plusSeconds(1234)))
                    .isEqualTo(forward.get(h));
        }
        // consecutive hours are correlated (a walk), not independent draws: typical step well below the spread
        double steps = 0;
        for (int h = 1; h < 48; h++) {
            steps += Math.abs(Math.log(
                    forward.get(h).amount().doubleValue() / forward.get(h - 1).amount().doubleValue()));
        }
        assertThat(steps / 47).isLessThan(0.08);
        assertThat(forward.stream().map(m -> m.amount().stripTrailingZeros()).distinct().count()).isGreaterThan(10);

        SimulatedCloud still = cloud(SimulationConfig.defaults().withSpotWalk(0.0, 0.5));
        assertThat(still.priceAt(AWS_SPOT, START.plus(Duration.ofDays(30))).amount()).isEqualByComparingTo("0.039");
    }

    @Test
    void quotesCarryProvenance() {
        clock.set(START.plus(Duration.ofMinutes(37)));
        SimulatedCloud c = cloud(SimulationConfig.defaults());
        Map<OfferKey, Offer> byKey = new LinkedHashMap<>();
        offers(c, ProviderId.AWS, "us-east-1").forEach(o -> byKey.put(o.key(), o));
        offers(c, ProviderId.GCP, "us-central1").forEach(o -> byKey.put(o.key(), o));

        Offer spot = byKey.get(AWS_SPOT);
        assertThat(spot.price().observedAt()).isEqualTo(START); // start of the price hour
        assertThat(spot.price().fetchedAt()).isEqualTo(START.plus(Duration.ofMinutes(37)));
        assertThat(spot.price().source()).isEqualTo("simulated:aws-spotlake-2022-07-12");
        assertThat(spot.interruptionRate().orElseThrow()).isCloseTo(0.125 / 730, within(1e-12));
        assertThat(spot.price().pricePerHour().currency()).isEqualTo(Money.USD);

        Offer od = byKey.get(AWS_OD);
        assertThat(od.price().pricePerHour().amount()).isEqualByComparingTo("0.096");
        assertThat(od.price().observedAt()).isEqualTo(Instant.parse("2026-07-20T13:44:30Z"));
        assertThat(od.interruptionRate().orElseThrow()).isZero();

        Offer gcpSpot = byKey.get(GCP_SPOT);
        assertThat(gcpSpot.interruptionRate()).isEmpty(); // Google publishes no rates
        assertThat(gcpSpot.price().source()).isEqualTo("simulated:gcp-pricing-2026-07-30");
        assertThat(byKey.get(GCP_OD).price().observedAt()).isEqualTo(Instant.parse("2026-07-30T00:00:00Z"));

        clock.advance(Duration.ofDays(3));
        assertThat(offers(c, ProviderId.AWS, "us-east-1").stream().filter(o -> o.key().equals(AWS_OD)).findFirst()
                .orElseThrow().price().pricePerHour().amount()).isEqualByComparingTo("0.096"); // list stays at list
    }

    // ------------------------------------------------------------------ capacity

    @Test
    void exhaustedPoolsFailWithARetryableCapacityErrorAndReleaseGivesCapacityBack() {
        SimulatedCloud c = cloud(SimulationConfig.defaults());
        ProviderAdapter aws = c.adapter(ProviderId.AWS);
        c.setPoolCapacity(AWS_OD, 2);
        ProviderNode first = aws.rent(RentRequest.of("ex-1", AWS_OD));
        aws.rent(RentRequest.of("ex-2", AWS_OD));
        assertThat(c.availableNodes(AWS_OD)).isZero();
        assertThatThrownBy(() -> aws.rent(RentRequest.of("ex-3", AWS_OD)))
                .isInstanceOfSatisfying(ProviderException.CapacityUnavailable.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.vendorCode()).contains("InsufficientInstanceCapacity");
                });
        assertThat(aws.capacitySignals(List.of(AWS_OD))).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(CapacitySignal.Kind.AVAILABLE_NODES);
            assertThat(s.value()).isEqualByComparingTo("0");
        });
        assertThat(aws.release(first.nodeId())).isEqualTo(ReleaseOutcome.RELEASED);
        assertThat(offers(c, ProviderId.AWS, "us-east-1").stream().filter(o -> o.key().equals(AWS_OD)).findFirst()
                .orElseThrow().availableNodes()).isEqualTo(1);
        assertThat(aws.rent(RentRequest.of("ex-3", AWS_OD)).state()).isEqualTo(NodeState.PENDING);
    }

    @Test
    void capacityErrorsUseEachVendorsCode() {
        SimulatedCloud c = cloud(SimulationConfig.defaults());
        c.setPoolCapacity(GCP_SPOT, 0);
        assertThatThrownBy(() -> c.adapter(ProviderId.GCP).rent(RentRequest.of("g", GCP_SPOT)))
                .isInstanceOfSatisfying(ProviderException.CapacityUnavailable.class,
                        e -> assertThat(e.vendorCode()).contains("ZONE_RESOURCE_POOL_EXHAUSTED"));
        c.setPoolCapacity(AZURE_OD, 0);
        assertThatThrownBy(() -> c.adapter(ProviderId.AZURE).rent(RentRequest.of("z0", AZURE_OD)))
                .isInstanceOfSatisfying(ProviderException.CapacityUnavailable.class,
                        e -> assertThat(e.vendorCode()).contains("SkuNotAvailable"));
        c.setPoolCapacity(AZURE_OD, 1);
        c.adapter(ProviderId.AZURE).rent(RentRequest.of("z1", AZURE_OD));
        assertThatThrownBy(() -> c.adapter(ProviderId.AZURE).rent(RentRequest.of("z2", AZURE_OD)))
                .isInstanceOfSatisfying(ProviderException.CapacityUnavailable.class,
                        e -> assertThat(e.vendorCode()).contains("AllocationFailed"));
    }

    @Test
    void concurrentRentsNeverOverbookAPool() throws Exception {
        SimulatedCloud c = cloud(SimulationConfig.defaults());
        c.setPoolCapacity(GCP_OD, 50);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger full = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        try {
                            c.adapter(ProviderId.GCP).rent(RentRequest.of("t" + thread + "-" + i, GCP_OD));
                            ok.incrementAndGet();
                        } catch (ProviderException.CapacityUnavailable e) {
                            full.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ok.get()).isEqualTo(50);
        assertThat(full.get()).isEqualTo(110);
        assertThat(c.adapter(ProviderId.GCP).listNodes()).hasSize(50);
    }

    // ------------------------------------------------------------------ node lifecycle

    @Test
    void nodesArePendingUntilTheProvisioningDelayHasPassed() {
        SimulatedCloud c = cloud(SimulationConfig.defaults()
                .withProvisioningDelay(ProviderId.GCP, Duration.ofMinutes(5)));
        ProviderNode aws = c.adapter(ProviderId.AWS).rent(RentRequest.of("p-aws", AWS_OD));
        ProviderNode azure = c.adapter(ProviderId.AZURE).rent(RentRequest.of("p-az", AZURE_OD));
        ProviderNode gcp = c.adapter(ProviderId.GCP).rent(RentRequest.of("p-gcp", GCP_OD));
        assertThat(List.of(aws.state(), azure.state(), gcp.state())).containsOnly(NodeState.PENDING);
        assertThat(aws.launchedAt()).isEqualTo(START);
        assertThat(aws.nodeId()).matches("i-0[0-9a-f]{16}");

        clock.advance(Duration.ofSeconds(39));
        assertThat(state(c, ProviderId.AWS, aws)).isEqualTo(NodeState.PENDING);
        clock.advance(Duration.ofSeconds(1));
        assertThat(state(c, ProviderId.AWS, aws)).isEqualTo(NodeState.RUNNING); // 40 s
        clock.advance(Duration.ofSeconds(49));
        assertThat(state(c, ProviderId.AZURE, azure)).isEqualTo(NodeState.PENDING);
        clock.advance(Duration.ofSeconds(1));
        assertThat(state(c, ProviderId.AZURE, azure)).isEqualTo(NodeState.RUNNING); // 90 s
        assertThat(state(c, ProviderId.GCP, gcp)).isEqualTo(NodeState.PENDING);
        clock.advance(Duration.ofMinutes(4));
        assertThat(state(c, ProviderId.GCP, gcp)).isEqualTo(NodeState.RUNNING); // configured 5 min
    }

    private static NodeState state(SimulatedCloud c, ProviderId p, ProviderNode n) {
        return c.adapter(p).listNodes().stream().filter(x -> x.nodeId().equals(n.nodeId())).findFirst().orElseThrow()
                .state();
    }

    @Test
    void rentIsIdempotentOnTheLeaseEvenAfterTimePassesAndRefusesAReusedLease() {
        SimulatedCloud c = cloud(SimulationConfig.defaults());
        ProviderAdapter aws = c.adapter(ProviderId.AWS);
        ProviderNode first = aws.rent(new RentRequest("lease-1", AWS_OD, null, Map.of("team", "ml")));
        clock.advance(Duration.ofHours(2));
        ProviderNode again = aws.rent(RentRequest.of("lease-1", AWS_OD));
        assertThat(again.nodeId()).isEqualTo(first.nodeId());
        assertThat(again.state()).isEqualTo(NodeState.RUNNING);
        assertThat(again.labels()).containsEntry("team", "ml");
        assertThat(aws.listNodes()).hasSize(1);
        assertThatThrownBy(() -> aws.rent(RentRequest.of("lease-1", AWS_SPOT)))
                .isInstanceOfSatisfying(ProviderException.InvalidRequest.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.vendorCode()).contains("IdempotentParameterMismatch");
                });
        assertThat(aws.release(first.nodeId())).isEqualTo(ReleaseOutcome.RELEASED);
        assertThat(aws.release(first.nodeId())).isEqualTo(ReleaseOutcome.ALREADY_GONE);
        ProviderNode afterRelease = aws.rent(RentRequest.of("lease-1", AWS_OD));
        assertThat(afterRelease.nodeId()).isEqualTo(first.nodeId());
        assertThat(afterRelease.state()).isEqualTo(NodeState.TERMINATED);
        assertThat(aws.listNodes()).isEmpty();
    }

    @Test
    void unknownPoolsAndMissingCapabilitiesFailWithTypedErrors() {
        SimulatedCloud c = cloud(SimulationConfig.defaults());
        OfferKey bogus = new OfferKey(ProviderId.AWS, "us-east-1", null, "m99.huge", Market.ON_DEMAND);
        assertThatThrownBy(() -> c.adapter(ProviderId.AWS).rent(RentRequest.of("u1", bogus)))
                .isInstanceOfSatisfying(ProviderException.InvalidRequest.class,
                        e -> assertThat(e.vendorCode()).contains("InvalidParameterValue"));
        // a GCP pool asked of the AWS adapter is unknown to AWS
        assertThatThrownBy(() -> c.adapter(ProviderId.AWS).rent(RentRequest.of("u2", GCP_OD)))
                .isInstanceOf(ProviderException.InvalidRequest.class);
        OfferKey azureSpot = new OfferKey(ProviderId.AZURE, "eastus", null, "Standard_D2s_v3", Market.SPOT);
        assertThatThrownBy(() -> c.adapter(ProviderId.AZURE).rent(RentRequest.of("u3", azureSpot)))
                .isInstanceOf(ProviderException.Unsupported.class).hasMessageContaining("Spot");
        OfferKey ovh = new OfferKey(ProviderId.OVH, "GRA", null, "b3-8", Market.ON_DEMAND);
        assertThatThrownBy(() -> c.adapter(ProviderId.OVH).rent(RentRequest.of("u4", ovh)))
                .isInstanceOf(ProviderException.Unsupported.class);
        assertThatThrownBy(() -> c.adapter(ProviderId.OVH).listOffers(OfferFilter.all()))
                .isInstanceOf(ProviderException.Unsupported.class);
        assertThatThrownBy(() -> c.adapter(ProviderId.AWS).listOwnedMachines())
                .isInstanceOf(ProviderException.Unsupported.class);
        assertThat(c.adapter(ProviderId.AZURE).listOffers(OfferFilter.all()))
                .noneMatch(o -> o.key().market() == Market.SPOT);
        assertThat(c.adapter(ProviderId.AZURE).capabilities().reasonUnsupported(Capability.RENT_SPOT).orElseThrow())
                .contains("no licensed Azure Spot price snapshot");
        assertThat(c.adapter(ProviderId.GCP).capabilities().supports(Capability.INTERRUPTION_RATES)).isFalse();
        assertThat(c.adapter(ProviderId.AWS).capabilities().unsupported()).containsOnlyKeys(Capability.LIST_OWNED);
        assertThatThrownBy(() -> c.adapter(ProviderId.of("ibm"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spotRentsRespectTheMaxPrice() {
        SimulatedCloud c = cloud(SimulationConfig.defaults());
        assertThatThrownBy(() -> c.adapter(ProviderId.AWS)
                .rent(new RentRequest("mp-1", AWS_SPOT, Money.usd("0.000001"), Map.of())))
                .isInstanceOfSatisfying(ProviderException.CapacityUnavailable.class,
                        e -> assertThat(e.vendorCode()).contains("SpotMaxPriceTooLow"));
        assertThat(c.adapter(ProviderId.AWS).rent(new RentRequest("mp-2", AWS_SPOT, Money.usd("0.096"), Map.of())))
                .isNotNull();
    }

    @Test
    void ovhListsTheOwnedBaseline() {
        SimulatedCloud c = cloud(SimulationConfig.defaults());
        List<OwnedMachine> owned = c.adapter(ProviderId.OVH).listOwnedMachines();
        assertThat(owned).extracting(OwnedMachine::id).containsExactly("ovh-gra-bm-01", "ovh-gra-bm-02",
                "ovh-gra-bm-03");
        assertThat(owned).allSatisfy(m -> {
            assertThat(m.region()).isEqualTo("GRA");
            assertThat(m.shape().vcpus()).isEqualByComparingTo("32");
            assertThat(m.shape().memoryGiB()).isEqualByComparingTo("128");
        });
        assertThat(c.adapter(ProviderId.OVH).listNodes()).isEmpty();
        SimulatedCloud none = cloud(SimulationConfig.defaults().withOwnedMachines(List.of()));
        assertThat(none.adapter(ProviderId.OVH).listOwnedMachines()).isEmpty();
    }

    // ------------------------------------------------------------------ interruptions

    @Test
    void spotNodesAreInterruptedAtAboutTheConfiguredRateReportedOnceAndGiveCapacityBack() {
        SimulatedCloud c = cloud(SimulationConfig.defaults().withDefaultSpotInterruptionRate(ProviderId.GCP, 0.01));
        ProviderAdapter gcp = c.adapter(ProviderId.GCP);
        c.setPoolCapacity(GCP_SPOT, 5_000);
        int n = 2_000;
        for (int i = 0; i < n; i++) {
            gcp.rent(RentRequest.of("int-" + i, GCP_SPOT));
        }
        Set<String> interrupted = new HashSet<>();
        for (int hour = 0; hour < 50; hour++) {
            clock.advance(Duration.ofHours(1));
            for (ProviderNode node : gcp.listNodes()) {
                if (node.state() == NodeState.INTERRUPTED) {
                    assertThat(interrupted.add(node.nodeId())).as("reported once: %s", node.nodeId()).isTrue();
                }
            }
        }
        // P(interrupted within 50 h) = 1 - exp(-0.01 * 50) = 0.393 -> 787 of 2000, sd 22
        assertThat(interrupted.size()).isBetween(700, 875);
        assertThat(gcp.listNodes()).hasSize(n - interrupted.size())
                .allSatisfy(node -> assertThat(node.state()).isEqualTo(NodeState.RUNNING));
        assertThat(c.availableNodes(GCP_SPOT)).isEqualTo(5_000 - (n - interrupted.size()));
        String gone = interrupted.iterator().next();
        assertThat(gcp.release(gone)).isEqualTo(ReleaseOutcome.ALREADY_GONE);
    }

    @Test
    void awsSpotNodesAreInterruptedAtTheirSpotLakeBandRate() {
        SimulatedCloud c = cloud(SimulationConfig.defaults());
        ProviderAdapter aws = c.adapter(ProviderId.AWS);
        c.setPoolCapacity(AWS_SPOT_VOLATILE, 2_000);
        for (int i = 0; i < 1_000; i++) {
            aws.rent(RentRequest.of("aws-int-" + i, AWS_SPOT_VOLATILE));
        }
        clock.advance(Duration.ofHours(730)); // one month in one step: the outcome does not depend on polling
        long interrupted = aws.listNodes().stream().filter(x -> x.state() == NodeState.INTERRUPTED).count();
        // IF 1.0 = ">20 %" a month -> 25 %/730 h -> 1 - exp(-0.25) = 22 % -> 221 of 1000, sd 13
        assertThat(interrupted).isBetween(170L, 275L);
        assertThat(aws.listNodes()).hasSize(1_000 - (int) interrupted);
    }

    @Test
    void interruptionsAreReproducibleFromTheSeed() {
        assertThat(interruptedIds(7)).isEqualTo(interruptedIds(7)).isNotEqualTo(interruptedIds(8));
        assertThat(interruptedIds(7)).isNotEmpty();
    }

    private static Map<String, Instant> interruptedIds(long seed) {
        SimulationClock clk = SimulationClock.startingAt(START);
        SimulatedCloud c = new SimulatedCloud(SimulationConfig.defaults().withSeed(seed)
                .withDefaultSpotInterruptionRate(ProviderId.GCP, 0.02), clk);
        c.setPoolCapacity(GCP_SPOT, 500);
        for (int i = 0; i < 200; i++) {
            c.adapter(ProviderId.GCP).rent(RentRequest.of("r-" + i, GCP_SPOT));
        }
        Map<String, Instant> out = new LinkedHashMap<>();
        for (int step = 0; step < 40; step++) {
            clk.advance(Duration.ofMinutes(45));
            c.adapter(ProviderId.GCP).listNodes().stream().filter(x -> x.state() == NodeState.INTERRUPTED)
                    .forEach(x -> out.put(x.nodeId(), clk.instant()));
        }
        return out;
    }

    @Test
    void onDemandNodesAreNeverInterrupted() {
        SimulatedCloud c = cloud(SimulationConfig.defaults());
        c.setPoolCapacity(GCP_OD, 100);
        for (int i = 0; i < 100; i++) {
            c.adapter(ProviderId.GCP).rent(RentRequest.of("od-" + i, GCP_OD));
        }
        clock.advance(Duration.ofDays(365));
        assertThat(c.adapter(ProviderId.GCP).listNodes()).hasSize(100)
                .allSatisfy(x -> assertThat(x.state()).isEqualTo(NodeState.RUNNING));
    }

    // ------------------------------------------------------------------ signals

    @Test
    void capacitySignalsGivePlacementScoresAvailabilityAndPublishedRates() {
        SimulatedCloud c = cloud(SimulationConfig.defaults());
        Map<CapacitySignal.Kind, BigDecimal> aws = c.adapter(ProviderId.AWS)
                .capacitySignals(List.of(AWS_SPOT,
                        new OfferKey(ProviderId.AWS, "us-east-1", null, "nope", Market.SPOT)))
                .stream().collect(Collectors.toMap(CapacitySignal::kind, CapacitySignal::value));
        assertThat(aws).containsOnlyKeys(CapacitySignal.Kind.AVAILABLE_NODES, CapacitySignal.Kind.PLACEMENT_SCORE,
                CapacitySignal.Kind.INTERRUPTION_RATE_PER_HOUR);
        assertThat(aws.get(CapacitySignal.Kind.PLACEMENT_SCORE)).isEqualByComparingTo("3");
        assertThat(aws.get(CapacitySignal.Kind.INTERRUPTION_RATE_PER_HOUR).doubleValue())
                .isCloseTo(0.125 / 730, within(1e-12));
        assertThat(aws.get(CapacitySignal.Kind.AVAILABLE_NODES).intValue()).isEqualTo(c.availableNodes(AWS_SPOT));

        assertThat(c.adapter(ProviderId.GCP).capacitySignals(List.of(GCP_SPOT))).extracting(CapacitySignal::kind)
                .containsExactly(CapacitySignal.Kind.AVAILABLE_NODES);
        assertThat(c.adapter(ProviderId.AWS).capacitySignals(List.of(AWS_OD))).extracting(CapacitySignal::kind)
                .containsExactly(CapacitySignal.Kind.AVAILABLE_NODES);
        List<CapacitySignal> allAzure = c.adapter(ProviderId.AZURE).capacitySignals(List.of());
        assertThat(allAzure).hasSize(Catalog.bundled().pools(ProviderId.AZURE).size());
        assertThatThrownBy(() -> c.adapter(ProviderId.OVH).capacitySignals(List.of()))
                .isInstanceOf(ProviderException.Unsupported.class);
    }

    @Test
    void gcpAdvertisesItsAssumedInterruptionRateOnlyWhenConfiguredTo() {
        SimulatedCloud honest = cloud(SimulationConfig.defaults());
        assertThat(offers(honest, ProviderId.GCP, "us-central1")).filteredOn(o -> o.key().equals(GCP_SPOT))
                .singleElement().satisfies(o -> assertThat(o.interruptionRate()).isEmpty());

        SimulatedCloud c = cloud(SimulationConfig.defaults().withAdvertisedAssumedInterruptionRates(true)
                .withDefaultSpotInterruptionRate(ProviderId.GCP, 0.004));
        assertThat(c.adapter(ProviderId.GCP).capabilities().supports(Capability.INTERRUPTION_RATES)).isTrue();
        assertThat(offers(c, ProviderId.GCP, "us-central1")).filteredOn(o -> o.key().equals(GCP_SPOT))
                .singleElement().satisfies(o -> assertThat(o.interruptionRate().orElseThrow()).isEqualTo(0.004));
        assertThat(c.adapter(ProviderId.GCP).capacitySignals(List.of(GCP_SPOT)))
                .filteredOn(sig -> sig.kind() == CapacitySignal.Kind.INTERRUPTION_RATE_PER_HOUR).singleElement()
                .satisfies(sig -> {
                    assertThat(sig.value().doubleValue()).isEqualTo(0.004);
                    assertThat(sig.source()).isEqualTo("simulated:assumed-interruption-rate");
                });
        // AWS keeps advertising the SpotLake band, not the assumption
        assertThat(c.adapter(ProviderId.AWS).capacitySignals(List.of(AWS_SPOT)))
                .filteredOn(sig -> sig.kind() == CapacitySignal.Kind.INTERRUPTION_RATE_PER_HOUR).singleElement()
                .satisfies(sig -> assertThat(sig.source()).isEqualTo("simulated:aws-spotlake-2022-07-12"));
    }

    // ------------------------------------------------------------------ faults

    @Test
    void anOutageFailsOneProviderAndLeavesTheOthersIntact() {
        SimulatedCloud c = cloud(SimulationConfig.defaults());
        ProviderNode node = c.adapter(ProviderId.GCP).rent(RentRequest.of("before-outage", GCP_OD));
        c.injectOutage(ProviderId.GCP);
        ProviderAdapter gcp = c.adapter(ProviderId.GCP);
        assertThat(c.activeFault(ProviderId.GCP)).contains(Fault.UNAVAILABLE);
        assertThatThrownBy(() -> gcp.listOffers(OfferFilter.all()))
                .isInstanceOfSatisfying(ProviderException.Unavailable.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.vendorCode()).contains("UNAVAILABLE");
                });
        assertThatThrownBy(() -> gcp.rent(RentRequest.of("x", GCP_OD)))
                .isInstanceOf(ProviderException.Unavailable.class);
        assertThatThrownBy(gcp::listNodes).isInstanceOf(ProviderException.Unavailable.class);
        assertThatThrownBy(() -> gcp.release(node.nodeId())).isInstanceOf(ProviderException.Unavailable.class);
        assertThatThrownBy(() -> gcp.capacitySignals(List.of())).isInstanceOf(ProviderException.Unavailable.class);
        assertThat(gcp.regions()).isNotEmpty();
        assertThat(gcp.capabilities().supports(Capability.RENT_SPOT)).isTrue();
        assertThat(c.adapter(ProviderId.AWS).listOffers(OfferFilter.all())).isNotEmpty();
        assertThat(c.adapter(ProviderId.AZURE).rent(RentRequest.of("fine", AZURE_OD))).isNotNull();
        assertThat(c.adapter(ProviderId.OVH).listOwnedMachines()).hasSize(3);

        c.clearFault(ProviderId.GCP);
        assertThat(c.activeFault(ProviderId.GCP)).isEmpty();
        assertThat(gcp.listNodes()).extracting(ProviderNode::nodeId).containsExactly(node.nodeId());
    }

    @Test
    void throttlingAndAuthFaultsAreTypedAndTimedFaultsClearThemselves() {
        SimulatedCloud c = cloud(SimulationConfig.defaults());
        c.injectFault(ProviderId.AWS, Fault.THROTTLED, Duration.ofMinutes(10));
        assertThatThrownBy(() -> c.adapter(ProviderId.AWS).listNodes())
                .isInstanceOfSatisfying(ProviderException.Throttled.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).contains(Duration.ofMinutes(10));
                    assertThat(e.vendorCode()).contains("RequestLimitExceeded");
                });
        clock.advance(Duration.ofMinutes(10));
        assertThat(c.adapter(ProviderId.AWS).listNodes()).isEmpty();
        assertThat(c.activeFault(ProviderId.AWS)).isEmpty();

        c.injectFault(ProviderId.AZURE, Fault.AUTH_FAILED);
        assertThatThrownBy(() -> c.adapter(ProviderId.AZURE).listOffers(OfferFilter.all()))
                .isInstanceOfSatisfying(ProviderException.AuthFailed.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.vendorCode()).contains("AuthorizationFailed");
                });
        c.injectFault(ProviderId.OVH, Fault.UNAVAILABLE);
        assertThatThrownBy(() -> c.adapter(ProviderId.OVH).listOwnedMachines())
                .isInstanceOf(ProviderException.Unavailable.class);
        c.clearAllFaults();
        assertThat(c.adapter(ProviderId.AZURE).listOffers(OfferFilter.all())).isNotEmpty();
        c.injectOutage(ProviderId.GCP, Duration.ofHours(1));
        assertThat(c.activeFault(ProviderId.GCP)).contains(Fault.UNAVAILABLE);
        clock.advance(Duration.ofMinutes(59));
        assertThatThrownBy(() -> c.adapter(ProviderId.GCP).listNodes())
                .isInstanceOf(ProviderException.Unavailable.class);
        clock.advance(Duration.ofMinutes(1));
        assertThat(c.adapter(ProviderId.GCP).listNodes()).isEmpty();
        assertThat(c.adapter(ProviderId.OVH).listOwnedMachines()).hasSize(3);
    }

    // ------------------------------------------------------------------ region allow-list

    @Test
    void aRegionAllowListMakesASmallerCatalog() {
        SimulatedCloud c = cloud(SimulationConfig.defaults()
                .withRegionAllowList(Set.of("us-east-1", "us-central1", "eastus")));
        assertThat(c.adapter(ProviderId.AWS).regions()).extracting(Region::code).containsExactly("us-east-1");
        assertThat(c.adapter(ProviderId.AWS).listOffers(OfferFilter.all()))
                .isNotEmpty().allSatisfy(o -> assertThat(o.key().region()).isEqualTo("us-east-1"));
        assertThat(c.adapter(ProviderId.GCP).listOffers(OfferFilter.all()))
                .allSatisfy(o -> assertThat(o.key().region()).isEqualTo("us-central1"));
        assertThat(c.adapter(ProviderId.OVH).regions()).extracting(Region::code).containsExactly("GRA");
        OfferKey euw1 = new OfferKey(ProviderId.AWS, "eu-west-1", null, "m5.large", Market.ON_DEMAND);
        assertThatThrownBy(() -> c.adapter(ProviderId.AWS).rent(RentRequest.of("elsewhere", euw1)))
                .isInstanceOf(ProviderException.InvalidRequest.class);
    }

    @Test
    void configurationIsValidated() {
        SimulationConfig d = SimulationConfig.defaults();
        assertThatThrownBy(() -> d.withPoolCapacity(5, 4, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withPoolCapacity(1, 4, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withSpotWalk(0.1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withDefaultSpotInterruptionRate(ProviderId.GCP, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withProvisioningDelay(ProviderId.AWS, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(d.provisioningDelay(ProviderId.AWS)).isEqualTo(Duration.ofSeconds(40));
        assertThat(d.provisioningDelay(ProviderId.GCP)).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.provisioningDelay(ProviderId.AZURE)).isEqualTo(Duration.ofSeconds(90));
        assertThat(d.defaultSpotInterruptionRate(ProviderId.GCP)).isEqualTo(0.005);
    }
}
