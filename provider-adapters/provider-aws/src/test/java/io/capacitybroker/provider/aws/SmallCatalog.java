package io.capacitybroker.provider.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static io.capacitybroker.provider.aws.AwsWire.ec2;
import static io.capacitybroker.provider.aws.AwsWire.getProducts;
import static io.capacitybroker.provider.aws.AwsWire.json;
import static io.capacitybroker.provider.aws.AwsWire.xml;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;

/**
 * A small us-east-1 catalog in AWS's wire formats, served in two pages by every paginated API: the
 * documented spot-price and Price List fixtures as first pages, generated second pages with the
 * awkward cases (an older price row, an AZ that does not offer the type, a Windows row, a zero price).
 */
final class SmallCatalog {

    static final String R1 = "us-east-1";

    private SmallCatalog() {
    }

    /** A small us-east-1 catalog served in several pages by every paginated API. */
    static void stub(WireMockServer wm) {
        wm.stubFor(ec2("DescribeRegions").willReturn(xml(AwsWire.describeRegions(List.of(R1, "eu-west-1", "ap-south-1")))));
        // DescribeInstanceTypes: two pages
        wm.stubFor(ec2("DescribeInstanceTypes").withRequestBody(notContaining("NextToken")).willReturn(xml(
                AwsWire.describeInstanceTypes(List.of(
                        new AwsWire.TypeRow("m5.large", 2, 8192, 0, "amd64", true),
                        new AwsWire.TypeRow("c5.xlarge", 4, 8192, 0, "amd64", true)), "types-2"))));
        wm.stubFor(ec2("DescribeInstanceTypes").withRequestBody(containing("NextToken=types-2")).willReturn(xml(
                AwsWire.describeInstanceTypes(List.of(
                        new AwsWire.TypeRow("m6g.large", 2, 8192, 0, "arm64", true),
                        new AwsWire.TypeRow("g4dn.xlarge", 4, 16384, 1, "amd64", true),
                        new AwsWire.TypeRow("t2.nano", 1, 512, 0, "amd64", false)), null))));
        // DescribeInstanceTypeOfferings: two pages (m5.large is not offered in us-east-1d)
        wm.stubFor(ec2("DescribeInstanceTypeOfferings").withRequestBody(notContaining("NextToken")).willReturn(xml(
                AwsWire.typeOfferings(List.of(new String[] {"m5.large", "us-east-1a"}, new String[] {"m5.large", "us-east-1b"},
                        new String[] {"m5.large", "us-east-1c"}, new String[] {"c5.xlarge", "us-east-1a"}), "off-2"))));
        wm.stubFor(ec2("DescribeInstanceTypeOfferings").withRequestBody(containing("NextToken=off-2")).willReturn(xml(
                AwsWire.typeOfferings(List.of(new String[] {"m6g.large", "us-east-1b"}, new String[] {"g4dn.xlarge", "us-east-1a"},
                        new String[] {"t2.nano", "us-east-1a"}), null))));
        // DescribeSpotPriceHistory: the documented fixture as page 1, then a page 2
        wm.stubFor(ec2("DescribeSpotPriceHistory").withRequestBody(notContaining("NextToken")).willReturn(xml(
                AwsWire.fixture("aws-ec2-describe-spot-price-history.xml").replace("<nextToken/>", "<nextToken>spot-2</nextToken>"))));
        wm.stubFor(ec2("DescribeSpotPriceHistory").withRequestBody(containing("NextToken=spot-2")).willReturn(xml(
                AwsWire.spotPriceHistory(List.of(
                        new String[] {"m5.large", "us-east-1a", "0.031000", "2026-11-20T08:00:00.000Z"}, // older than page 1's
                        new String[] {"m6g.large", "us-east-1b", "0.025400", "2026-11-22T10:00:00.000Z"},
                        new String[] {"g4dn.xlarge", "us-east-1a", "0.2", "2026-11-22T10:00:00.000Z", "Linux/UNIX (Amazon VPC)"},
                        new String[] {"m5.large", "us-east-1d", "0.030000", "2026-11-22T10:00:00.000Z"}, // not offered there
                        new String[] {"m5.large", "us-east-1c", "0.099000", "2026-11-22T10:00:00.000Z", "Windows"}), null))));
        // GetProducts: the documented fixture as page 1, then a page 2
        wm.stubFor(getProducts().withRequestBody(notContaining("NextToken")).willReturn(json(
                AwsWire.fixture("aws-pricing-get-products-ec2.json").replaceFirst("\\{", "{\"NextToken\":\"prices-2\","))));
        wm.stubFor(getProducts().withRequestBody(containing("\"NextToken\":\"prices-2\"")).willReturn(json(
                AwsWire.getProducts(List.of(
                        AwsWire.priceItem("m6g.large", R1, "0.0770000000", "2026-10-01T00:00:00Z"),
                        AwsWire.priceItem("g4dn.xlarge", R1, "0.5260000000", "2026-10-01T00:00:00Z"),
                        AwsWire.priceItem("t2.nano", R1, "0.0058000000", "2026-10-01T00:00:00Z"),
                        AwsWire.priceItem("x9.retired", R1, "0.0000000000", "2026-10-01T00:00:00Z")), null))));
    }

}
