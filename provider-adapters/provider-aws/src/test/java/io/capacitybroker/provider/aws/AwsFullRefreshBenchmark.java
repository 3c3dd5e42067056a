package io.capacitybroker.provider.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.capacitybroker.domain.Market;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.provider.spi.OfferFilter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Times a FULL refresh ({@code listOffers(OfferFilter.all())} over every region) of the whole AWS catalog
 * through a local fake that speaks EC2's and the Price List's wire formats and pages like AWS (100 instance
 * types, 1,000 offerings or spot prices, 100 price-list items per page). The fake's data are the real
 * public price lists bundled with the simulated cloud. Not a unit test: run it by hand (see README).
 *
 * <p>Arguments: {@code [requestsPerSecond per endpoint (default: the production default)] [runs (default 3)]}.
 * The catalog is read from {@code provider-adapters/provider-simulated/src/main/resources/capacity-broker/catalog/aws}
 * relative to the repository root (or from the module directory).
 */
public final class AwsFullRefreshBenchmark {

    private AwsFullRefreshBenchmark() {
    }

    public static void main(String[] args) {
        double rps = args.length > 0 ? Double.parseDouble(args[0]) : AwsAdapterConfig.defaults().requestsPerSecond();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path catalog = catalogDir();
        long t0 = System.nanoTime();
        CatalogFakeAws fake = new CatalogFakeAws(catalog);
        System.out.printf(Locale.ROOT, "fake catalog: %d regions, %d price rows (spot + on-demand), %d offers expected; built in %d ms%n",
                fake.regions().size(), fake.rows(), fake.expectedOffers(), (System.nanoTime() - t0) / 1_000_000);

        WireMockServer wm = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(24).disableRequestJournal().extensions(fake));
        wm.start();
        try {
            wm.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withTransformers(CatalogFakeAws.NAME)));
            URI base = URI.create("http://127.0.0.1:" + wm.port());
            AwsAdapterConfig cfg = AwsAdapterConfig.forLocalEndpoints(base, base, null).withRequestsPerSecond(rps)
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60));
            System.out.printf(Locale.ROOT, "adapter: %d regions in parallel, %s requests/s per endpoint%n",
                    cfg.regionParallelism(), rps <= 0 ? "unlimited" : String.valueOf(rps));
            for (int run = 1; run <= runs; run++) {
                try (AwsProviderAdapter adapter = new AwsProviderAdapter(cfg, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()))) {
                    long start = System.nanoTime();
                    List<Offer> offers = adapter.listOffers(OfferFilter.all());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long spot = offers.stream().filter(o -> o.key().market() == Market.SPOT).count();
                    long regions = offers.stream().map(o -> o.key().region()).distinct().count();
                    System.out.printf(Locale.ROOT, "run %d: full refresh listOffers = %d offers (%d spot, %d on-demand) in %d regions: %.2f s%n",
                            run, offers.size(), spot, offers.size() - spot, regions, seconds);
                    if (offers.size() != fake.expectedOffers()) {
                        throw new IllegalStateException("expected " + fake.expectedOffers() + " offers, got " + offers.size());
                    }
                }
            }
        } finally {
            wm.stop();
        }
    }

    private static Path catalogDir() {
        String rel = "provider-adapters/provider-simulated/src/main/resources/capacity-broker/catalog/aws";
        for (Path p : List.of(Path.of(rel), Path.of("..", "provider-simulated/src/main/resources/capacity-broker/catalog/aws"),
                Path.of("..", "..", rel))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("bundled catalog not found; run from the repository root (" + rel + ")");
    }
}
