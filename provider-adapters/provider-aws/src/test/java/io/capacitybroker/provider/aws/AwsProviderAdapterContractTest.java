package io.capacitybroker.provider.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.capacitybroker.provider.spi.ProviderAdapter;
import io.capacitybroker.provider.spi.ProviderAdapterContractTest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared SPI contract against a local fake speaking AWS's wire formats (WireMock: EC2 AWS Query XML,
 * Price List JSON 1.1, the Spot Instance Advisor file), with every listing served in several pages.
 * The same EC2 calls run against moto in {@link AwsMotoTest}.
 */
class AwsProviderAdapterContractTest extends ProviderAdapterContractTest {

    static WireMockServer wm;
    private AwsProviderAdapter current;

    @BeforeAll
    static void startFake() {
        wm = AwsWire.startWireMock();
        SmallCatalog.stub(wm);
        wm.stubFor(AwsWire.ec2("GetSpotPlacementScores").willReturn(AwsWire.xml(AwsWire.fixture("aws-ec2-get-spot-placement-scores.xml"))));
        wm.stubFor(AwsWire.ec2("DescribeAvailabilityZones").willReturn(AwsWire.xml(AwsWire.availabilityZones("us-east-1", List.of(
                new String[] {"us-east-1a", "use1-az6"}, new String[] {"us-east-1b", "use1-az1"},
                new String[] {"us-east-1c", "use1-az2"})))));
        wm.stubFor(get(urlEqualTo("/spot-advisor-data.json")).willReturn(aResponse().withStatus(200)
                .withBody(AwsWire.fixture("aws-spot-advisor-data.json"))));
    }

    @AfterAll
    static void stopFake() {
        if (wm != null) {
            wm.stop();
        }
    }

    @AfterEach
    void closeAdapter() {
        if (current != null) {
            current.close();
        }
    }

    @Override
    protected ProviderAdapter createAdapter() {
        URI base = URI.create("http://127.0.0.1:" + wm.port());
        current = new AwsProviderAdapter(AwsAdapterConfig.forLocalEndpoints(base, base, base.resolve("/spot-advisor-data.json"))
                .withRegions(List.of("us-east-1")).withRetry(3, Duration.ofMillis(10), Duration.ofMillis(50)),
                Clock.systemUTC(), d -> { });
        return current;
    }
}
