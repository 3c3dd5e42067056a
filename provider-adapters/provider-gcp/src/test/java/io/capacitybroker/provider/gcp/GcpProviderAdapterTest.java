package io.capacitybroker.provider.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.capacitybroker.domain.Market;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import io.capacitybroker.provider.spi.Capability;
import io.capacitybroker.provider.spi.OfferFilter;
import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.RentRequest;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against a local fake speaking the Compute Engine and Cloud Billing REST wire formats. */
class GcpProviderAdapterTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final Set<String> BOTH_REGIONS = Set.of("us-central1", "europe-west4");
    static GcpFake fake;

    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final List<GcpProviderAdapter> created = new ArrayList<>();

    @BeforeAll
    static void start() {
        fake = new GcpFake();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.server.resetAll();
        fake.serveCatalog();
    }

    @AfterEach
    void closeAdapters() {
        created.forEach(GcpProviderAdapter::close);
    }

    GcpProviderAdapter adapter(GcpConfig config) {
        return track(new GcpProviderAdapter(config, Clock.fixed(NOW, ZoneOffset.UTC),
                new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(10), sleeps::add)));
    }

    GcpProviderAdapter track(GcpProviderAdapter adapter) {
        created.add(adapter);
        return adapter;
    }

    GcpProviderAdapter narrowed() {
        return adapter(fake.config().withRegions(BOTH_REGIONS));
    }

    static Map<String, Offer> byId(List<Offer> offers) {
        return offers.stream().collect(Collectors.toMap(o -> o.key().id(), Function.identity()));
    }

    @Test
    void regionsComeFromEveryPage() {
        List<Region> regions = adapter(fake.config()).regions();

        assertThat(regions).extracting(Region::code).containsExactly("us-central1", "europe-west4");
        assertThat(regions).allSatisfy(r -> assertThat(r.provider()).isEqualTo(ProviderId.GCP));
        Region eu = regions.get(1);
        assertThat(eu.displayName()).isEqualTo("europe-west4 (Eemshaven)");
        assertThat(eu.country()).isEqualTo("Netherlands");
        assertThat(eu.location().latitude()).isBetween(53.0, 54.0);
        assertThat(eu.gridZone()).isNull();
        fake.server.verify(1, getRequestedFor(urlPathEqualTo(GcpFake.REGIONS)).withQueryParam("pageToken", equalTo("regions-page-2")));
    }

    @Test
    void configuredRegionsNarrowTheRegionList() {
        assertThat(adapter(fake.config().withRegions(Set.of("europe-west4"))).regions())
                .extracting(Region::code).containsExactly("europe-west4");
    }

    @Test
    void pricesAreVcpusTimesCoreRatePlusGibTimesRamRateInUsdPerNodeHour() {
        Map<String, Offer> offers = byId(narrowed().listOffers(OfferFilter.all()));

        // E2 in us-central1: 0.02181159 $/vCPU-h, 0.00292353 $/GiB-h on demand; 0.006543 and 0.000877 Spot
        assertPrice(offers, "gcp:us-central1:-:e2-standard-2:on_demand", "0.06701142");
        assertPrice(offers, "gcp:us-central1:-:e2-standard-2:spot", "0.020102");
        assertPrice(offers, "gcp:us-central1:-:e2-standard-4:on_demand", "0.13402284");
        // N2 in europe-west4: core on page 1, RAM on page 2 of the SKU listing
        assertPrice(offers, "gcp:europe-west4:-:n2-standard-4:on_demand", "0.213848");
        assertPrice(offers, "gcp:europe-west4:-:n2-standard-4:spot", "0.051312");
        assertPrice(offers, "gcp:europe-west4:-:n2-highmem-2:on_demand", "0.144236");
        // C2 SKUs are described as "Compute optimized Core/Ram"
        assertPrice(offers, "gcp:us-central1:-:c2-standard-4:on_demand", "0.208808");
        // A2: 12 vCPU + 85 GiB + one A100 GPU at 2.933908 $/h
        assertPrice(offers, "gcp:us-central1:-:a2-highgpu-1g:on_demand", "3.673385");
        // f1-micro: its own per-instance SKU, marginal tier past the free first tier
        assertPrice(offers, "gcp:us-central1:-:f1-micro:on_demand", "0.0076");
    }

    @Test
    void sharedCoreTypesAreBilledForTheirShareOfAVcpu() {
        Map<String, Offer> offers = byId(narrowed().listOffers(OfferFilter.all()));

        Offer medium = offers.get("gcp:us-central1:-:e2-medium:on_demand");
        assertThat(medium.shape().vcpus()).isEqualByComparingTo("1");
        assertThat(medium.shape().memoryGiB()).isEqualByComparingTo("4");
        assertPrice(offers, "gcp:us-central1:-:e2-medium:on_demand", "0.03350571");
        Offer micro = offers.get("gcp:us-central1:-:f1-micro:on_demand");
        assertThat(micro.shape().vcpus()).isEqualByComparingTo("0.2");
        assertThat(micro.shape().memoryGiB()).isEqualByComparingTo("0.599609375");
    }

    @Test
    void shapesAreNormalisedToVcpusGibAndGpus() {
        Map<String, Offer> offers = byId(narrowed().listOffers(OfferFilter.all()));

        Offer a2 = offers.get("gcp:us-central1:-:a2-highgpu-1g:on_demand");
        assertThat(a2.shape().vcpus()).isEqualByComparingTo("12");
        assertThat(a2.shape().memoryGiB()).isEqualByComparingTo("85");
        assertThat(a2.shape().gpus()).isEqualTo(1);
        assertThat(a2.shape().architecture()).isEqualTo("amd64");
        assertThat(a2.key().zone()).isNull();
    }

    @Test
    void quotesCarryTheSkuEffectiveTimeTheFetchTimeAndTheSource() {
        Map<String, Offer> offers = byId(narrowed().listOffers(OfferFilter.all()));

        Offer onDemand = offers.get("gcp:us-central1:-:e2-standard-2:on_demand");
        assertThat(onDemand.price().observedAt()).isEqualTo(Instant.parse("2026-11-20T09:17:42.117Z"));
        assertThat(onDemand.price().fetchedAt()).isEqualTo(NOW);
        assertThat(onDemand.price().source()).isEqualTo("gcp:cloudbilling.services.skus.list");
        assertThat(onDemand.price().pricePerHour().currency().getCurrencyCode()).isEqualTo("USD");
        Offer spot = offers.get("gcp:us-central1:-:e2-standard-2:spot");
        assertThat(spot.price().observedAt()).isEqualTo(Instant.parse("2026-11-21T05:03:11.402Z"));
        assertThat(spot.interruptionRate()).isEmpty();
    }

    @Test
    void everyPageOfEveryListingIsRead() {
        GcpProviderAdapter adapter = narrowed();
        List<Offer> offers = adapter.listOffers(OfferFilter.all());

        fake.server.verify(1, getRequestedFor(urlPathEqualTo(GcpFake.REGIONS)).withQueryParam("pageToken", equalTo("regions-page-2")));
        fake.server.verify(2, getRequestedFor(urlPathEqualTo(GcpFake.machineTypes("us-central1-b"))));
        fake.server.verify(1, getRequestedFor(urlPathEqualTo(GcpFake.machineTypes("us-central1-b")))
                .withQueryParam("pageToken", equalTo("mt-b-page-2")));
        fake.server.verify(2, getRequestedFor(urlPathEqualTo(GcpFake.SKUS)));
        fake.server.verify(1, getRequestedFor(urlPathEqualTo(GcpFake.SKUS)).withQueryParam("pageToken", equalTo("skus-page-2")));
        fake.server.verify(getRequestedFor(urlPathEqualTo(GcpFake.SKUS)).withQueryParam("currencyCode", equalTo("USD")));
        // types listed only on page 2 of a zone, priced only by SKUs of page 2
        assertThat(byId(offers)).containsKeys("gcp:us-central1:-:c2-standard-4:on_demand",
                "gcp:us-central1:-:f1-micro:on_demand");
        var stats = adapter.lastRefreshStats();
        assertThat(stats.regions()).isEqualTo(2);
        assertThat(stats.zones()).isEqualTo(4);
        assertThat(stats.skusRead()).isEqualTo(19);
        assertThat(stats.requests()).isEqualTo(2 + 5 + 2);
        assertThat(stats.offers()).isEqualTo(offers.size()).isEqualTo(14);
    }

    @Test
    void unpriceableSkusAndMachineTypesAreSkippedAndCounted() {
        GcpProviderAdapter adapter = narrowed();
        Map<String, Offer> offers = byId(adapter.listOffers(OfferFilter.all()));

        assertThat(offers.keySet()).noneMatch(id -> id.contains("ct5lp") || id.contains("n2d-standard-2"));
        // no Spot N2/A2 SKU for us-central1 in the catalog: no Spot offer rather than a wrong one
        assertThat(offers).doesNotContainKeys("gcp:us-central1:-:n2-standard-4:spot", "gcp:us-central1:-:a2-highgpu-1g:spot");
        var stats = adapter.lastRefreshStats();
        assertThat(stats.skusSkipped()).containsEntry("usage type Commit1Yr", 1)
                .containsEntry("resource family Storage", 1)
                .containsEntry("custom/sole-tenant/extended/licence SKU", 1);
        assertThat(stats.offersSkipped()).containsEntry("no on_demand core/RAM SKU for family n2d", 1)
                .containsEntry("no on_demand core/RAM SKU for family ct5lp", 1)
                .containsEntry("no spot core/RAM SKU for family n2", 1);
    }

    @Test
    void aggregatedListingCoversEveryZoneWhenNoRegionIsConfigured() {
        Map<String, Offer> offers = byId(adapter(fake.config()).listOffers(OfferFilter.all()));

        fake.server.verify(2, getRequestedFor(urlPathEqualTo(GcpFake.AGGREGATED)));
        fake.server.verify(0, getRequestedFor(urlPathEqualTo(GcpFake.machineTypes("us-central1-a"))));
        // us-central1-a is on page 1, europe-west4-a on page 2; a scope with only a warning adds nothing
        assertPrice(offers, "gcp:us-central1:-:e2-standard-2:on_demand", "0.06701142");
        assertPrice(offers, "gcp:europe-west4:-:n2-highmem-2:spot", "0.034608");
        assertThat(offers).hasSize(11);
    }

    @Test
    void theFilterNarrowsRegionsMarketsAndTypes() {
        GcpProviderAdapter adapter = narrowed();

        List<Offer> spotEu = adapter.listOffers(new OfferFilter(Set.of("europe-west4"), Set.of(Market.SPOT), Set.of()));
        assertThat(spotEu).extracting(o -> o.key().id())
                .containsExactlyInAnyOrder("gcp:europe-west4:-:n2-highmem-2:spot", "gcp:europe-west4:-:n2-standard-4:spot");
        fake.server.verify(0, getRequestedFor(urlPathEqualTo(GcpFake.machineTypes("us-central1-a"))));

        List<Offer> oneType = adapter.listOffers(new OfferFilter(Set.of(), Set.of(), Set.of("e2-standard-4")));
        assertThat(oneType).extracting(o -> o.key().id()).containsExactlyInAnyOrder(
                "gcp:us-central1:-:e2-standard-4:on_demand", "gcp:us-central1:-:e2-standard-4:spot");
    }

    @Test
    void throttlingIsRetriedHonouringRetryAfter() {
        fake.stub(get(urlPathEqualTo(GcpFake.SKUS)).atPriority(0).inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("served")
                .willReturn(GcpFake.error(429, "RESOURCE_EXHAUSTED", "rateLimitExceeded", "Rate Limit Exceeded")
                        .withHeader("Retry-After", "2")));

        List<Offer> offers = narrowed().listOffers(OfferFilter.all());

        assertThat(offers).hasSize(14);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
        fake.server.verify(3, getRequestedFor(urlPathEqualTo(GcpFake.SKUS)));
    }

    @Test
    void aPageThatFailsOnceCostsOneRetriedRequest() {
        fake.stub(get(urlPathEqualTo(GcpFake.machineTypes("us-central1-b"))).withQueryParam("pageToken", equalTo("mt-b-page-2"))
                .atPriority(0).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
                .willReturn(GcpFake.error(503, "UNAVAILABLE", "backendError", "try again")));

        assertThat(narrowed().listOffers(OfferFilter.all())).hasSize(14);
        assertThat(sleeps).hasSize(1);
        fake.server.verify(1, getRequestedFor(urlPathEqualTo(GcpFake.machineTypes("us-central1-b")))
                .withQueryParam("pageToken", absent()));
        fake.server.verify(2, getRequestedFor(urlPathEqualTo(GcpFake.machineTypes("us-central1-b")))
                .withQueryParam("pageToken", equalTo("mt-b-page-2")));
    }

    @Test
    void persistentServerErrorsEndAsUnavailableAfterEveryAttempt() {
        fake.always(GcpFake.SKUS, GcpFake.error(500, "INTERNAL", "backendError", "Internal error"));

        assertThatThrownBy(() -> narrowed().listOffers(OfferFilter.all()))
                .isInstanceOfSatisfying(ProviderException.Unavailable.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("HTTP 500").contains("Internal error");
                });
        fake.server.verify(3, getRequestedFor(urlPathEqualTo(GcpFake.SKUS)));
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void malformedBodiesAreUnavailableNotParserExceptions() {
        fake.always(GcpFake.machineTypes("europe-west4-a"), okJson("{\"items\": [ {\"name\": \"n2-"));

        assertThatThrownBy(() -> narrowed().listOffers(OfferFilter.all()))
                .isInstanceOfSatisfying(ProviderException.Unavailable.class,
                        e -> assertThat(e.vendorCode()).contains("MALFORMED_RESPONSE"));
    }

    @Test
    void htmlInsteadOfJsonIsUnavailable() {
        fake.always(GcpFake.REGIONS, aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body>proxy login</body></html>"));

        assertThatThrownBy(() -> narrowed().regions()).isInstanceOf(ProviderException.Unavailable.class);
    }

    @Test
    void unauthenticatedIsAuthFailedAndNotRetried() {
        fake.always(GcpFake.REGIONS, GcpFake.error(401, "UNAUTHENTICATED", "authError", "Request had invalid authentication credentials."));

        assertThatThrownBy(() -> narrowed().listOffers(OfferFilter.all()))
                .isInstanceOfSatisfying(ProviderException.AuthFailed.class, e -> assertThat(e.retryable()).isFalse());
        fake.server.verify(1, getRequestedFor(urlPathEqualTo(GcpFake.REGIONS)));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void forbiddenIsAuthFailed() {
        fake.always(GcpFake.SKUS, GcpFake.error(403, "PERMISSION_DENIED", "forbidden", "The caller does not have permission"));

        assertThatThrownBy(() -> narrowed().listOffers(OfferFilter.all())).isInstanceOf(ProviderException.AuthFailed.class);
        fake.server.verify(1, getRequestedFor(urlPathEqualTo(GcpFake.SKUS)));
    }

    @Test
    void computeRateLimitAnsweredWith403IsThrottledAndRetried() {
        fake.always(GcpFake.REGIONS, GcpFake.error(403, "PERMISSION_DENIED", "rateLimitExceeded", "Rate Limit Exceeded"));

        assertThatThrownBy(() -> narrowed().regions()).isInstanceOf(ProviderException.Throttled.class);
        fake.server.verify(3, getRequestedFor(urlPathEqualTo(GcpFake.REGIONS)));
    }

    @Test
    void unknownProjectIsNotFound() {
        fake.always(GcpFake.REGIONS, GcpFake.error(404, "NOT_FOUND", "notFound", "The resource 'projects/capbroker-test' was not found"));

        assertThatThrownBy(() -> narrowed().regions())
                .isInstanceOfSatisfying(ProviderException.NotFound.class, e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void slowAnswersTimeOutAsUnavailable() {
        fake.always(GcpFake.REGIONS, okJson(GcpFake.fixture("gcp-compute-regions-list-page2.json")).withFixedDelay(2_000));
        GcpProviderAdapter adapter = track(new GcpProviderAdapter(fake.config().withRequestTimeout(Duration.ofMillis(300)),
                Clock.fixed(NOW, ZoneOffset.UTC), RetryPolicy.none()));

        long start = System.nanoTime();
        assertThatThrownBy(adapter::regions).isInstanceOf(ProviderException.Unavailable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_900));
    }

    @Test
    void connectionRefusedIsUnavailable() {
        GcpProviderAdapter adapter = track(new GcpProviderAdapter(GcpConfig.forLocalFake(GcpFake.PROJECT, "http://127.0.0.1:1"),
                Clock.fixed(NOW, ZoneOffset.UTC), RetryPolicy.none()));

        assertThatThrownBy(adapter::regions).isInstanceOf(ProviderException.Unavailable.class);
    }

    @Test
    void theGrpcBillingTransportMapsItsFailuresToo() {
        fake.always(GcpFake.AGGREGATED, okJson(GcpFake.fixture("gcp-compute-machinetypes-aggregated-list-page2.json")));
        GcpConfig grpc = fake.config().withEndpoints(fake.baseUrl(), "127.0.0.1:1", GcpConfig.BillingTransport.GRPC)
                .withRequestTimeout(Duration.ofSeconds(20));
        GcpProviderAdapter adapter = track(new GcpProviderAdapter(grpc, Clock.fixed(NOW, ZoneOffset.UTC), RetryPolicy.none()));

        assertThatThrownBy(() -> adapter.listOffers(OfferFilter.all()))
                .isInstanceOfSatisfying(ProviderException.Unavailable.class,
                        e -> assertThat(e.getMessage()).contains("cloudbilling.services.skus.list"));
    }

    @Test
    void aRepeatedPageTokenStopsTheListingInsteadOfLoopingForever() {
        fake.nextPage(GcpFake.SKUS, "skus-page-2", "gcp-billing-catalog-list-skus-compute-page1.json");

        assertThatThrownBy(() -> narrowed().listOffers(OfferFilter.all()))
                .isInstanceOfSatisfying(ProviderException.Unavailable.class, e -> assertThat(e.vendorCode()).contains("PAGE_LOOP"));
    }

    @Test
    void theClientSideRateLimitSpacesRequests() {
        GcpProviderAdapter adapter = adapter(fake.config().withRegions(BOTH_REGIONS).withRequestsPerSecond(20));

        long start = System.nanoTime();
        adapter.listOffers(OfferFilter.all());
        // 9 requests at most 20 per second: at least 8 intervals of 50 ms
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void signalsAndActuationAreUnsupportedWithReasons() {
        GcpProviderAdapter adapter = narrowed();

        assertThat(adapter.capabilities().supports(Capability.LIST_OFFERS)).isTrue();
        assertThat(adapter.capabilities().supports(Capability.SPOT_PRICES)).isTrue();
        assertThat(adapter.capabilities().supports(Capability.ON_DEMAND_PRICES)).isTrue();
        assertThat(adapter.capabilities().reasonUnsupported(Capability.CAPACITY_SIGNALS)).get().asString()
                .contains("publishes no");
        for (Capability c : List.of(Capability.RENT_SPOT, Capability.RENT_ON_DEMAND, Capability.RELEASE, Capability.LIST_NODES)) {
            assertThat(adapter.capabilities().reasonUnsupported(c)).contains(GcpProviderAdapter.ACTUATION_LATER);
        }
        assertThatThrownBy(() -> adapter.capacitySignals(List.of())).isInstanceOf(ProviderException.Unsupported.class);
        Offer any = adapter.listOffers(OfferFilter.all()).get(0);
        assertThatThrownBy(() -> adapter.rent(RentRequest.of("lease-1", any.key())))
                .isInstanceOf(ProviderException.Unsupported.class);
        assertThatThrownBy(() -> adapter.release("node-1")).isInstanceOf(ProviderException.Unsupported.class);
        assertThatThrownBy(adapter::listNodes).isInstanceOf(ProviderException.Unsupported.class);
        assertThatThrownBy(adapter::listOwnedMachines).isInstanceOf(ProviderException.Unsupported.class);
    }

    @Test
    void noCredentialsHeaderIsSentToTheFake() {
        narrowed().regions();
        fake.server.getAllServeEvents().forEach(e -> assertThat(e.getRequest().containsHeader("Authorization")).isFalse());
    }

    private static void assertPrice(Map<String, Offer> offers, String id, String usd) {
        assertThat(offers).containsKey(id);
        assertThat(offers.get(id).price().pricePerHour().amount()).as(id).isEqualByComparingTo(new BigDecimal(usd));
    }
}
