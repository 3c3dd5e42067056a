package io.capacitybroker.provider.ovh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.capacitybroker.domain.Market;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.OfferKey;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import io.capacitybroker.provider.spi.Capability;
import io.capacitybroker.provider.spi.OfferFilter;
import io.capacitybroker.provider.spi.OwnedMachine;
import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.RentRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OvhProviderAdapterTest {

    private static OvhFake fake;

    @BeforeAll
    static void startFake() {
        fake = new OvhFake();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void resetFake() {
        fake.reset();
    }

    private static Map<String, Offer> byId(List<Offer> offers) {
        return offers.stream().collect(Collectors.toMap(o -> o.key().id(), o -> o));
    }

    @Test
    void listsOnDemandOffersPerRegionFromFlavorsJoinedWithTheCatalogInUsdPerHour() {
        MutableClock clock = new MutableClock(OvhFake.LOCAL_TIME);
        List<Offer> offers = fake.adapter(clock).listOffers(OfferFilter.all());

        Map<String, Offer> byId = byId(offers);
        // windows flavor left out (osType windows, and no catalog price); b3-8 and c3-4 in both regions
        assertThat(byId.keySet()).containsExactlyInAnyOrder(
                "ovh:GRA11:-:b3-8:on_demand", "ovh:GRA11:-:c3-4:on_demand",
                "ovh:SBG5:-:b3-8:on_demand", "ovh:SBG5:-:c3-4:on_demand");
        Offer b3 = byId.get("ovh:GRA11:-:b3-8:on_demand");
        // 4 700 000 × 10⁻⁸ EUR = 0.047 EUR/h × 1.08 USD/EUR = 0.05076 USD/h
        assertThat(b3.price().pricePerHour().currency().getCurrencyCode()).isEqualTo("USD");
        assertThat(b3.price().pricePerHour().amount()).isEqualByComparingTo("0.05076");
        assertThat(b3.shape().vcpus()).isEqualByComparingTo("2");
        assertThat(b3.shape().memoryGiB()).isEqualByComparingTo("8");
        assertThat(b3.shape().gpus()).isZero();
        assertThat(b3.key().zone()).isNull();
        assertThat(b3.key().market()).isEqualTo(Market.ON_DEMAND);
        assertThat(b3.price().source()).isEqualTo("ovh:order-catalog FR EUR@1.08 2026-11-20");
        assertThat(b3.price().fetchedAt()).isEqualTo(OvhFake.LOCAL_TIME);
        assertThat(b3.price().observedAt()).isEqualTo(OvhFake.LOCAL_TIME);
        assertThat(b3.available()).isEmpty();
        // c3-4: 4 360 000 × 10⁻⁸ = 0.0436 EUR/h → 0.047088 USD/h, 4 GiB
        Offer c3 = byId.get("ovh:SBG5:-:c3-4:on_demand");
        assertThat(c3.price().pricePerHour().amount()).isEqualByComparingTo("0.047088");
        assertThat(c3.shape().memoryGiB()).isEqualByComparingTo("4");
    }

    @Test
    void readsEveryPageOfAPagedFlavorListing() {
        List<Offer> gra = fake.adapter().listOffers(new OfferFilter(Set.of("GRA11"), Set.of(), Set.of()));

        // c3-4 is only on the second page of GRA11
        assertThat(gra).extracting(o -> o.key().instanceType()).containsExactlyInAnyOrder("b3-8", "c3-4");
        List<LoggedRequest> pages = fake.requests(OvhFake.FLAVORS);
        assertThat(pages).hasSize(2);
        assertThat(pages).extracting(r -> r.getHeader("X-Pagination-Cursor")).containsExactlyInAnyOrder(null,
                "gra11-page-2");
        // the region filter is applied before any flavor request: SBG5 was never asked
        assertThat(pages).allSatisfy(r -> assertThat(r.getUrl()).contains("region=GRA11"));
    }

    @Test
    void signedRequestsCarryKeysServerCorrectedTimestampAndAValidSignature() {
        fake.adapter().listOffers(OfferFilter.all());
        fake.adapter().listOwnedMachines();

        List<LoggedRequest> all = fake.server.getAllServeEvents().stream()
                .map(e -> (LoggedRequest) e.getRequest()).toList();
        List<LoggedRequest> signed = all.stream().filter(r -> r.getUrl().startsWith("/1.0/cloud/")
                || r.getUrl().startsWith("/1.0/dedicated/")).toList();
        assertThat(signed).hasSizeGreaterThan(5);
        assertThat(signed).allSatisfy(r -> {
            assertThat(r.getHeader("X-Ovh-Application")).isEqualTo(OvhFake.AK);
            assertThat(r.getHeader("X-Ovh-Consumer")).isEqualTo(OvhFake.CK);
            // the local clock is ~20 h ahead: the timestamp must be the server's time, not the local one
            assertThat(r.getHeader("X-Ovh-Timestamp")).isEqualTo(Long.toString(OvhFake.SERVER_TIME));
            assertThat(OvhFake.signatureValid(r)).as("signature of %s", r.getUrl()).isTrue();
            assertThat(r.getHeader("X-Ovh-Signature")).isEqualTo(OvhSigner.sign(OvhFake.AS, OvhFake.CK, "GET",
                    r.getAbsoluteUrl(), "", OvhFake.SERVER_TIME));
        });
        // the public catalog and the server time are not signed, and no secret ever goes on the wire
        assertThat(fake.requests(OvhFake.CATALOG)).allSatisfy(r -> assertThat(r.containsHeader("X-Ovh-Signature")).isFalse());
        assertThat(all).allSatisfy(r -> assertThat(r.getHeaders().all().toString()).doesNotContain(OvhFake.AS));
    }

    @Test
    void theServerTimeIsAskedOnceAndTheDeltaFollowsTheLocalClock() {
        MutableClock clock = new MutableClock(OvhFake.LOCAL_TIME);
        OvhProviderAdapter adapter = fake.adapter(clock);
        adapter.listOffers(new OfferFilter(Set.of("SBG5"), Set.of(), Set.of()));
        clock.advance(Duration.ofSeconds(100));
        adapter.listOffers(new OfferFilter(Set.of("SBG5"), Set.of(), Set.of()));

        assertThat(fake.requests("/1.0/auth/time")).hasSize(1);
        assertThat(fake.requests(OvhFake.FLAVORS)).extracting(r -> r.getHeader("X-Ovh-Timestamp"))
                .containsExactlyInAnyOrder(Long.toString(OvhFake.SERVER_TIME), Long.toString(OvhFake.SERVER_TIME + 100));
        // and both requests were accepted by the signature-checking fake
        assertThat(fake.requests(OvhFake.FLAVORS)).allSatisfy(r -> assertThat(OvhFake.signatureValid(r)).isTrue());
    }

    @Test
    void aWrongSecretIsRejectedAsAuthFailed() {
        OvhConfig wrong = fake.config().withCredentials(OvhFake.AK, "not-the-secret", OvhFake.CK);
        OvhProviderAdapter adapter = new OvhProviderAdapter(wrong, new MutableClock(OvhFake.LOCAL_TIME), fake.sleeper());

        assertThatThrownBy(() -> adapter.listOffers(OfferFilter.all()))
                .isInstanceOfSatisfying(ProviderException.AuthFailed.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.vendorCode()).contains("INVALID_SIGNATURE");
                    assertThat(e.getMessage()).contains("Invalid signature").doesNotContain("not-the-secret");
                });
        assertThat(fake.requests(OvhFake.REGIONS)).hasSize(1); // not retried
    }

    @Test
    void throttlingIsRetriedHonouringRetryAfterThenSucceeds() {
        fake.server.stubFor(OvhFake.signed(get(urlPathEqualTo(OvhFake.FLAVORS))).atPriority(1)
                .withQueryParam("region", equalTo("SBG5"))
                .inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"class\":\"Client::TooManyRequests\",\"message\":\"Too many requests\"}"))
                .willSetStateTo("recovered"));

        List<Offer> offers = fake.adapter().listOffers(new OfferFilter(Set.of("SBG5"), Set.of(), Set.of()));

        assertThat(offers).hasSize(2);
        assertThat(fake.requests(OvhFake.FLAVORS)).hasSize(2);
        assertThat(fake.sleeps).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void persistentServerErrorsBecomeUnavailableAfterTheLastAttempt() {
        fake.server.stubFor(get(urlPathEqualTo(OvhFake.CATALOG)).atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>")));

        assertThatThrownBy(() -> fake.adapter().listOffers(OfferFilter.all()))
                .isInstanceOfSatisfying(ProviderException.Unavailable.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("HTTP 503");
                });
        assertThat(fake.requests(OvhFake.CATALOG)).hasSize(4);
        assertThat(fake.sleeps).hasSize(3);
    }

    @Test
    void aMalformedBodyBecomesUnavailableNotAParserException() {
        fake.server.stubFor(OvhFake.signed(get(urlPathEqualTo(OvhFake.FLAVORS))).atPriority(1)
                .willReturn(okJson("[{\"name\":\"b3-8\",\"vcpus\":2,")));

        assertThatThrownBy(() -> fake.adapter().listOffers(OfferFilter.all()))
                .isInstanceOfSatisfying(ProviderException.Unavailable.class, e -> {
                    assertThat(e.vendorCode()).contains("MALFORMED_BODY");
                    assertThat(e.getMessage()).contains("malformed");
                });
    }

    @Test
    void aCatalogWithoutItsCurrencyIsMalformed() {
        fake.server.stubFor(get(urlPathEqualTo(OvhFake.CATALOG)).atPriority(1)
                .willReturn(okJson("{\"catalogId\":1,\"addons\":[]}")));

        assertThatThrownBy(() -> fake.adapter().listOffers(OfferFilter.all()))
                .isInstanceOf(ProviderException.Unavailable.class).hasMessageContaining("currencyCode");
    }

    @Test
    void unauthorizedAndForbiddenAnswersBecomeAuthFailed() {
        fake.server.stubFor(get(urlPathEqualTo(OvhFake.REGIONS)).atPriority(1)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"class\":\"Client::Forbidden\",\"message\":\"This call has not been granted\","
                                + "\"errorCode\":\"NOT_GRANTED_CALL\",\"httpCode\":\"403 Forbidden\"}")));
        fake.server.stubFor(get(urlPathEqualTo("/1.0/dedicated/server")).atPriority(1)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"errorCode\":\"INVALID_CREDENTIAL\",\"message\":\"This credential does not exist\"}")));
        OvhProviderAdapter adapter = fake.adapter();

        assertThatThrownBy(() -> adapter.listOffers(OfferFilter.all()))
                .isInstanceOfSatisfying(ProviderException.AuthFailed.class,
                        e -> assertThat(e.vendorCode()).contains("NOT_GRANTED_CALL"));
        assertThatThrownBy(adapter::listOwnedMachines)
                .isInstanceOfSatisfying(ProviderException.AuthFailed.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("This credential does not exist");
                });
        assertThat(fake.sleeps).isEmpty();
    }

    @Test
    void anUnknownProjectIsNotFound() {
        fake.server.stubFor(get(urlPathEqualTo(OvhFake.REGIONS)).atPriority(1)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"class\":\"Client::NotFound\",\"message\":\"This service does not exist\"}")));

        assertThatThrownBy(() -> fake.adapter().regions())
                .isInstanceOfSatisfying(ProviderException.NotFound.class, e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void connectionRefusedBecomesUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        OvhConfig config = fake.config().withEndpoint("http://127.0.0.1:" + closedPort + "/1.0");
        OvhProviderAdapter adapter = new OvhProviderAdapter(config, new MutableClock(OvhFake.LOCAL_TIME), d -> { });

        assertThatThrownBy(adapter::regions).isInstanceOfSatisfying(ProviderException.Unavailable.class,
                e -> assertThat(e.getMessage()).contains("connection refused"));
    }

    @Test
    void aTimeoutBecomesUnavailable() {
        fake.server.stubFor(get(urlPathEqualTo("/1.0/auth/time")).atPriority(1)
                .willReturn(okJson("1795362160").withFixedDelay(1500)));
        OvhConfig config = fake.config().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300),
                Duration.ofSeconds(2)).withRetry(1, Duration.ZERO, Duration.ZERO);
        OvhProviderAdapter adapter = new OvhProviderAdapter(config, new MutableClock(OvhFake.LOCAL_TIME), d -> { });

        assertThatThrownBy(adapter::regions).isInstanceOfSatisfying(ProviderException.Unavailable.class,
                e -> assertThat(e.getMessage()).contains("timed out"));
    }

    @Test
    void aCatalogInEuroNeedsAConfiguredRate() {
        OvhConfig noFx = fake.config().withFxRate(null);
        OvhProviderAdapter adapter = new OvhProviderAdapter(noFx, new MutableClock(OvhFake.LOCAL_TIME), d -> { });

        assertThatThrownBy(() -> adapter.listOffers(OfferFilter.all()))
                .isInstanceOfSatisfying(ProviderException.InvalidRequest.class,
                        e -> assertThat(e.getMessage()).contains("EUR").contains("fxRate"));
    }

    @Test
    void aSpotOnlyFilterNeedsNoRequestAtAll() {
        assertThat(fake.adapter().listOffers(new OfferFilter(Set.of(), Set.of(Market.SPOT), Set.of()))).isEmpty();
        assertThat(fake.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void theInstanceTypeFilterNarrowsTheListing() {
        List<Offer> offers = fake.adapter().listOffers(new OfferFilter(Set.of(), Set.of(), Set.of("c3-4")));
        assertThat(offers).extracting(o -> o.key().id())
                .containsExactlyInAnyOrder("ovh:GRA11:-:c3-4:on_demand", "ovh:SBG5:-:c3-4:on_demand");
    }

    @Test
    void regionsComeFromTheProjectWithLocationAndGridZone() {
        List<Region> regions = fake.adapter().regions();
        assertThat(regions).extracting(Region::code).containsExactly("GRA11", "SBG5");
        Region gra = regions.get(0);
        assertThat(gra.provider()).isEqualTo(ProviderId.OVH);
        assertThat(gra.country()).isEqualTo("France");
        assertThat(gra.gridZone()).isEqualTo("FR");
        assertThat(gra.location()).isNotNull();
    }

    @Test
    void configuredRegionsAreUsedWithoutAskingTheProject() {
        OvhConfig config = fake.config().withRegions(List.of("SBG5"));
        OvhProviderAdapter adapter = new OvhProviderAdapter(config, new MutableClock(OvhFake.LOCAL_TIME), d -> { });
        assertThat(adapter.listOffers(OfferFilter.all())).allSatisfy(o -> assertThat(o.key().region()).isEqualTo("SBG5"));
        assertThat(fake.requests(OvhFake.REGIONS)).isEmpty();
    }

    @Test
    void anOutOfStockFlavorIsListedWithNoAvailableNodes() {
        String page = OvhFake.fixture("ovh-cloud-project-flavor-list.json").replace("GRA11", "SBG5")
                .replace("\"available\": true", "\"available\": false");
        fake.server.stubFor(OvhFake.signed(get(urlPathEqualTo(OvhFake.FLAVORS))).atPriority(1)
                .withQueryParam("region", equalTo("SBG5")).willReturn(okJson(page)));
        List<Offer> offers = fake.adapter().listOffers(new OfferFilter(Set.of("SBG5"), Set.of(), Set.of()));
        assertThat(offers).isNotEmpty().allSatisfy(o -> assertThat(o.available()).hasValue(0));
    }

    @Test
    void ownedMachinesAreTheDedicatedServersWithTheirHardware() {
        List<OwnedMachine> machines = fake.adapter().listOwnedMachines();

        // the third server is in state "error" and is left out
        assertThat(machines).extracting(OwnedMachine::id)
                .containsExactly("ns3001234.ip-51-68-1.eu", "ns3005678.ip-54-38-2.eu");
        OwnedMachine scale = machines.get(0);
        assertThat(scale.provider()).isEqualTo(ProviderId.OVH);
        assertThat(scale.region()).isEqualTo("GRA");
        assertThat(scale.shape().instanceType()).isEqualTo("SCALE-7");
        assertThat(scale.shape().vcpus()).isEqualByComparingTo("128"); // 1 × 128 threads
        assertThat(scale.shape().memoryGiB()).isEqualByComparingTo("512"); // 524288 MB
        assertThat(scale.shape().architecture()).isEqualTo("amd64");
        assertThat(scale.measuredWatts()).isNull();
        OwnedMachine advance = machines.get(1);
        assertThat(advance.region()).isEqualTo("RBX");
        assertThat(advance.shape().vcpus()).isEqualByComparingTo("16");
        assertThat(advance.shape().memoryGiB()).isEqualByComparingTo("64");
        assertThat(fake.requests("/1.0/dedicated/server/ns3009999.ip-51-77-3.eu/specifications/hardware")).isEmpty();
    }

    @Test
    void aServerThatDisappearsMidListingIsNotFound() {
        fake.server.stubFor(get(urlPathEqualTo("/1.0/dedicated/server/ns3005678.ip-54-38-2.eu")).atPriority(1)
                .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"The requested object "
                        + "(serviceName = ns3005678.ip-54-38-2.eu) does not exist\"}")));
        assertThatThrownBy(() -> fake.adapter().listOwnedMachines()).isInstanceOf(ProviderException.NotFound.class);
    }

    @Test
    void capabilitiesSayWhatIsMissingAndWhy() {
        OvhProviderAdapter adapter = fake.adapter();
        assertThat(adapter.capabilities().supports(Capability.LIST_OFFERS)).isTrue();
        assertThat(adapter.capabilities().supports(Capability.ON_DEMAND_PRICES)).isTrue();
        assertThat(adapter.capabilities().supports(Capability.LIST_OWNED)).isTrue();
        assertThat(adapter.capabilities().reasonUnsupported(Capability.SPOT_PRICES)).contains("OVHcloud has no spot market");
        assertThat(adapter.capabilities().reasonUnsupported(Capability.RENT_SPOT)).contains("OVHcloud has no spot market");
        assertThat(adapter.capabilities().reasonUnsupported(Capability.CAPACITY_SIGNALS).orElseThrow()).contains("publishes no");
        for (Capability c : List.of(Capability.RENT_ON_DEMAND, Capability.RELEASE, Capability.LIST_NODES)) {
            assertThat(adapter.capabilities().reasonUnsupported(c)).contains("actuation arrives with the fleet actuation issue");
        }
        OfferKey key = new OfferKey(ProviderId.OVH, "GRA11", null, "b3-8", Market.ON_DEMAND);
        assertThatThrownBy(() -> adapter.rent(RentRequest.of("lease-1", key))).isInstanceOf(ProviderException.Unsupported.class);
        assertThatThrownBy(() -> adapter.release("x")).isInstanceOf(ProviderException.Unsupported.class);
        assertThatThrownBy(adapter::listNodes).isInstanceOf(ProviderException.Unsupported.class);
        assertThatThrownBy(() -> adapter.capacitySignals(List.of(key))).isInstanceOf(ProviderException.Unsupported.class);
        assertThat(fake.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void withoutCredentialsNothingIsCalledAndTheReasonIsGiven() {
        OvhConfig none = OvhConfig.defaults().withEndpoint(fake.endpoint()).withProjectId(OvhFake.PROJECT);
        OvhProviderAdapter adapter = new OvhProviderAdapter(none, new MutableClock(OvhFake.LOCAL_TIME), d -> { });
        assertThat(adapter.capabilities().reasonUnsupported(Capability.LIST_OFFERS).orElseThrow()).contains("credentials");
        assertThatThrownBy(() -> adapter.listOffers(OfferFilter.all())).isInstanceOf(ProviderException.Unsupported.class);
        assertThatThrownBy(adapter::listOwnedMachines).isInstanceOf(ProviderException.Unsupported.class);
        assertThat(adapter.regions()).isEmpty();
        assertThat(fake.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void theConfigNeverShowsTheSecrets() {
        String s = fake.config().toString() + fake.adapter().toString();
        assertThat(s).doesNotContain(OvhFake.AS).doesNotContain(OvhFake.CK).contains("<redacted>");
    }

    @Test
    void pricesKeepExactDecimals() {
        Offer b3 = byId(fake.adapter().listOffers(OfferFilter.all())).get("ovh:SBG5:-:b3-8:on_demand");
        assertThat(b3.price().pricePerHour().amount()).isEqualTo(new BigDecimal("0.05076"));
    }

    @Test
    void aCursorThatNeverMovesIsMalformedNotAnEndlessLoop() {
        fake.server.stubFor(OvhFake.signed(get(urlPathEqualTo(OvhFake.FLAVORS))).atPriority(1)
                .withQueryParam("region", equalTo("SBG5"))
                .willReturn(okJson("[]").withHeader("X-Pagination-Cursor-Next", "same")));

        assertThatThrownBy(() -> fake.adapter().listOffers(new OfferFilter(Set.of("SBG5"), Set.of(), Set.of())))
                .isInstanceOf(ProviderException.Unavailable.class).hasMessageContaining("cursor repeats");
        assertThat(fake.requests(OvhFake.FLAVORS)).hasSize(2);
    }

    @Test
    void oddFlavorsAreSkippedAndTheRestIsListed() {
        String page = "[{\"name\":\"b3-8\",\"region\":\"SBG5\",\"vcpus\":\"two\",\"ram\":8,\"osType\":\"linux\","
                + "\"planCodes\":{\"hourly\":\"b3-8.consumption\"}},"
                + "{\"name\":\"c3-4\",\"region\":\"SBG5\",\"vcpus\":2,\"ram\":4,\"osType\":\"linux\","
                + "\"planCodes\":{\"hourly\":\"c3-4.consumption\"}},"
                + "{\"name\":\"c3-4\",\"region\":\"SBG5\",\"vcpus\":2,\"ram\":4,\"osType\":\"linux\","
                + "\"planCodes\":{\"hourly\":\"c3-4.consumption\"}},"
                + "{\"name\":\"a:b\",\"region\":\"SBG5\",\"vcpus\":2,\"ram\":4,\"osType\":\"linux\","
                + "\"planCodes\":{\"hourly\":\"c3-4.consumption\"}},"
                + "{\"name\":\"d2-2\",\"region\":\"SBG5\",\"vcpus\":1,\"ram\":2,\"osType\":\"linux\","
                + "\"planCodes\":{\"hourly\":\"d2-2.consumption\"}}]";
        fake.server.stubFor(OvhFake.signed(get(urlPathEqualTo(OvhFake.FLAVORS))).atPriority(1)
                .withQueryParam("region", equalTo("SBG5")).willReturn(okJson(page)));

        // bad vcpus, a duplicate, a name with ':' and a flavor without a catalog price are left out
        assertThat(fake.adapter().listOffers(new OfferFilter(Set.of("SBG5"), Set.of(), Set.of())))
                .extracting(o -> o.key().id()).containsExactly("ovh:SBG5:-:c3-4:on_demand");
    }

    @Test
    void theCatalogsLastModifiedIsTheObservedTime() {
        fake.server.stubFor(get(urlPathEqualTo(OvhFake.CATALOG)).atPriority(1)
                .willReturn(okJson(OvhFake.fixture("ovh-order-catalog-public-cloud.json"))
                        .withHeader("Last-Modified", "Fri, 20 Nov 2026 08:00:00 GMT")));

        Offer any = fake.adapter().listOffers(OfferFilter.all()).get(0);
        assertThat(any.price().observedAt()).isEqualTo(java.time.Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(any.price().fetchedAt()).isEqualTo(OvhFake.LOCAL_TIME);
    }

    @Test
    void windowsFlavorsAreListedWhenAskedAndPriced() {
        tools.jackson.databind.node.ObjectNode catalog = (tools.jackson.databind.node.ObjectNode)
                OvhFake.json(OvhFake.fixture("ovh-order-catalog-public-cloud.json"));
        tools.jackson.databind.node.ObjectNode win = ((tools.jackson.databind.node.ObjectNode) catalog.get("addons").get(0))
                .deepCopy();
        win.put("planCode", "win-b3-8.consumption");
        ((tools.jackson.databind.node.ObjectNode) win.get("pricings").get(0)).put("price", 9_200_000);
        ((tools.jackson.databind.node.ArrayNode) catalog.get("addons")).add(win);
        fake.server.stubFor(get(urlPathEqualTo(OvhFake.CATALOG)).atPriority(1).willReturn(okJson(catalog.toString())));
        OvhConfig config = fake.config().withIncludeWindowsFlavors(true);
        OvhProviderAdapter withWindows = new OvhProviderAdapter(config, new MutableClock(OvhFake.LOCAL_TIME), d -> { });

        Map<String, Offer> offers = byId(withWindows.listOffers(new OfferFilter(Set.of("GRA11"), Set.of(), Set.of())));
        Offer w = offers.get("ovh:GRA11:-:win-b3-8:on_demand");
        assertThat(w).isNotNull();
        assertThat(w.price().pricePerHour().amount()).isEqualByComparingTo("0.09936"); // 0.092 EUR × 1.08
        assertThat(w.available()).hasValue(0); // the fixture's win-b3-8 is "available": false
        // and without the flag it stays out even though it is priced
        assertThat(byId(fake.adapter().listOffers(OfferFilter.all()))).doesNotContainKey("ovh:GRA11:-:win-b3-8:on_demand");
    }
}
