package io.capacitybroker.provider.ovh;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import io.capacitybroker.domain.Offer;
import io.capacitybroker.provider.spi.OfferFilter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A full refresh of a whole catalog through the local fake: every region, every page, the public catalog.
 * There is no licensed OVHcloud price list to replay, so the fake's answers are generated from the real
 * bundled catalog CSVs of the simulated cloud (Azure and GCP on-demand rows with their shapes; each vendor
 * region becomes one OVHcloud region, each VM size one flavor with its own hourly plan code, the USD price
 * turned into 10⁻⁸ EUR at 1/1.08) and served in OVHcloud's wire format, flavor lists in pages of
 * {@value #PAGE} behind {@code X-Pagination-Cursor-Next}. Times {@code listOffers(all)} end to end.
 *
 * <p>Run from the repository root:
 * {@code mvn -q -o -pl provider-adapters/provider-ovh test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.capacitybroker.provider.ovh.OvhFullRefreshBenchmark [-Dexec.args="<requestsPerSecond> <runs>"]}
 * (requestsPerSecond defaults to the adapter's default, 10; 0 switches the client-side limit off).
 */
public final class OvhFullRefreshBenchmark {

    static final int PAGE = 2000;
    static final String CATALOG_DIR = "provider-adapters/provider-simulated/src/main/resources/capacity-broker/catalog";
    private static final JsonMapper JSON = JsonMapper.shared();

    private OvhFullRefreshBenchmark() {
    }

    record Row(String region, String name, BigDecimal vcpus, BigDecimal memoryGiB, BigDecimal usdPerHour) {
    }

    public static void main(String[] args) throws Exception {
        double rps = args.length > 0 ? Double.parseDouble(args[0]) : OvhConfig.DEFAULT_REQUESTS_PER_SECOND;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = catalogDir();
        List<Row> rows = new ArrayList<>();
        // azure: region,vm_size,vcpus,memory_mib,gpus,architecture,ondemand_usd_per_hour
        read(dir.resolve("azure/azure_vm_ondemand_linux_2026-06-18.csv"), f -> f[2].isEmpty() || f[3].isEmpty() ? null
                : new Row("AZ-" + f[0].toUpperCase(Locale.ROOT), f[1].toLowerCase(Locale.ROOT), new BigDecimal(f[2]),
                new BigDecimal(f[3]).divide(BigDecimal.valueOf(1024)), new BigDecimal(f[6])), rows);
        // gcp: machine_type,family,vcpus,memory_gb,gpu_type,gpu_count,local_ssd_gb,region,ondemand_usd_per_hour,...
        read(dir.resolve("gcp/gcp_compute_engine_prices_2026-07-30.csv"), f -> f[8].isEmpty() ? null
                : new Row("GCP-" + f[7].toUpperCase(Locale.ROOT), f[0], new BigDecimal(f[2]), new BigDecimal(f[3]),
                new BigDecimal(f[8])), rows);

        Map<String, Map<String, Row>> byRegion = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.vcpus().signum() > 0 && r.memoryGiB().signum() > 0 && r.usdPerHour().signum() > 0) {
                byRegion.computeIfAbsent(r.region(), k -> new LinkedHashMap<>()).putIfAbsent(r.name(), r);
            }
        }
        int flavors = byRegion.values().stream().mapToInt(Map::size).sum();

        try (OvhFake fake = new OvhFake()) {
            fake.server.resetAll();
            stub(fake, byRegion);
            OvhConfig config = fake.config().withRateLimit(rps, 4).withRetry(4, Duration.ofMillis(200),
                    Duration.ofSeconds(10));
            System.out.printf("fake: %d regions, %d flavors (%d CSV rows), rate limit %s req/s%n", byRegion.size(),
                    flavors, rows.size(), rps == 0 ? "off" : rps);
            for (int run = 1; run <= runs; run++) {
                try (OvhProviderAdapter adapter = new OvhProviderAdapter(config, Clock.systemUTC(),
                        d -> Thread.sleep(d.toMillis()))) {
                    long cpu0 = processCpuNanos();
                    long t0 = System.nanoTime();
                    List<Offer> offers = adapter.listOffers(OfferFilter.all());
                    double secs = (System.nanoTime() - t0) / 1e9;
                    double cpuSecs = (processCpuNanos() - cpu0) / 1e9;
                    int requests = fake.server.getAllServeEvents().size();
                    fake.server.resetRequests();
                    System.out.printf("run %d: %d offers in %.2f s wall (%d HTTP requests; %.2f s CPU of this JVM, "
                            + "adapter and fake together; system load average %.1f on %d CPUs)%n", run, offers.size(),
                            secs, requests, cpuSecs, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                    .getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
                    if (offers.size() != flavors) {
                        throw new IllegalStateException("expected " + flavors + " offers, got " + offers.size());
                    }
                }
            }
        }
    }

    private static void stub(OvhFake fake, Map<String, Map<String, Row>> byRegion) {
        fake.server.stubFor(get(urlPathEqualTo("/1.0/auth/time"))
                .willReturn(okJson(Long.toString(System.currentTimeMillis() / 1000))));
        ArrayNode regionNames = JSON.createArrayNode();
        byRegion.keySet().forEach(regionNames::add);
        fake.server.stubFor(OvhFake.signed(get(urlPathEqualTo(OvhFake.REGIONS))).willReturn(okJson(regionNames.toString())));

        ObjectNode catalog = JSON.createObjectNode();
        catalog.put("catalogId", 1);
        catalog.putObject("locale").put("currencyCode", "EUR").put("subsidiary", "FR").put("taxRate", 20);
        catalog.putArray("plans");
        catalog.putArray("products");
        catalog.putArray("planFamilies");
        ArrayNode addons = catalog.putArray("addons");
        BigDecimal eurPerUsd = BigDecimal.ONE.divide(new BigDecimal("1.08"), 12, RoundingMode.HALF_EVEN);
        int id = 0;
        for (Map.Entry<String, Map<String, Row>> e : byRegion.entrySet()) {
            List<ObjectNode> flavorNodes = new ArrayList<>();
            for (Row r : e.getValue().values()) {
                String plan = r.name() + ".consumption." + e.getKey().toLowerCase(Locale.ROOT);
                long price = r.usdPerHour().multiply(eurPerUsd).multiply(OvhCatalog.PRICE_UNITS_PER_CURRENCY_UNIT)
                        .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
                ObjectNode addon = addons.addObject();
                addon.put("planCode", plan).put("invoiceName", r.name()).put("product", "publiccloud-instance-" + r.name())
                        .put("pricingType", "consumption");
                addon.putArray("pricings").addObject().put("phase", 0).put("commitment", 0)
                        .put("description", "Price per hour").put("interval", 1).put("intervalUnit", "hour")
                        .put("price", price).put("tax", 0).put("mode", "consumption").put("strategy", "tiered")
                        .put("type", "consumption").putArray("capacities").add("consumption");
                addon.putArray("configurations").addObject().put("name", "region").putArray("values");
                ObjectNode blobs = addon.putObject("blobs");
                blobs.putObject("commercial").put("brick", "instance").put("name", r.name());
                ObjectNode tech = blobs.putObject("technical");
                tech.putObject("cpu").put("cores", r.vcpus());
                tech.putObject("memory").put("size", r.memoryGiB());
                blobs.putArray("tags").add("active");

                ObjectNode fl = JSON.createObjectNode();
                fl.put("id", String.format("00000000-0000-4000-8000-%012d", ++id)).put("name", r.name())
                        .put("region", e.getKey()).put("ram", r.memoryGiB()).put("disk", 50).put("vcpus", r.vcpus())
                        .put("type", "ovh.ssd.eg").put("osType", "linux").put("inboundBandwidth", 500)
                        .put("outboundBandwidth", 500).put("available", true).put("quota", 10);
                fl.putObject("planCodes").put("hourly", plan).putNull("monthly");
                fl.putArray("capabilities");
                flavorNodes.add(fl);
            }
            int pages = (flavorNodes.size() + PAGE - 1) / PAGE;
            for (int p = 0; p < pages; p++) {
                ArrayNode page = JSON.createArrayNode();
                flavorNodes.subList(p * PAGE, Math.min(flavorNodes.size(), (p + 1) * PAGE)).forEach(page::add);
                var mapping = OvhFake.signed(get(urlPathEqualTo(OvhFake.FLAVORS)))
                        .withQueryParam("region", equalTo(e.getKey()))
                        .withHeader("X-Pagination-Cursor", p == 0 ? absent() : equalTo("page-" + p));
                var response = okJson(page.toString());
                if (p + 1 < pages) {
                    response = response.withHeader("X-Pagination-Cursor-Next", "page-" + (p + 1));
                }
                fake.server.stubFor(mapping.willReturn(response));
            }
        }
        fake.server.stubFor(get(urlPathEqualTo(OvhFake.CATALOG)).willReturn(okJson(catalog.toString())));
    }

    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static void read(Path csv, java.util.function.Function<String[], Row> parse, List<Row> out)
            throws IOException {
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            Row r = parse.apply(line.split(",", -1));
            if (r != null) {
                out.add(r);
            }
        }
    }

    private static Path catalogDir() {
        for (String root : List.of(".", "../..")) {
            Path p = Path.of(root).resolve(CATALOG_DIR);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("run from the repository root: " + CATALOG_DIR + " not found");
    }
}
