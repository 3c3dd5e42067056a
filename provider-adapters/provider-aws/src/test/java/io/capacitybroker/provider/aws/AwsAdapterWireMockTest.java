package io.capacitybroker.provider.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.capacitybroker.provider.aws.AwsWire.ec2;
import static io.capacitybroker.provider.aws.AwsWire.ec2Error;
import static io.capacitybroker.provider.aws.AwsWire.getProducts;
import static io.capacitybroker.provider.aws.AwsWire.json;
import static io.capacitybroker.provider.aws.AwsWire.jsonError;
import static io.capacitybroker.provider.aws.AwsWire.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.capacitybroker.domain.CapacitySignal;
import io.capacitybroker.domain.Market;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.domain.OfferKey;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.provider.spi.Capability;
import io.capacitybroker.provider.spi.OfferFilter;
import io.capacitybroker.provider.spi.ProviderException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against WireMock speaking EC2's AWS Query XML and the Price List's JSON 1.1. */
class AwsAdapterWireMockTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final String R1 = "us-east-1";

    WireMockServer wm;
    List<Duration> sleeps = new CopyOnWriteArrayList<>();
    AwsProviderAdapter adapter;

    @BeforeEach
    void start() {
        wm = AwsWire.startWireMockWithJournal();
    }

    @AfterEach
    void stop() {
        if (adapter != null) {
            adapter.close();
        }
        wm.stop();
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + wm.port());
    }

    private AwsProviderAdapter adapter(List<String> regions, URI advisor) {
        AwsAdapterConfig cfg = AwsAdapterConfig.forLocalEndpoints(base(), base(), advisor)
                .withRegions(regions).withRetry(4, Duration.ofMillis(200), Duration.ofSeconds(10))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
        adapter = new AwsProviderAdapter(cfg, Clock.fixed(NOW, ZoneOffset.UTC), sleeps::add);
        return adapter;
    }

    private AwsProviderAdapter adapter() {
        return adapter(List.of(R1), null);
    }

    private void stubCatalog() {
        SmallCatalog.stub(wm);
    }

    private static Map<String, Offer> byId(List<Offer> offers) {
        return offers.stream().collect(Collectors.toMap(o -> o.key().id(), Function.identity()));
    }

    @Test
    void pagesThroughEveryListingAndNormalisesPrices() {
        stubCatalog();
        List<Offer> offers = adapter().listOffers(OfferFilter.all());
        Map<String, Offer> byId = byId(offers);

        assertThat(byId.keySet()).containsExactlyInAnyOrder(
                "aws:us-east-1:us-east-1a:m5.large:spot", "aws:us-east-1:us-east-1b:m5.large:spot",
                "aws:us-east-1:us-east-1c:m5.large:spot", "aws:us-east-1:us-east-1a:c5.xlarge:spot",
                "aws:us-east-1:us-east-1b:m6g.large:spot", "aws:us-east-1:us-east-1a:g4dn.xlarge:spot",
                "aws:us-east-1:-:m5.large:on_demand", "aws:us-east-1:-:c5.xlarge:on_demand",
                "aws:us-east-1:-:m6g.large:on_demand", "aws:us-east-1:-:g4dn.xlarge:on_demand",
                "aws:us-east-1:-:t2.nano:on_demand");

        Offer spot = byId.get("aws:us-east-1:us-east-1a:m5.large:spot");
        assertThat(spot.price().pricePerHour().amount()).isEqualByComparingTo("0.0387"); // newest row wins over page 2's older one
        assertThat(spot.price().pricePerHour().currency().getCurrencyCode()).isEqualTo("USD");
        assertThat(spot.price().observedAt()).isEqualTo(Instant.parse("2026-11-22T13:41:07Z"));
        assertThat(spot.price().fetchedAt()).isEqualTo(NOW);
        assertThat(spot.price().source()).isEqualTo("aws:DescribeSpotPriceHistory");
        assertThat(spot.shape().vcpus()).isEqualByComparingTo("2");
        assertThat(spot.shape().memoryGiB()).isEqualByComparingTo("8");
        assertThat(spot.interruptionRate()).isEmpty();

        Offer od = byId.get("aws:us-east-1:-:m5.large:on_demand");
        assertThat(od.key().zone()).isNull();
        assertThat(od.price().pricePerHour().amount()).isEqualByComparingTo("0.096");
        assertThat(od.price().observedAt()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(od.price().fetchedAt()).isEqualTo(NOW);
        assertThat(od.price().source()).isEqualTo("aws:pricing:GetProducts");
        assertThat(od.interruptionRate().orElse(-1)).isZero();

        Offer gpu = byId.get("aws:us-east-1:-:g4dn.xlarge:on_demand");
        assertThat(gpu.shape().gpus()).isEqualTo(1);
        assertThat(gpu.shape().memoryGiB()).isEqualByComparingTo("16");
        assertThat(byId.get("aws:us-east-1:us-east-1b:m6g.large:spot").shape().architecture()).isEqualTo("arm64");
        assertThat(byId.get("aws:us-east-1:-:t2.nano:on_demand").shape().memoryGiB()).isEqualByComparingTo("0.5");
        assertThat(byId.get("aws:us-east-1:us-east-1a:g4dn.xlarge:spot").price().pricePerHour().amount())
                .isEqualByComparingTo("0.2");

        wm.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstanceTypes&")));
        wm.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstanceTypeOfferings&")));
        wm.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSpotPriceHistory&")));
        wm.verify(2, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", containing("GetProducts")));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void shapesAreAskedByNameOnceAndCached() {
        stubCatalog();
        AwsProviderAdapter a = adapter();
        a.listOffers(OfferFilter.all());
        wm.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstanceTypes&"))
                .withRequestBody(containing("InstanceType.1=c5.xlarge"))
                .withRequestBody(containing("InstanceType.5=t2.nano")));
        wm.resetRequests();
        assertThat(a.listOffers(OfferFilter.all())).hasSize(11);
        wm.verify(0, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstanceTypes&")));
        wm.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSpotPriceHistory&")));
    }

    @Test
    void sendsTheDocumentedRequestParameters() {
        stubCatalog();
        adapter().listOffers(OfferFilter.all());
        wm.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSpotPriceHistory&"))
                .withRequestBody(containing("StartTime=2026-11-23T12%3A00%3A00Z"))
                .withRequestBody(containing("ProductDescription.1=Linux%2FUNIX"))
                .withHeader("Authorization", containing("/us-east-1/ec2/aws4_request")));
        wm.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstanceTypeOfferings&"))
                .withRequestBody(containing("LocationType=availability-zone")));
        wm.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", containing("GetProducts"))
                .withRequestBody(containing("\"ServiceCode\":\"AmazonEC2\""))
                .withRequestBody(containing("{\"Type\":\"TERM_MATCH\",\"Field\":\"regionCode\",\"Value\":\"us-east-1\"}"))
                .withRequestBody(containing("{\"Type\":\"TERM_MATCH\",\"Field\":\"operatingSystem\",\"Value\":\"Linux\"}"))
                .withRequestBody(containing("{\"Type\":\"TERM_MATCH\",\"Field\":\"tenancy\",\"Value\":\"Shared\"}"))
                .withRequestBody(containing("{\"Type\":\"TERM_MATCH\",\"Field\":\"preInstalledSw\",\"Value\":\"NA\"}"))
                .withRequestBody(containing("{\"Type\":\"TERM_MATCH\",\"Field\":\"capacitystatus\",\"Value\":\"Used\"}")));
    }

    @Test
    void regionsAreTheEnabledOnesOnTheAllowList() {
        stubCatalog();
        assertThat(adapter(List.of("eu-west-1", R1, "me-south-1"), null).regions())
                .extracting(r -> r.code()).containsExactly("eu-west-1", R1); // me-south-1 is not enabled
        assertThat(adapter.regions().get(1).displayName()).isEqualTo("US East (N. Virginia)");
        assertThat(adapter.regions().get(1).provider()).isEqualTo(ProviderId.AWS);
    }

    @Test
    void emptyAllowListMeansEveryEnabledRegion() {
        stubCatalog();
        assertThat(adapter(List.of(), null).regions()).extracting(r -> r.code())
                .containsExactly("ap-south-1", "eu-west-1", R1);
    }

    @Test
    void marketFilterSkipsTheOtherPriceApi() {
        stubCatalog();
        List<Offer> od = adapter().listOffers(new OfferFilter(Set.of(), Set.of(Market.ON_DEMAND), Set.of()));
        assertThat(od).isNotEmpty().allSatisfy(o -> assertThat(o.key().market()).isEqualTo(Market.ON_DEMAND));
        wm.verify(0, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSpotPriceHistory&")));
    }

    @Test
    void instanceTypeFilterIsSentToAws() {
        stubCatalog();
        List<Offer> offers = adapter().listOffers(new OfferFilter(Set.of(), Set.of(), Set.of("m5.large")));
        assertThat(offers).isNotEmpty().allSatisfy(o -> assertThat(o.key().instanceType()).isEqualTo("m5.large"));
        wm.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSpotPriceHistory&"))
                .withRequestBody(containing("Filter.1.Name=instance-type")).withRequestBody(containing("Filter.1.Value.1=m5.large")));
        wm.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", containing("GetProducts"))
                .withRequestBody(containing("{\"Type\":\"TERM_MATCH\",\"Field\":\"instanceType\",\"Value\":\"m5.large\"}")));
    }

    @Test
    void throttlingThenSuccessIsRetried() {
        stubCatalog();
        wm.stubFor(ec2("DescribeSpotPriceHistory").withRequestBody(notContaining("NextToken")).atPriority(1)
                .inScenario("throttle").whenScenarioStateIs(STARTED).willSetStateTo("calm")
                .willReturn(ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.")));
        List<Offer> offers = adapter().listOffers(OfferFilter.all());
        assertThat(byId(offers)).containsKey("aws:us-east-1:us-east-1a:m5.large:spot");
        assertThat(sleeps).hasSize(1);
        wm.verify(3, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeSpotPriceHistory&")));
    }

    @Test
    void retryAfterOfAThrottledPricingPageIsHonoured() {
        stubCatalog();
        wm.stubFor(getProducts().withRequestBody(containing("\"NextToken\":\"prices-2\"")).atPriority(1)
                .inScenario("slow").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(jsonError(429, "ThrottlingException", "Rate exceeded").withHeader("Retry-After", "3")));
        List<Offer> offers = adapter().listOffers(new OfferFilter(Set.of(), Set.of(Market.ON_DEMAND), Set.of()));
        assertThat(byId(offers)).containsKey("aws:us-east-1:-:m6g.large:on_demand");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
        // the first page was not fetched again: only the failed page is retried
        wm.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", containing("GetProducts"))
                .withRequestBody(notContaining("NextToken")));
    }

    @Test
    void persistent5xxBecomesUnavailableAfterAllAttempts() {
        stubCatalog();
        wm.stubFor(ec2("DescribeInstanceTypes").atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>")));
        assertThatThrownBy(() -> adapter().listOffers(OfferFilter.all()))
                .isInstanceOf(ProviderException.Unavailable.class)
                .satisfies(e -> assertThat(((ProviderException) e).retryable()).isTrue());
        wm.verify(4, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeInstanceTypes&")));
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void internalErrorCodeBecomesUnavailable() {
        stubCatalog();
        wm.stubFor(ec2("DescribeInstanceTypeOfferings").atPriority(1)
                .willReturn(ec2Error(500, "InternalError", "An internal error has occurred")));
        assertThatThrownBy(() -> adapter().listOffers(OfferFilter.all()))
                .isInstanceOf(ProviderException.Unavailable.class)
                .satisfies(e -> assertThat(((ProviderException) e).vendorCode()).contains("InternalError"));
    }

    @Test
    void malformedXmlBecomesUnavailable() {
        stubCatalog();
        wm.stubFor(ec2("DescribeSpotPriceHistory").atPriority(1)
                .willReturn(xml("<DescribeSpotPriceHistoryResponse><spotPriceHistorySet><item><spotPrice>0.1</spot")));
        assertThatThrownBy(() -> adapter().listOffers(OfferFilter.all()))
                .isInstanceOf(ProviderException.Unavailable.class);
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void malformedPriceListItemBecomesUnavailable() {
        stubCatalog();
        wm.stubFor(getProducts().atPriority(1).willReturn(json("{\"FormatVersion\":\"aws_v1\",\"PriceList\":[\"{not json\"]}")));
        assertThatThrownBy(() -> adapter().listOffers(OfferFilter.all()))
                .isInstanceOf(ProviderException.Unavailable.class)
                .hasMessageContaining("GetProducts");
    }

    @Test
    void malformedJsonEnvelopeBecomesUnavailable() {
        stubCatalog();
        wm.stubFor(getProducts().atPriority(1).willReturn(json("{\"PriceList\": [")));
        assertThatThrownBy(() -> adapter().listOffers(OfferFilter.all()))
                .isInstanceOf(ProviderException.Unavailable.class);
    }

    @Test
    void authFailureIsNotRetried() {
        stubCatalog();
        wm.stubFor(ec2("DescribeRegions").atPriority(1)
                .willReturn(ec2Error(401, "AuthFailure", "AWS was not able to validate the provided access credentials")));
        assertThatThrownBy(() -> adapter().listOffers(OfferFilter.all()))
                .isInstanceOf(ProviderException.AuthFailed.class)
                .satisfies(e -> assertThat(((ProviderException) e).retryable()).isFalse())
                .satisfies(e -> assertThat(((ProviderException) e).vendorCode()).contains("AuthFailure"));
        wm.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeRegions&")));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void forbiddenOperationIsAuthFailed() {
        stubCatalog();
        wm.stubFor(ec2("DescribeSpotPriceHistory").atPriority(1)
                .willReturn(ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation.")));
        assertThatThrownBy(() -> adapter().listOffers(OfferFilter.all())).isInstanceOf(ProviderException.AuthFailed.class);
    }

    @Test
    void pricingAccessDeniedIsAuthFailed() {
        stubCatalog();
        wm.stubFor(getProducts().atPriority(1).willReturn(jsonError(400, "AccessDeniedException", "not authorized")));
        assertThatThrownBy(() -> adapter().listOffers(OfferFilter.all())).isInstanceOf(ProviderException.AuthFailed.class);
    }

    @Test
    void capacityErrorIsTyped() {
        stubCatalog();
        wm.stubFor(ec2("DescribeSpotPriceHistory").atPriority(1)
                .willReturn(ec2Error(500, "InsufficientInstanceCapacity", "We currently do not have sufficient capacity.")));
        assertThatThrownBy(() -> adapter().listOffers(OfferFilter.all()))
                .isInstanceOf(ProviderException.CapacityUnavailable.class);
    }

    @Test
    void invalidParameterIsNotRetried() {
        stubCatalog();
        wm.stubFor(ec2("DescribeSpotPriceHistory").atPriority(1)
                .willReturn(ec2Error(400, "InvalidParameterValue", "bad value")));
        assertThatThrownBy(() -> adapter().listOffers(OfferFilter.all()))
                .isInstanceOf(ProviderException.InvalidRequest.class);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void connectionRefusedIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        URI dead = URI.create("http://127.0.0.1:" + closedPort);
        adapter = new AwsProviderAdapter(AwsAdapterConfig.forLocalEndpoints(dead, dead, null).withRegions(List.of(R1))
                .withRetry(2, Duration.ofMillis(1), Duration.ofMillis(1)), Clock.fixed(NOW, ZoneOffset.UTC), sleeps::add);
        assertThatThrownBy(() -> adapter.regions()).isInstanceOf(ProviderException.Unavailable.class)
                .hasMessageContaining("connection refused");
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void slowAnswerTimesOutAsUnavailable() {
        wm.stubFor(ec2("DescribeRegions").willReturn(xml(AwsWire.describeRegions(List.of(R1))).withFixedDelay(1500)));
        adapter = new AwsProviderAdapter(AwsAdapterConfig.forLocalEndpoints(base(), base(), null).withRegions(List.of(R1))
                .withRetry(1, Duration.ZERO, Duration.ZERO).withTimeouts(Duration.ofMillis(500), Duration.ofMillis(400)),
                Clock.fixed(NOW, ZoneOffset.UTC), sleeps::add);
        assertThatThrownBy(() -> adapter.regions()).isInstanceOf(ProviderException.Unavailable.class);
    }

    // ------------------------------------------------------------------ capacity signals and interruption rates

    private void stubSignals() {
        wm.stubFor(ec2("GetSpotPlacementScores").willReturn(xml(AwsWire.fixture("aws-ec2-get-spot-placement-scores.xml"))));
        wm.stubFor(ec2("DescribeAvailabilityZones", R1).willReturn(xml(AwsWire.availabilityZones(R1, List.of(
                new String[] {"us-east-1a", "use1-az6"}, new String[] {"us-east-1b", "use1-az1"},
                new String[] {"us-east-1c", "use1-az2"}, new String[] {"us-east-1d", "use1-az4"})))));
        wm.stubFor(get(urlEqualTo("/spot-advisor-data.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("Last-Modified", "Sun, 22 Nov 2026 06:00:00 GMT")
                .withBody(AwsWire.fixture("aws-spot-advisor-data.json"))));
    }

    @Test
    void placementScoresArePerZoneAndMappedFromZoneIds() {
        stubCatalog();
        stubSignals();
        AwsProviderAdapter a = adapter(List.of(R1), base().resolve("/spot-advisor-data.json"));
        OfferKey b = new OfferKey(ProviderId.AWS, R1, "us-east-1b", "m5.large", Market.SPOT);   // use1-az1 → 9
        OfferKey c = new OfferKey(ProviderId.AWS, R1, "us-east-1c", "m5.large", Market.SPOT);   // use1-az2 → 7
        OfferKey a1 = new OfferKey(ProviderId.AWS, R1, "us-east-1a", "m5.large", Market.SPOT);  // use1-az6 → no score
        OfferKey od = new OfferKey(ProviderId.AWS, R1, null, "m5.large", Market.ON_DEMAND);
        List<CapacitySignal> signals = a.capacitySignals(List.of(b, c, a1, od));

        Map<OfferKey, BigDecimal> scores = signals.stream().filter(s -> s.kind() == CapacitySignal.Kind.PLACEMENT_SCORE)
                .collect(Collectors.toMap(CapacitySignal::offer, CapacitySignal::value));
        assertThat(scores).containsOnlyKeys(b, c);
        assertThat(scores.get(b)).isEqualByComparingTo("9");
        assertThat(scores.get(c)).isEqualByComparingTo("7");
        assertThat(signals).allSatisfy(s -> {
            assertThat(s.fetchedAt()).isEqualTo(NOW);
            assertThat(s.offer().market()).isEqualTo(Market.SPOT);
        });
        assertThat(signals).filteredOn(s -> s.kind() == CapacitySignal.Kind.PLACEMENT_SCORE)
                .allSatisfy(s -> assertThat(s.source()).isEqualTo("aws:GetSpotPlacementScores"));
        // m5.large is in the "<5%" band: 2.5 % per month over 730 h
        assertThat(signals).filteredOn(s -> s.kind() == CapacitySignal.Kind.INTERRUPTION_RATE_PER_HOUR)
                .hasSize(3).allSatisfy(s -> {
                    assertThat(s.value().doubleValue()).isCloseTo(0.025 / 730, org.assertj.core.data.Offset.offset(1e-12));
                    assertThat(s.observedAt()).isEqualTo(Instant.parse("2026-11-22T06:00:00Z"));
                    assertThat(s.source()).isEqualTo("aws:spot-advisor");
                });
        wm.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=GetSpotPlacementScores&"))
                .withRequestBody(containing("InstanceType.1=m5.large"))
                .withRequestBody(containing("SingleAvailabilityZone=true"))
                .withRequestBody(containing("RegionName.1=us-east-1"))
                .withRequestBody(containing("TargetCapacity=1")));
    }

    @Test
    void oneScoreQueryPerInstanceType() {
        stubCatalog();
        stubSignals();
        adapter().capacitySignals(List.of(new OfferKey(ProviderId.AWS, R1, "us-east-1b", "m5.large", Market.SPOT),
                new OfferKey(ProviderId.AWS, R1, "us-east-1b", "c5.xlarge", Market.SPOT)));
        wm.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=GetSpotPlacementScores&")));
        wm.verify(0, postRequestedFor(urlEqualTo("/")).withRequestBody(matching(".*InstanceType\\.2=.*")));
    }

    @Test
    void noPoolsMeansEverySpotPoolOfAFreshListing() {
        stubCatalog();
        stubSignals();
        List<CapacitySignal> signals = adapter().capacitySignals(List.of());
        assertThat(signals).extracting(s -> s.offer().id() + "=" + s.value().toPlainString()).containsExactlyInAnyOrder(
                "aws:us-east-1:us-east-1b:m5.large:spot=9", "aws:us-east-1:us-east-1c:m5.large:spot=7",
                "aws:us-east-1:us-east-1b:m6g.large:spot=9");
        // one query per spot instance type: m5.large, c5.xlarge, m6g.large, g4dn.xlarge
        wm.verify(4, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=GetSpotPlacementScores&")));
    }

    @Test
    void placementScoreQueriesAreCapped() {
        stubCatalog();
        stubSignals();
        AwsAdapterConfig cfg = AwsAdapterConfig.forLocalEndpoints(base(), base(), null).withRegions(List.of(R1))
                .withPlacementScores(3, 2);
        adapter = new AwsProviderAdapter(cfg, Clock.fixed(NOW, ZoneOffset.UTC), sleeps::add);
        adapter.capacitySignals(List.of());
        wm.verify(2, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=GetSpotPlacementScores&"))
                .withRequestBody(containing("TargetCapacity=3")));
    }

    @Test
    void placementScoreThrottlingIsRetried() {
        stubCatalog();
        stubSignals();
        wm.stubFor(ec2("GetSpotPlacementScores").atPriority(1).inScenario("sps").whenScenarioStateIs(STARTED)
                .willSetStateTo("ok").willReturn(ec2Error(503, "RequestLimitExceeded", "slow down")));
        List<CapacitySignal> s = adapter().capacitySignals(List.of(new OfferKey(ProviderId.AWS, R1, "us-east-1b", "m5.large", Market.SPOT)));
        assertThat(s).singleElement().satisfies(x -> assertThat(x.value()).isEqualByComparingTo("9"));
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void spotOffersCarryAdvisorInterruptionRates() {
        stubCatalog();
        stubSignals();
        AwsProviderAdapter a = adapter(List.of(R1), base().resolve("/spot-advisor-data.json"));
        assertThat(a.capabilities().supports(Capability.INTERRUPTION_RATES)).isTrue();
        Map<String, Offer> byId = byId(a.listOffers(OfferFilter.all()));
        assertThat(byId.get("aws:us-east-1:us-east-1a:c5.xlarge:spot").interruptionRate().getAsDouble())
                .isCloseTo(0.125 / 730, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(byId.get("aws:us-east-1:us-east-1b:m6g.large:spot").interruptionRate().getAsDouble())
                .isCloseTo(0.25 / 730, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(byId.get("aws:us-east-1:us-east-1a:g4dn.xlarge:spot").interruptionRate()).isEmpty();
    }

    @Test
    void aBrokenAdvisorFileDoesNotFailThePriceListing() {
        stubCatalog();
        stubSignals();
        wm.stubFor(get(urlEqualTo("/spot-advisor-data.json")).atPriority(1).willReturn(aResponse().withStatus(500)));
        AwsProviderAdapter a = adapter(List.of(R1), base().resolve("/spot-advisor-data.json"));
        assertThat(a.listOffers(OfferFilter.all())).isNotEmpty().allSatisfy(o -> {
            if (o.key().market() == Market.SPOT) {
                assertThat(o.interruptionRate()).isEmpty();
            }
        });
        assertThatThrownBy(() -> a.capacitySignals(List.of(new OfferKey(ProviderId.AWS, R1, "us-east-1z", "m5.large", Market.SPOT))))
                .isInstanceOf(ProviderException.Unavailable.class).hasMessageContaining("SpotAdvisorData");
    }

    @Test
    void withoutAdvisorUrlInterruptionRatesAreUnsupported() {
        assertThat(adapter().capabilities().reasonUnsupported(Capability.INTERRUPTION_RATES)).isPresent();
    }

    @Test
    void signalsForAnotherProviderAreRefused() {
        assertThatThrownBy(() -> adapter().capacitySignals(List.of(new OfferKey(ProviderId.GCP, "europe-west1", null,
                "n2-standard-2", Market.SPOT)))).isInstanceOf(ProviderException.InvalidRequest.class);
    }
}
