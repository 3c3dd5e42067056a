package io.capacitybroker.app.fakes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.capacitybroker.provider.aws.MotoServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Local fakes of the four clouds, all on 127.0.0.1 and dynamic ports, so that the broker can run every
 * provider in {@code live} mode without any cloud account:
 * <ul>
 *   <li>AWS EC2: {@code python3 -m moto.server}, behind a WireMock front that passes every EC2 call through
 *       to moto except {@code GetSpotPlacementScores} (moto does not implement it), which it answers itself;</li>
 *   <li>AWS Price List {@code GetProducts} and the Spot Instance Advisor data file: WireMock;</li>
 *   <li>Google Cloud Compute Engine (regions, per-zone machine types) and Cloud Billing Catalog SKUs: WireMock;</li>
 *   <li>Azure ARM (locations, resource SKUs, Spot placement scores), Resource Graph and Retail Prices: WireMock;</li>
 *   <li>OVHcloud API (auth/time, project regions and flavors, public order catalog, dedicated servers): WireMock,
 *       answering signed routes only when the {@code X-Ovh-Signature} checks out.</li>
 * </ul>
 * The response bodies live in {@code src/test/resources/fakes} (see its README). {@link #brokerProperties()}
 * gives every {@code broker.providers.*} property that points the broker at these fakes; {@link #main} starts
 * them, prints the command line that starts the packaged broker against them and runs until killed.
 */
public final class FakeClouds implements AutoCloseable {

    public static final String GCP_PROJECT = "capbroker-test";
    public static final String AZURE_SUBSCRIPTION = "sub-0";
    public static final List<String> AWS_REGIONS = List.of("ca-west-1", "me-south-1");
    public static final List<String> GCP_REGIONS = List.of("us-central1", "europe-west4");
    public static final List<String> AZURE_REGIONS = List.of("westeurope");
    public static final List<String> OVH_REGIONS = List.of("GRA11", "SBG5");
    /** Dummy OVH keys: the fake checks the signature they make, nothing else. */
    public static final String OVH_APPLICATION_KEY = "fakeApplicationKey01";
    public static final String OVH_APPLICATION_SECRET = "fakeApplicationSecret0000000001";
    public static final String OVH_CONSUMER_KEY = "fakeConsumerKey000000000000001";
    public static final String OVH_PROJECT = "0123456789abcdef0123456789abcdef";

    private static final String GCP_SKUS = "/v1/services/6F81-5844-456A/skus";
    private static final String AZURE_SKUS = "/subscriptions/" + AZURE_SUBSCRIPTION + "/providers/Microsoft.Compute/skus";
    private static final String OVH_FLAVORS = "/1.0/cloud/project/" + OVH_PROJECT + "/flavor";

    private final MotoServer moto;
    private final WireMockServer awsEc2;
    private final WireMockServer awsPricing;
    private final WireMockServer gcp;
    private final WireMockServer azure;
    private final WireMockServer ovh;
    private final List<StubMapping> faults = new ArrayList<>();

    private FakeClouds(MotoServer moto) {
        this.moto = moto;
        this.awsEc2 = wireMock();
        this.awsPricing = wireMock();
        this.gcp = wireMock();
        this.azure = wireMock();
        this.ovh = wireMock();
        stubAws();
        stubGcp();
        stubAzure();
        stubOvh();
    }

    /**
     * Starts moto and the WireMock servers.
     *
     * @throws MotoUnavailableException when moto cannot be started (no python3 or no moto installed)
     */
    public static FakeClouds start() throws MotoUnavailableException {
        MotoServer moto;
        try {
            moto = MotoServer.start();
        } catch (IOException e) {
            throw new MotoUnavailableException("moto server could not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MotoUnavailableException("interrupted while starting moto", e);
        }
        try {
            return new FakeClouds(moto);
        } catch (RuntimeException e) {
            moto.close();
            throw e;
        }
    }

    /** Moto could not be started. */
    public static final class MotoUnavailableException extends Exception {
        MotoUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // ------------------------------------------------------------------------------------------ properties

    /** Every property that runs all four providers live against these fakes (small region lists). */
    public Map<String, String> brokerProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        String aws = "broker.providers.aws.";
        p.put(aws + "mode", "live");
        p.put(aws + "regions", String.join(",", AWS_REGIONS));
        p.put(aws + "home-region", AWS_REGIONS.get(0));
        p.put(aws + "pricing-region", "us-east-1");
        p.put(aws + "ec2-endpoint", url(awsEc2));
        p.put(aws + "pricing-endpoint", url(awsPricing));
        p.put(aws + "spot-advisor-url", url(awsPricing) + "/spot-advisor-data.json");
        p.put(aws + "credentials.access-key-id", "test");
        p.put(aws + "credentials.secret-access-key", "test");
        p.put(aws + "connect-timeout", "PT2S");
        p.put(aws + "request-timeout", "PT30S");
        p.put(aws + "max-attempts", "2");
        p.put(aws + "initial-backoff", "PT0.05S");
        p.put(aws + "max-backoff", "PT0.5S");
        p.put(aws + "requests-per-second", "0");
        p.put(aws + "region-parallelism", "2");
        p.put(aws + "placement-score-capacity", "1");
        p.put(aws + "max-placement-score-calls", "3");

        String g = "broker.providers.gcp.";
        p.put(g + "mode", "live");
        p.put(g + "project-id", GCP_PROJECT);
        p.put(g + "regions", String.join(",", GCP_REGIONS));
        p.put(g + "compute-endpoint", url(gcp));
        p.put(g + "billing-endpoint", url(gcp));
        p.put(g + "billing-transport", "HTTP_JSON");
        p.put(g + "credentials", "NONE");
        p.put(g + "request-timeout", "PT5S");
        p.put(g + "max-attempts", "2");
        p.put(g + "initial-backoff", "PT0.05S");
        p.put(g + "max-backoff", "PT0.5S");
        p.put(g + "requests-per-second", "0");
        p.put(g + "compute-page-size", "500");
        p.put(g + "sku-page-size", "5000");

        String az = "broker.providers.azure.";
        p.put(az + "mode", "live");
        p.put(az + "subscription-id", AZURE_SUBSCRIPTION);
        p.put(az + "regions", String.join(",", AZURE_REGIONS));
        p.put(az + "retail-prices-base-url", url(azure));
        p.put(az + "resource-manager-endpoint", url(azure) + "/");
        p.put(az + "arm-authentication", "false");
        p.put(az + "connect-timeout", "PT2S");
        p.put(az + "read-timeout", "PT5S");
        p.put(az + "call-timeout", "PT10S");
        p.put(az + "max-attempts", "2");
        p.put(az + "initial-backoff", "PT0.05S");
        p.put(az + "max-backoff", "PT0.5S");
        p.put(az + "requests-per-second", "0");
        p.put(az + "region-parallelism", "2");

        String o = "broker.providers.ovh.";
        p.put(o + "mode", "live");
        p.put(o + "endpoint", url(ovh) + "/1.0");
        p.put(o + "application-key", OVH_APPLICATION_KEY);
        p.put(o + "application-secret", OVH_APPLICATION_SECRET);
        p.put(o + "consumer-key", OVH_CONSUMER_KEY);
        p.put(o + "project-id", OVH_PROJECT);
        p.put(o + "subsidiary", "FR");
        p.put(o + "regions", String.join(",", OVH_REGIONS));
        p.put(o + "fx-rate.currency", "EUR");
        p.put(o + "fx-rate.usd-per-unit", "1.08");
        p.put(o + "fx-rate.as-of", "2026-11-20");
        p.put(o + "requests-per-second", "0");
        p.put(o + "max-attempts", "2");
        p.put(o + "initial-backoff", "PT0.05S");
        p.put(o + "max-backoff", "PT0.5S");
        return p;
    }

    /** The one-line command that starts the packaged broker against these fakes (from the repository root). */
    public String brokerCommandLine() {
        return "java -jar broker-app/target/capacity-broker.jar " + brokerProperties().entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    // ------------------------------------------------------------------------------------------ faults

    /** Google Cloud answers every request with 503 UNAVAILABLE until {@link #heal()}. */
    public void failGcp() {
        faults.add(gcp.stubFor(any(anyUrl()).atPriority(0).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody("{\"error\":{\"code\":503,\"message\":\"The service is currently unavailable.\","
                        + "\"errors\":[{\"message\":\"The service is currently unavailable.\",\"domain\":\"global\","
                        + "\"reason\":\"backendError\"}],\"status\":\"UNAVAILABLE\"}}"))));
    }

    /** Removes every injected fault. */
    public void heal() {
        for (StubMapping s : faults) {
            for (WireMockServer w : List.of(awsEc2, awsPricing, gcp, azure, ovh)) {
                if (w.getStubMapping(s.getId()).isPresent()) {
                    w.removeStubMapping(s);
                }
            }
        }
        faults.clear();
    }

    // ------------------------------------------------------------------------------------------ AWS

    private void stubAws() {
        // EC2: moto, except the placement scores moto does not implement
        awsEc2.stubFor(post(urlEqualTo("/")).atPriority(1)
                .withRequestBody(containing("Action=GetSpotPlacementScores&"))
                .willReturn(xml(body("aws/aws-ec2-get-spot-placement-scores.xml"))));
        awsEc2.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
        // Price List GetProducts, one answer per region (TERM_MATCH regionCode)
        for (String region : AWS_REGIONS) {
            awsPricing.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSPriceListService.GetProducts"))
                    .withRequestBody(containing("\"" + region + "\""))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBody(body("aws/aws-pricing-get-products-ec2-" + region + ".json"))));
        }
        awsPricing.stubFor(get(urlEqualTo("/spot-advisor-data.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("Last-Modified", "Fri, 20 Nov 2026 06:00:00 GMT")
                .withBody(body("aws/aws-spot-advisor-data.json"))));
    }

    // ------------------------------------------------------------------------------------------ Google Cloud

    private void stubGcp() {
        String project = "/compute/v1/projects/" + GCP_PROJECT;
        pages(gcp, project + "/regions", "gcp/gcp-compute-regions-list-page1.json",
                "regions-page-2", "gcp/gcp-compute-regions-list-page2.json");
        pages(gcp, project + "/zones/us-central1-a/machineTypes", "gcp/gcp-compute-machinetypes-list.json", null, null);
        pages(gcp, project + "/zones/us-central1-b/machineTypes", "gcp/gcp-compute-machinetypes-list-us-central1-b-page1.json",
                "mt-b-page-2", "gcp/gcp-compute-machinetypes-list-us-central1-b-page2.json");
        pages(gcp, project + "/zones/europe-west4-a/machineTypes", "gcp/gcp-compute-machinetypes-list-europe-west4-a.json",
                null, null);
        pages(gcp, project + "/zones/europe-west4-b/machineTypes", "gcp/gcp-compute-machinetypes-list-europe-west4-b.json",
                null, null);
        pages(gcp, GCP_SKUS, "gcp/gcp-billing-catalog-list-skus-compute-page1.json",
                "skus-page-2", "gcp/gcp-billing-catalog-list-skus-compute-page2.json");
    }

    private static void pages(WireMockServer server, String path, String first, String token, String second) {
        server.stubFor(get(urlPathEqualTo(path)).atPriority(10).willReturn(okJson(body(first))));
        if (token != null) {
            server.stubFor(get(urlPathEqualTo(path)).withQueryParam("pageToken", equalTo(token)).atPriority(5)
                    .willReturn(okJson(body(second))));
        }
    }

    // ------------------------------------------------------------------------------------------ Azure

    private void stubAzure() {
        azure.stubFor(get(urlPathEqualTo("/subscriptions/" + AZURE_SUBSCRIPTION + "/locations"))
                .willReturn(okJson(azureBody("azure/azure-arm-locations.json"))));
        azure.stubFor(get(urlPathEqualTo(AZURE_SKUS)).withQueryParam("$filter", equalTo("location eq 'westeurope'"))
                .withQueryParam("$skiptoken", absent())
                .willReturn(okJson(azureBody("azure/azure-arm-resource-skus-westeurope.json"))));
        azure.stubFor(get(urlPathEqualTo(AZURE_SKUS)).withQueryParam("$skiptoken", equalTo("page2"))
                .willReturn(okJson(azureBody("azure/azure-arm-resource-skus-westeurope-page2.json"))));
        String prices = "/api/retail/prices";
        azure.stubFor(get(urlPathEqualTo(prices)).withQueryParam("$filter", containing("armRegionName eq 'westeurope'"))
                .withQueryParam("$skip", absent())
                .willReturn(okJson(body("azure/azure-retail-prices-vm-westeurope-d2sv5.json"))));
        azure.stubFor(get(urlPathEqualTo(prices)).withQueryParam("$skip", equalTo("1000"))
                .willReturn(okJson(body("azure/azure-retail-prices-page2-westeurope.json"))));
        azure.stubFor(get(urlPathEqualTo(prices)).withQueryParam("$skip", equalTo("2000"))
                .willReturn(okJson(body("azure/azure-retail-prices-last-page.json"))));
        azure.stubFor(post(urlPathEqualTo("/providers/Microsoft.ResourceGraph/resources"))
                .willReturn(okJson(body("azure/azure-resource-graph-spot-eviction-rates.json"))));
        azure.stubFor(post(urlPathMatching("/subscriptions/" + AZURE_SUBSCRIPTION
                + "/providers/Microsoft.Compute/locations/[a-z0-9]+/placementScores/spot/generate"))
                .willReturn(okJson(body("azure/azure-spot-placement-scores.json"))));
    }

    /** An ARM body with its absolute {@code https://management.azure.com} links pointed at the fake. */
    private String azureBody(String name) {
        return body(name).replace("https://management.azure.com", url(azure));
    }

    // ------------------------------------------------------------------------------------------ OVHcloud

    private void stubOvh() {
        // a signed route whose signature does not check out gets the API's answer to a bad signature
        ovh.stubFor(any(urlPathMatching("/1\\.0/(cloud|dedicated)/.*")).atPriority(10)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"errorCode\":\"INVALID_SIGNATURE\",\"httpCode\":\"400 Bad Request\","
                                + "\"message\":\"Invalid signature\"}")));
        ovh.stubFor(get(urlPathEqualTo("/1.0/auth/time")).willReturn(okJson(body("ovh/ovh-auth-time.json"))));
        ovh.stubFor(get(urlPathEqualTo("/1.0/order/catalog/public/cloud")).withQueryParam("ovhSubsidiary", equalTo("FR"))
                .willReturn(okJson(body("ovh/ovh-order-catalog-public-cloud.json"))));
        ovh.stubFor(signed(get(urlPathEqualTo("/1.0/cloud/project/" + OVH_PROJECT + "/region")))
                .willReturn(okJson("[\"GRA11\",\"SBG5\"]")));
        for (String region : OVH_REGIONS) {
            ovh.stubFor(signed(get(urlPathEqualTo(OVH_FLAVORS))).withQueryParam("region", equalTo(region))
                    .willReturn(okJson(body("ovh/ovh-cloud-project-flavor-list-" + region.toLowerCase() + ".json"))));
        }
        ovh.stubFor(signed(get(urlPathEqualTo("/1.0/dedicated/server")))
                .willReturn(okJson(body("ovh/ovh-dedicated-server-list.json"))));
        Map<String, String> servers = Map.of("ns3001234", "ns3001234.ip-51-68-1.eu", "ns3005678", "ns3005678.ip-54-38-2.eu",
                "ns3009999", "ns3009999.ip-51-77-3.eu");
        servers.forEach((file, name) -> {
            ovh.stubFor(signed(get(urlPathEqualTo("/1.0/dedicated/server/" + name)))
                    .willReturn(okJson(body("ovh/ovh-dedicated-server-" + file + ".json"))));
            if (!file.equals("ns3009999")) { // a server whose hardware specification is not published
                ovh.stubFor(signed(get(urlPathEqualTo("/1.0/dedicated/server/" + name + "/specifications/hardware")))
                        .willReturn(okJson(body("ovh/ovh-dedicated-server-" + file + "-hardware.json"))));
            }
        });
    }

    private static MappingBuilder signed(MappingBuilder b) {
        return b.withHeader("X-Ovh-Application", equalTo(OVH_APPLICATION_KEY))
                .withHeader("X-Ovh-Consumer", equalTo(OVH_CONSUMER_KEY)).andMatching(OVH_SIGNATURE);
    }

    private static final ValueMatcher<Request> OVH_SIGNATURE = r -> MatchResult.of(ovhSignatureValid(r));

    /**
     * OVHcloud's documented request signature: {@code "$1$" + SHA1_HEX(AS+"+"+CK+"+"+METHOD+"+"+URL+"+"+BODY+"+"+TIMESTAMP)}.
     */
    static boolean ovhSignatureValid(Request r) {
        String ts = r.getHeader("X-Ovh-Timestamp");
        String sig = r.getHeader("X-Ovh-Signature");
        if (ts == null || sig == null || !ts.matches("\\d+")) {
            return false;
        }
        String body = r.getBodyAsString() == null ? "" : r.getBodyAsString();
        String toSign = String.join("+", OVH_APPLICATION_SECRET, OVH_CONSUMER_KEY, r.getMethod().getName(),
                r.getAbsoluteUrl(), body, ts);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(toSign.getBytes(StandardCharsets.UTF_8));
            return ("$1$" + HexFormat.of().formatHex(digest)).equals(sig);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------ plumbing

    private static WireMockServer wireMock() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .disableRequestJournal());
        server.start();
        return server;
    }

    private static String url(WireMockServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    private static ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
    }

    private static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body);
    }

    /** A response body from {@code src/test/resources/fakes}. */
    static String body(String name) {
        try (InputStream in = FakeClouds.class.getResourceAsStream("/fakes/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fake response body " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops moto (the EC2 front then answers with an error): an AWS outage. */
    public void stopMoto() {
        moto.close();
    }

    @Override
    public void close() {
        for (WireMockServer w : List.of(awsEc2, awsPricing, gcp, azure, ovh)) {
            w.stop();
        }
        moto.close();
    }

    /** Starts the fakes, prints the broker's command line and runs until killed. */
    public static void main(String[] args) throws Exception {
        FakeClouds fakes = start();
        Runtime.getRuntime().addShutdownHook(new Thread(fakes::close, "fake-clouds-stop"));
        System.out.println("Fake clouds are running on 127.0.0.1 (Ctrl-C stops them). Start the broker against them with:");
        System.out.println();
        System.out.println(fakes.brokerCommandLine());
        System.out.println();
        System.out.flush();
        Thread.currentThread().join();
    }
}
