package io.capacitybroker.provider.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Speaks AWS's wire formats for WireMock stubs: EC2 is AWS Query (POST / with a form body
 * {@code Action=...}, XML answers, errors as {@code <Response><Errors><Error>}), the Price List API is
 * JSON 1.1 ({@code X-Amz-Target: AWSPriceListService.GetProducts}, {@code PriceList} items are JSON strings).
 */
final class AwsWire {

    static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private AwsWire() {
    }

    static WireMockServer startWireMock() {
        WireMockServer wm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(16).disableRequestJournal());
        wm.start();
        return wm;
    }

    static WireMockServer startWireMockWithJournal() {
        WireMockServer wm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        wm.start();
        return wm;
    }

    // ------------------------------------------------------------------ request matching

    static MappingBuilder ec2(String action) {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    /** A request of {@code action} in one region (SigV4 credential scope names the region). */
    static MappingBuilder ec2(String action, String region) {
        return ec2(action).withHeader("Authorization", containing("/" + region + "/ec2/aws4_request"));
    }

    static MappingBuilder getProducts() {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSPriceListService.GetProducts"));
    }

    // ------------------------------------------------------------------ responses

    static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body);
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    static ResponseDefinitionBuilder ec2Error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code + "</Code><Message>"
                        + message + "</Message></Error></Errors><RequestID>00000000-0000-0000-0000-000000000000</RequestID></Response>");
    }

    static ResponseDefinitionBuilder jsonError(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-ErrorType", type)
                .withBody("{\"__type\":\"" + type + "\",\"Message\":\"" + message + "\"}");
    }

    // ------------------------------------------------------------------ EC2 bodies

    static String describeRegions(List<String> regions) {
        StringBuilder sb = new StringBuilder("<DescribeRegionsResponse xmlns=\"" + EC2_NS + "\"><requestId>r</requestId><regionInfo>");
        for (String r : regions) {
            sb.append("<item><regionName>").append(r).append("</regionName><regionEndpoint>ec2.").append(r)
                    .append(".amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>");
        }
        return sb.append("</regionInfo></DescribeRegionsResponse>").toString();
    }

    record TypeRow(String type, int vcpus, long memoryMiB, int gpus, String arch, boolean spot) {
    }

    static String describeInstanceTypes(List<TypeRow> rows, String nextToken) {
        StringBuilder sb = new StringBuilder(256 + rows.size() * 420);
        sb.append("<DescribeInstanceTypesResponse xmlns=\"").append(EC2_NS).append("\"><requestId>r</requestId><instanceTypeSet>");
        for (TypeRow t : rows) {
            sb.append("<item><instanceType>").append(t.type()).append("</instanceType><supportedUsageClasses><item>on-demand</item>");
            if (t.spot()) {
                sb.append("<item>spot</item>");
            }
            sb.append("</supportedUsageClasses><processorInfo><supportedArchitectures><item>")
                    .append("arm64".equals(t.arch()) ? "arm64" : "x86_64")
                    .append("</item></supportedArchitectures></processorInfo><vCpuInfo><defaultVCpus>").append(t.vcpus())
                    .append("</defaultVCpus></vCpuInfo><memoryInfo><sizeInMiB>").append(t.memoryMiB())
                    .append("</sizeInMiB></memoryInfo>");
            if (t.gpus() > 0) {
                sb.append("<gpuInfo><gpus><item><name>G</name><manufacturer>NVIDIA</manufacturer><count>").append(t.gpus())
                        .append("</count></item></gpus></gpuInfo>");
            }
            sb.append("</item>");
        }
        sb.append("</instanceTypeSet>");
        nextToken(sb, nextToken);
        return sb.append("</DescribeInstanceTypesResponse>").toString();
    }

    static String typeOfferings(List<String[]> typeAndZone, String nextToken) {
        StringBuilder sb = new StringBuilder(256 + typeAndZone.size() * 160);
        sb.append("<DescribeInstanceTypeOfferingsResponse xmlns=\"").append(EC2_NS)
                .append("\"><requestId>r</requestId><instanceTypeOfferingSet>");
        for (String[] tz : typeAndZone) {
            sb.append("<item><instanceType>").append(tz[0]).append("</instanceType><locationType>availability-zone</locationType><location>")
                    .append(tz[1]).append("</location></item>");
        }
        sb.append("</instanceTypeOfferingSet>");
        nextToken(sb, nextToken);
        return sb.append("</DescribeInstanceTypeOfferingsResponse>").toString();
    }

    /** Rows: instanceType, availabilityZone, price, timestamp (ISO), productDescription. */
    static String spotPriceHistory(List<String[]> rows, String nextToken) {
        StringBuilder sb = new StringBuilder(256 + rows.size() * 260);
        sb.append("<DescribeSpotPriceHistoryResponse xmlns=\"").append(EC2_NS).append("\"><requestId>r</requestId><spotPriceHistorySet>");
        for (String[] r : rows) {
            sb.append("<item><instanceType>").append(r[0]).append("</instanceType><productDescription>")
                    .append(r.length > 4 ? r[4] : "Linux/UNIX").append("</productDescription><spotPrice>").append(r[2])
                    .append("</spotPrice><timestamp>").append(r[3]).append("</timestamp><availabilityZone>").append(r[1])
                    .append("</availabilityZone></item>");
        }
        sb.append("</spotPriceHistorySet>");
        nextToken(sb, nextToken);
        return sb.append("</DescribeSpotPriceHistoryResponse>").toString();
    }

    /** Zones as name/id pairs. */
    static String availabilityZones(String region, List<String[]> nameAndId) {
        StringBuilder sb = new StringBuilder("<DescribeAvailabilityZonesResponse xmlns=\"" + EC2_NS
                + "\"><requestId>r</requestId><availabilityZoneInfo>");
        for (String[] z : nameAndId) {
            sb.append("<item><regionName>").append(region).append("</regionName><zoneName>").append(z[0])
                    .append("</zoneName><zoneId>").append(z[1]).append("</zoneId><zoneState>available</zoneState></item>");
        }
        return sb.append("</availabilityZoneInfo></DescribeAvailabilityZonesResponse>").toString();
    }

    private static void nextToken(StringBuilder sb, String token) {
        if (token != null) {
            sb.append("<nextToken>").append(token).append("</nextToken>");
        }
    }

    // ------------------------------------------------------------------ Price List bodies

    /** One Price List item (itself JSON) for a shared-tenancy Linux on-demand instance. */
    static String priceItem(String type, String region, String usdPerHour, String effectiveDate) {
        String sku = "SKU" + Integer.toHexString((type + region).hashCode()).toUpperCase();
        return "{\"product\":{\"productFamily\":\"Compute Instance\",\"attributes\":{\"capacitystatus\":\"Used\","
                + "\"operatingSystem\":\"Linux\",\"regionCode\":\"" + region + "\",\"tenancy\":\"Shared\","
                + "\"operation\":\"RunInstances\",\"instanceType\":\"" + type + "\",\"preInstalledSw\":\"NA\","
                + "\"usagetype\":\"BoxUsage:" + type + "\"},\"sku\":\"" + sku + "\"},\"serviceCode\":\"AmazonEC2\","
                + "\"terms\":{\"OnDemand\":{\"" + sku + ".JRTCKXETXF\":{\"priceDimensions\":{\"" + sku
                + ".JRTCKXETXF.6YS6EN2CT7\":{\"unit\":\"Hrs\",\"endRange\":\"Inf\",\"description\":\"on demand\","
                + "\"appliesTo\":[],\"rateCode\":\"" + sku + ".JRTCKXETXF.6YS6EN2CT7\",\"beginRange\":\"0\","
                + "\"pricePerUnit\":{\"USD\":\"" + usdPerHour + "\"}}},\"sku\":\"" + sku + "\",\"effectiveDate\":\""
                + effectiveDate + "\",\"offerTermCode\":\"JRTCKXETXF\",\"termAttributes\":{}}}},"
                + "\"version\":\"20261120184512\",\"publicationDate\":\"2026-11-20T18:45:12Z\"}";
    }

    /** A GetProducts answer: the items are embedded as JSON strings. */
    static String getProducts(List<String> items, String nextToken) {
        StringBuilder sb = new StringBuilder(64 + items.size() * 1100);
        sb.append("{\"FormatVersion\":\"aws_v1\",\"PriceList\":[");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"').append(items.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        sb.append(']');
        if (nextToken != null) {
            sb.append(",\"NextToken\":\"").append(nextToken).append('"');
        }
        return sb.append('}').toString();
    }

    static String fixture(String name) {
        try (InputStream in = AwsWire.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
