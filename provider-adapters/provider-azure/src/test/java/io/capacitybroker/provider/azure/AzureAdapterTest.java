package io.capacitybroker.provider.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.capacitybroker.domain.CapacitySignal;
import io.capacitybroker.domain.Market;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.OfferKey;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import io.capacitybroker.provider.spi.Capability;
import io.capacitybroker.provider.spi.OfferFilter;
import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.RentRequest;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The adapter against a local fake speaking the Azure wire formats. */
class AzureAdapterTest {

    private static AzureFake fake;

    @BeforeAll
    static void startFake() {
        fake = new AzureFake();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void freshFake() {
        fake.reset();
    }

    private static OfferKey key(String region, String type, Market market) {
        return new OfferKey(ProviderId.AZURE, region, null, type, market);
    }

    // ------------------------------------------------------------------ prices and shapes

    @Test
    void pricesAreParsedClassifiedAndNormalised() {
        fake.stubAll();
        List<Offer> offers = fake.adapter().listOffers(OfferFilter.all());

        assertThat(offers).extracting(o -> o.key().id(), o -> o.price().pricePerHour().amount().toPlainString(),
                o -> o.price().observedAt()).containsExactly(
                tuple("azure:westeurope:-:Standard_D2s_v5:on_demand", "0.096", Instant.parse("2025-04-01T00:00:00Z")),
                tuple("azure:westeurope:-:Standard_D2s_v5:spot", "0.01152", Instant.parse("2026-11-01T00:00:00Z")),
                tuple("azure:westeurope:-:Standard_D4s_v5:on_demand", "0.192", Instant.parse("2025-04-01T00:00:00Z")),
                tuple("azure:westeurope:-:Standard_D4s_v5:spot", "0.02304", Instant.parse("2026-11-15T00:00:00Z")));
        assertThat(offers).allSatisfy(o -> {
            assertThat(o.price().pricePerHour().currency().getCurrencyCode()).isEqualTo("USD");
            assertThat(o.price().fetchedAt()).isEqualTo(AzureFake.NOW);
            assertThat(o.price().source()).isEqualTo("azure:RetailPrices");
            assertThat(o.key().zone()).isNull();
        });
        Offer d2 = offers.get(0);
        assertThat(d2.shape().vcpus()).isEqualByComparingTo("2");
        assertThat(d2.shape().memoryGiB()).isEqualByComparingTo("8");
        assertThat(d2.shape().architecture()).isEqualTo("amd64");
        assertThat(d2.shape().gpus()).isZero();
        // Windows (0.188, 0.03992), Low Priority (0.0192), Reservation (519) and DevTest rows never become offers;
        // the NC4as T4 v3 size is restricted for the subscription; D2ps_v5 has a shape but no price
        assertThat(offers).extracting(o -> o.price().pricePerHour().amount())
                .noneMatch(p -> Set.of("0.188", "0.03992", "0.0192", "519.0", "2.5").contains(p.toPlainString()));
    }

    @Test
    void everyPageOfEveryListingIsFollowed() {
        fake.stubAll();
        fake.adapter().listOffers(OfferFilter.all());

        List<LoggedRequest> prices = fake.server.findAll(getRequestedFor(urlPathEqualTo(AzureFake.PRICES)));
        assertThat(prices).hasSize(3);
        LoggedRequest first = prices.get(0);
        assertThat(first.queryParameter("api-version").firstValue()).isEqualTo("2023-01-01-preview");
        assertThat(first.queryParameter("$filter").firstValue()).isEqualTo(
                "serviceName eq 'Virtual Machines' and priceType eq 'Consumption' and armRegionName eq 'westeurope'");
        assertThat(prices.get(1).queryParameter("$skip").firstValue()).isEqualTo("1000");
        // NextPageLink without api-version gets ours, so the case-sensitive filter semantics stay the same
        assertThat(prices.get(1).queryParameter("api-version").firstValue()).isEqualTo("2023-01-01-preview");
        assertThat(prices.get(2).queryParameter("$skip").firstValue()).isEqualTo("2000");

        List<LoggedRequest> skus = fake.server.findAll(getRequestedFor(urlPathEqualTo(AzureFake.SKUS)));
        assertThat(skus).hasSize(2);
        assertThat(skus.get(0).queryParameter("$filter").firstValue()).isEqualTo("location eq 'westeurope'");
        assertThat(skus.get(1).queryParameter("$skiptoken").firstValue()).isEqualTo("page2");
    }

    @Test
    void sizesOnTheSecondSkuPageAreUsed() {
        fake.stubAll();
        // D2ps_v5 (Arm64) is only on the second SKU page; give it a price
        fake.server.stubFor(get(urlPathEqualTo(AzureFake.PRICES)).withQueryParam("$skip", equalTo("2000"))
                .willReturn(fake.json("""
                        {"BillingCurrency":"USD","Items":[{"currencyCode":"USD","tierMinimumUnits":0.0,
                        "retailPrice":0.077,"unitPrice":0.077,"armRegionName":"westeurope","location":"EU West",
                        "effectiveStartDate":"2025-01-01T00:00:00Z","meterName":"D2ps v5","productName":
                        "Virtual Machines Dpsv5 Series Linux","skuName":"D2ps v5","serviceName":"Virtual Machines",
                        "unitOfMeasure":"1 Hour","type":"Consumption","isPrimaryMeterRegion":true,
                        "armSkuName":"Standard_D2ps_v5"}],"NextPageLink":null,"Count":1}""")));
        List<Offer> offers = fake.adapter().listOffers(
                new OfferFilter(Set.of(), Set.of(), Set.of("Standard_D2ps_v5")));
        assertThat(offers).singleElement().satisfies(o -> {
            assertThat(o.shape().architecture()).isEqualTo("arm64");
            assertThat(o.price().pricePerHour().amount()).isEqualByComparingTo("0.077");
        });
    }

    @Test
    void theFilterNarrowsRegionsMarketsAndTypes() {
        fake.stubAll();
        AzureProviderAdapter adapter = fake.adapter();
        assertThat(adapter.listOffers(new OfferFilter(Set.of(), Set.of(Market.SPOT), Set.of("Standard_D4s_v5"))))
                .extracting(o -> o.key().id()).containsExactly("azure:westeurope:-:Standard_D4s_v5:spot");
        int before = fake.server.getAllServeEvents().size();
        assertThat(adapter.listOffers(new OfferFilter(Set.of("northeurope"), Set.of(), Set.of()))).isEmpty();
        assertThat(fake.server.getAllServeEvents()).hasSize(before); // not configured: nothing asked
    }

    @Test
    void withoutConfiguredRegionsEveryPhysicalLocationIsListed() {
        fake.stubAll();
        fake.server.stubFor(get(urlPathEqualTo(AzureFake.SKUS)).withQueryParam("$filter",
                equalTo("location eq 'northeurope'")).willReturn(fake.json("{\"value\":[]}")));
        fake.server.stubFor(get(urlPathEqualTo(AzureFake.PRICES))
                .withQueryParam("$filter", containing("armRegionName eq 'northeurope'"))
                .withQueryParam("$skip", absent())
                .willReturn(fake.json(fake.fixture("azure-retail-prices-last-page.json"))));
        AzureProviderAdapter adapter = fake.adapter(fake.config().withRegions(List.of()));

        assertThat(adapter.regions()).extracting(Region::code).containsExactly("northeurope", "westeurope");
        assertThat(adapter.listOffers(OfferFilter.all())).hasSize(4);
        assertThat(fake.server.findAll(getRequestedFor(urlPathEqualTo(AzureFake.PRICES))
                .withQueryParam("$filter", containing("northeurope")))).hasSize(1);
        assertThat(fake.server.findAll(getRequestedFor(urlPathEqualTo(AzureFake.PRICES))
                .withQueryParam("$filter", containing("'europe'")))).isEmpty(); // logical location
    }

    @Test
    void regionsComeFromTheSubscriptionLocations() {
        fake.stubAll();
        List<Region> regions = fake.adapter().regions();
        assertThat(regions).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("westeurope");
            assertThat(r.displayName()).isEqualTo("West Europe");
            assertThat(r.location().latitude()).isEqualTo(52.3667);
            assertThat(r.location().longitude()).isEqualTo(4.9);
        });
    }

    // ------------------------------------------------------------------ retries and errors: Retail Prices

    @Test
    void throttlingThenSuccessRetriesAndHonoursRetryAfter() {
        fake.stubAll();
        fake.server.stubFor(get(urlPathEqualTo(AzureFake.PRICES)).withQueryParam("$skip", equalTo("1000"))
                .inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")
                        .withBody("{\"Error\":{\"Code\":\"TooManyRequests\",\"Message\":\"slow down\"}}"))
                .willSetStateTo("served"));
        fake.server.stubFor(get(urlPathEqualTo(AzureFake.PRICES)).withQueryParam("$skip", equalTo("1000"))
                .inScenario("throttle").whenScenarioStateIs("served")
                .willReturn(fake.json(fake.fixture("azure-retail-prices-page2-westeurope.json"))));

        List<Offer> offers = fake.adapter().listOffers(OfferFilter.all());

        assertThat(offers).hasSize(4);
        assertThat(fake.sleeps).containsExactly(Duration.ofSeconds(3));
        assertThat(fake.server.findAll(getRequestedFor(urlPathEqualTo(AzureFake.PRICES)))).hasSize(4);
    }

    @Test
    void persistentServerErrorsBecomeUnavailableAfterTheLastAttempt() {
        fake.stubAll();
        fake.server.stubFor(get(urlPathEqualTo(AzureFake.PRICES)).willReturn(aResponse().withStatus(503)
                .withBody("<html>Service Unavailable</html>")));

        assertThatThrownBy(() -> fake.adapter().listOffers(OfferFilter.all()))
                .isInstanceOf(ProviderException.Unavailable.class)
                .satisfies(e -> assertThat(((ProviderException) e).retryable()).isTrue());
        assertThat(fake.server.findAll(getRequestedFor(urlPathEqualTo(AzureFake.PRICES)))).hasSize(3);
        assertThat(fake.sleeps).hasSize(2);
    }

    @ParameterizedTest(name = "Retail Prices body {0}")
    @CsvSource(delimiter = '|', value = {
            "{\"Items\": [ {\"armSkuName\": ",
            "<html>maintenance</html>",
            "{\"BillingCurrency\":\"USD\",\"NextPageLink\":null}",
    })
    void malformedPriceBodiesBecomeUnavailable(String body) {
        fake.stubAll();
        fake.server.stubFor(get(urlPathEqualTo(AzureFake.PRICES)).withQueryParam("$skip", equalTo("1000"))
                .willReturn(fake.json(body)));
        assertThatThrownBy(() -> fake.adapter().listOffers(OfferFilter.all()))
                .isInstanceOf(ProviderException.Unavailable.class)
                .hasMessageContaining("malformed");
    }

    @ParameterizedTest(name = "Retail Prices HTTP {0}")
    @CsvSource({"401", "403"})
    void authFailuresAreTypedAndNotRetried(int status) {
        fake.stubAll();
        fake.server.stubFor(get(urlPathEqualTo(AzureFake.PRICES)).willReturn(aResponse().withStatus(status)));
        assertThatThrownBy(() -> fake.adapter().listOffers(OfferFilter.all()))
                .isInstanceOf(ProviderException.AuthFailed.class);
        assertThat(fake.server.findAll(getRequestedFor(urlPathEqualTo(AzureFake.PRICES)))).hasSize(1);
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        AzureProviderAdapter adapter = fake.adapter(fake.config()
                .withLocalFake(URI.create("http://127.0.0.1:" + closedPort)));
        assertThatThrownBy(() -> adapter.listOffers(OfferFilter.all()))
                .isInstanceOf(ProviderException.Unavailable.class);
        assertThatThrownBy(adapter::regions).isInstanceOf(ProviderException.Unavailable.class);
    }

    @Test
    void slowAnswersTimeOutAsUnavailable() {
        fake.stubAll();
        fake.server.stubFor(get(urlPathEqualTo(AzureFake.PRICES)).withQueryParam("$skip", equalTo("1000"))
                .willReturn(fake.json(fake.fixture("azure-retail-prices-page2-westeurope.json")).withFixedDelay(2000)));
        AzureConfig impatient = fake.config().withRetries(2, Duration.ofMillis(10), Duration.ofMillis(10))
                .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(400), Duration.ofMillis(800));
        assertThatThrownBy(() -> fake.adapter(impatient).listOffers(OfferFilter.all()))
                .isInstanceOf(ProviderException.Unavailable.class);

        fake.reset().stubAll();
        fake.server.stubFor(get(urlPathEqualTo(AzureFake.SKUS)).willReturn(
                fake.json(fake.fixture("azure-arm-resource-skus-westeurope.json")).withFixedDelay(2000)));
        assertThatThrownBy(() -> fake.adapter(impatient).listOffers(OfferFilter.all()))
                .isInstanceOf(ProviderException.Unavailable.class);
        assertThat(fake.server.findAll(getRequestedFor(urlPathEqualTo(AzureFake.SKUS)))).hasSize(2);
    }

    // ------------------------------------------------------------------ retries and errors: ARM through the SDK

    @ParameterizedTest(name = "ARM HTTP {0} {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "403 | AuthorizationFailed | The client does not have authorization to perform action | AuthFailed          | 1",
            "401 | InvalidAuthenticationToken | The access token is invalid                        | AuthFailed          | 1",
            "409 | SkuNotAvailable     | The requested size is currently not available in location | CapacityUnavailable | 3",
            "409 | OperationNotAllowed | Operation could not be completed as it results in exceeding approved Total Regional Cores quota | QuotaExceeded | 1",
            "404 | ResourceNotFound    | The Resource was not found                                 | NotFound            | 1",
            "404 | SubscriptionNotFound | The subscription 'sub-0' could not be found               | NotFound            | 1",
            "400 | InvalidParameter    | The value of parameter $filter is invalid                  | InvalidRequest      | 1",
            "500 | InternalServerError | Encountered internal server error                          | Unavailable         | 3",
    })
    void armErrorBodiesBecomeTypedErrors(int status, String code, String message, String expected, int requests) {
        fake.stubAll();
        fake.server.stubFor(get(urlPathEqualTo(AzureFake.SKUS)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}")));

        assertThatThrownBy(() -> fake.adapter().listOffers(OfferFilter.all()))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.getClass().getSimpleName()).isEqualTo(expected);
                    assertThat(e.vendorCode()).contains(code);
                });
        assertThat(fake.server.findAll(getRequestedFor(urlPathEqualTo(AzureFake.SKUS)))).hasSize(requests);
    }

    @Test
    void armThrottlingThenSuccessRetriesThroughTheSdk() {
        fake.stubAll();
        fake.server.stubFor(get(urlPathEqualTo(AzureFake.SKUS)).withQueryParam("$skiptoken", equalTo("page2"))
                .inScenario("arm-throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"throttled\"}}"))
                .willSetStateTo("served"));
        fake.server.stubFor(get(urlPathEqualTo(AzureFake.SKUS)).withQueryParam("$skiptoken", equalTo("page2"))
                .inScenario("arm-throttle").whenScenarioStateIs("served")
                .willReturn(fake.json(fake.fixture("azure-arm-resource-skus-westeurope-page2.json"))));

        assertThat(fake.adapter().listOffers(OfferFilter.all())).hasSize(4);
        assertThat(fake.sleeps).containsExactly(Duration.ofSeconds(2));
        // the first page was not fetched again: only the throttled page is retried
        assertThat(fake.server.findAll(getRequestedFor(urlPathEqualTo(AzureFake.SKUS))
                .withQueryParam("$skiptoken", absent()))).hasSize(1);
    }

    @Test
    void malformedArmBodiesBecomeUnavailable() {
        fake.stubAll();
        fake.server.stubFor(get(urlPathEqualTo(AzureFake.SKUS)).willReturn(fake.json("{\"value\": [ {\"name\": ")));
        assertThatThrownBy(() -> fake.adapter().listOffers(OfferFilter.all()))
                .isInstanceOf(ProviderException.Unavailable.class);
        fake.server.stubFor(get(urlPathEqualTo(AzureFake.LOCATIONS)).willReturn(fake.json("not json at all")));
        assertThatThrownBy(() -> fake.adapter().regions()).isInstanceOf(ProviderException.Unavailable.class);
    }

    @Test
    void aMissingSubscriptionIsAnAuthFailureNotACrash() {
        fake.stubAll();
        AzureConfig noSub = new AzureConfig(" ", null, List.of("westeurope"), URI.create(fake.baseUrl()),
                URI.create(fake.baseUrl() + "/"), false, null, null, null, 1, null, null, 0, 1, null, null, 0, null,
                null, null);
        org.junit.jupiter.api.Assumptions.assumeTrue(noSub.subscriptionId() == null,
                "AZURE_SUBSCRIPTION_ID is set in this environment");
        assertThatThrownBy(() -> fake.adapter(noSub).regions()).isInstanceOf(ProviderException.AuthFailed.class);
    }

    // ------------------------------------------------------------------ capacity signals

    @Test
    void evictionRatesAndPlacementScoresBecomeSignals() {
        fake.stubAll();
        AzureProviderAdapter adapter = fake.adapter(fake.config().withRegions(List.of("westeurope", "northeurope")));
        OfferKey d2we = key("westeurope", "Standard_D2s_v5", Market.SPOT);
        OfferKey d4we = key("westeurope", "Standard_D4s_v5", Market.SPOT);
        OfferKey d2ne = key("northeurope", "Standard_D2s_v5", Market.SPOT);
        OfferKey d4ne = key("northeurope", "Standard_D4s_v5", Market.SPOT);
        OfferKey onDemand = key("westeurope", "Standard_D2s_v5", Market.ON_DEMAND);

        List<CapacitySignal> signals = adapter.capacitySignals(List.of(d2we, d4we, d2ne, d4ne, onDemand));

        Duration window = Duration.ofDays(28);
        assertThat(signals).extracting(CapacitySignal::offer, CapacitySignal::kind, s -> s.value().stripTrailingZeros())
                .containsExactlyInAnyOrder(
                        tuple(d2we, CapacitySignal.Kind.INTERRUPTION_RATE_PER_HOUR, SpotEvictionRates.perHour("0-5", window)),
                        tuple(d2ne, CapacitySignal.Kind.INTERRUPTION_RATE_PER_HOUR, SpotEvictionRates.perHour("5-10", window)),
                        tuple(d4we, CapacitySignal.Kind.INTERRUPTION_RATE_PER_HOUR, SpotEvictionRates.perHour("10-15", window)),
                        tuple(d2we, CapacitySignal.Kind.PLACEMENT_SCORE, BigDecimal.valueOf(3)), // best of High, Medium
                        tuple(d2ne, CapacitySignal.Kind.PLACEMENT_SCORE, BigDecimal.ONE),        // Low
                        tuple(d4ne, CapacitySignal.Kind.CAPACITY_ERROR, BigDecimal.ONE));       // RestrictedSkuNotAvailable
        // d4we is DataNotFoundOrStale: no placement signal; nothing for the on-demand pool
        assertThat(signals).allSatisfy(s -> {
            assertThat(s.fetchedAt()).isEqualTo(AzureFake.NOW);
            assertThat(s.source()).isIn("azure:ResourceGraph/SpotResources", "azure:SpotPlacementScores");
        });
        assertThat(SpotEvictionRates.perHour("0-5", window).doubleValue()).isBetween(3e-5, 4e-5);

        fake.server.verify(postRequestedFor(urlPathEqualTo(AzureFake.GRAPH))
                .withQueryParam("api-version", equalTo("2021-03-01"))
                .withRequestBody(matchingJsonPath("$.query", containing("SpotResources")))
                .withRequestBody(matchingJsonPath("$.query", containing("'northeurope','westeurope'")))
                .withRequestBody(matchingJsonPath("$.subscriptions[0]", equalTo("sub-0")))
                .withRequestBody(matchingJsonPath("$.options.resultFormat", equalTo("objectArray"))));
        fake.server.verify(postRequestedFor(urlPathMatching(AzureFake.PLACEMENT))
                .withQueryParam("api-version", equalTo("2025-06-05"))
                .withRequestBody(matchingJsonPath("$.desiredLocations[0]", equalTo("northeurope")))
                .withRequestBody(matchingJsonPath("$.desiredSizes[0].sku", equalTo("Standard_D2s_v5")))
                .withRequestBody(matchingJsonPath("$.desiredSizes[1].sku", equalTo("Standard_D4s_v5"))));
    }

    @Test
    void resourceGraphPagesAreFollowedBySkipToken() {
        fake.stubAll();
        fake.server.stubFor(post(urlPathEqualTo(AzureFake.GRAPH))
                .withRequestBody(matchingJsonPath("$.options.$skipToken", absent()))
                .willReturn(fake.json("""
                        {"totalRecords":2,"count":1,"resultTruncated":"false","$skipToken":"tok-2",
                         "data":[{"skuName":"standard_d2s_v5","location":"westeurope","evictionRate":"20+"}]}""")));
        fake.server.stubFor(post(urlPathEqualTo(AzureFake.GRAPH))
                .withRequestBody(matchingJsonPath("$.options.$skipToken", equalTo("tok-2")))
                .willReturn(fake.json("""
                        {"totalRecords":2,"count":1,"resultTruncated":"false",
                         "data":[{"skuName":"standard_d4s_v5","location":"westeurope","evictionRate":"15-20"}]}""")));
        AzureProviderAdapter adapter = fake.adapter(fake.config().withSignals(false, true));

        List<CapacitySignal> signals = adapter.capacitySignals(List.of(
                key("westeurope", "Standard_D2s_v5", Market.SPOT), key("westeurope", "Standard_D4s_v5", Market.SPOT)));

        assertThat(signals).extracting(s -> s.offer().instanceType(), CapacitySignal::value).containsExactlyInAnyOrder(
                tuple("Standard_D2s_v5", SpotEvictionRates.perHour("20+", Duration.ofDays(28))),
                tuple("Standard_D4s_v5", SpotEvictionRates.perHour("15-20", Duration.ofDays(28))));
        assertThat(fake.server.findAll(postRequestedFor(urlPathEqualTo(AzureFake.GRAPH)))).hasSize(2);
    }

    @Test
    void aForbiddenPlacementScoreLeavesTheEvictionRatesButBothFailingThrows() {
        fake.stubAll();
        fake.server.stubFor(post(urlPathMatching(AzureFake.PLACEMENT)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"needs Compute Recommendations Role\"}}")));
        OfferKey d2we = key("westeurope", "Standard_D2s_v5", Market.SPOT);
        assertThat(fake.adapter().capacitySignals(List.of(d2we)))
                .extracting(CapacitySignal::kind).containsExactly(CapacitySignal.Kind.INTERRUPTION_RATE_PER_HOUR);

        fake.server.stubFor(post(urlPathEqualTo(AzureFake.GRAPH)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"no read\"}}")));
        assertThatThrownBy(() -> fake.adapter().capacitySignals(List.of(d2we)))
                .isInstanceOf(ProviderException.AuthFailed.class);
    }

    @Test
    void poolsWithOddRegionNamesAreNotSentToAzure() {
        fake.stubAll();
        OfferKey odd = key("west'europe", "Standard_D2s_v5", Market.SPOT);
        assertThat(fake.adapter().capacitySignals(List.of(odd))).isEmpty();
        assertThat(fake.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void malformedPlacementScoresAreUnavailable() {
        fake.stubAll();
        fake.server.stubFor(post(urlPathMatching(AzureFake.PLACEMENT)).willReturn(fake.json("{\"placementScores\": 7")));
        AzureProviderAdapter adapter = fake.adapter(fake.config().withSignals(true, false));
        assertThatThrownBy(() -> adapter.capacitySignals(List.of(key("westeurope", "Standard_D2s_v5", Market.SPOT))))
                .isInstanceOf(ProviderException.Unavailable.class);
    }

    // ------------------------------------------------------------------ capabilities

    @Test
    void actuationIsUnsupportedWithAReason() {
        AzureProviderAdapter adapter = fake.adapter();
        assertThat(adapter.capabilities().reasonUnsupported(Capability.RENT_SPOT))
                .contains("actuation arrives with the fleet actuation issue");
        assertThat(adapter.capabilities().supports(Capability.LIST_OFFERS)).isTrue();
        assertThat(adapter.capabilities().supports(Capability.SPOT_PRICES)).isTrue();
        assertThat(adapter.capabilities().supports(Capability.INTERRUPTION_RATES)).isTrue();
        OfferKey k = key("westeurope", "Standard_D2s_v5", Market.ON_DEMAND);
        assertThatThrownBy(() -> adapter.rent(RentRequest.of("lease-1", k)))
                .isInstanceOf(ProviderException.Unsupported.class);
        assertThatThrownBy(() -> adapter.release("vm-1")).isInstanceOf(ProviderException.Unsupported.class);
        assertThatThrownBy(adapter::listNodes).isInstanceOf(ProviderException.Unsupported.class);
        assertThatThrownBy(adapter::listOwnedMachines).isInstanceOf(ProviderException.Unsupported.class);
        assertThat(fake.server.getAllServeEvents()).isEmpty();

        AzureProviderAdapter noSignals = fake.adapter(fake.config().withSignals(false, false));
        assertThat(noSignals.capabilities().supports(Capability.CAPACITY_SIGNALS)).isFalse();
        assertThatThrownBy(() -> noSignals.capacitySignals(List.of(k))).isInstanceOf(ProviderException.Unsupported.class);
    }
}
