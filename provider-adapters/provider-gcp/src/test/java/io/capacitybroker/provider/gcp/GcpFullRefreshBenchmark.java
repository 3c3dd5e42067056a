package io.capacitybroker.provider.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.provider.spi.OfferFilter;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Times a full catalog refresh ({@code listOffers(all)}) through a local fake of the Compute Engine and
 * Cloud Billing REST APIs, with responses generated from the bundled GCP price catalog CSV of the
 * simulated cloud (every machine type × region row, listed in three zones per region; family SKUs per
 * region and market derived from the row prices; filler SKUs that the adapter must skip). Not a unit test.
 *
 * <p>Run from the repository root (see the module README); the optional argument is the CSV path.
 */
public final class GcpFullRefreshBenchmark {

    static final String DEFAULT_CSV = "provider-adapters/provider-simulated/src/main/resources/capacity-broker/catalog/gcp/"
            + "gcp_compute_engine_prices_2026-07-30.csv";
    static final String PROJECT = "capbroker-bench";
    static final int MACHINE_TYPE_PAGE = 500;
    static final int SKU_PAGE = 5000;
    static final int FILLER_SKUS_PER_REGION = 300;
    static final BigDecimal CORE_TO_GIB_PRICE_RATIO = new BigDecimal("7.46");
    static final Set<String> ARM = Set.of("t2a", "c4a", "n4a");

    record Row(String type, String family, BigDecimal vcpus, BigDecimal memoryGb, String gpuType, BigDecimal gpuCount,
               String region, BigDecimal onDemand, BigDecimal spot) {
    }

    public static void main(String[] args) throws IOException {
        Path csv = Path.of(args.length > 0 ? args[0] : DEFAULT_CSV);
        List<Row> rows = read(csv);
        Set<String> regions = new TreeSet<>();
        rows.forEach(r -> regions.add(r.region()));

        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .disableRequestJournal().gzipDisabled(true).containerThreads(8));
        server.start();
        try {
            int machineTypeItems = stubMachineTypes(server, rows, regions);
            stubRegions(server, regions);
            int skus = stubSkus(server, rows, regions);
            System.out.printf(Locale.ROOT, "catalog: %d CSV rows, %d regions, %d machine-type items (3 zones per region), %d SKUs%n",
                    rows.size(), regions.size(), machineTypeItems, skus);

            GcpConfig config = GcpConfig.forLocalFake(PROJECT, "http://127.0.0.1:" + server.port())
                    .withRequestTimeout(Duration.ofSeconds(30));
            double worst = 0;
            for (int run = 1; run <= 2; run++) {
                try (GcpProviderAdapter adapter = new GcpProviderAdapter(config, Clock.systemUTC(), RetryPolicy.defaults())) {
                    long start = System.nanoTime();
                    List<Offer> offers = adapter.listOffers(OfferFilter.all());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    worst = Math.max(worst, seconds);
                    GcpProviderAdapter.RefreshStats s = adapter.lastRefreshStats();
                    System.out.printf(Locale.ROOT, "run %d (%s client): %d offers from %d regions, %d zones, %d machine types, "
                                    + "%d SKUs read (%d rates), %d requests in %.2f s%n", run, run == 1 ? "cold" : "fresh",
                            offers.size(), s.regions(), s.zones(), s.machineTypes(), s.skusRead(), s.rates(), s.requests(),
                            seconds);
                    if (run == 1) {
                        System.out.println("  SKUs skipped: " + s.skusSkipped());
                        System.out.println("  offers skipped: " + s.offersSkipped());
                    }
                }
            }
            System.out.printf(Locale.ROOT, "full refresh: worst %.2f s (limit 60 s) -> %s%n", worst, worst < 60 ? "OK" : "TOO SLOW");
            if (worst >= 60) {
                System.exit(1);
            }
        } finally {
            server.stop();
        }
    }

    static List<Row> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length < 10 || f[0].isBlank() || f[2].isBlank() || f[3].isBlank()) {
                continue;
            }
            rows.add(new Row(f[0], f[1], new BigDecimal(f[2]), new BigDecimal(f[3]), f[4],
                    f[5].isBlank() ? BigDecimal.ZERO : new BigDecimal(f[5]), f[7], decimal(f[8]), decimal(f[9])));
        }
        return rows;
    }

    private static BigDecimal decimal(String s) {
        return s == null || s.isBlank() ? null : new BigDecimal(s);
    }

    static boolean shared(String type) {
        return GcpProviderAdapter.SHARED_CORE_VCPUS.containsKey(type);
    }

    /** The aggregated machine-type listing: every row in zones a, b and c of its region, 500 items a page. */
    static int stubMachineTypes(WireMockServer server, List<Row> rows, Set<String> regions) {
        List<String[]> items = new ArrayList<>(); // {zone, json}
        Map<String, List<Row>> byRegion = new LinkedHashMap<>();
        rows.forEach(r -> byRegion.computeIfAbsent(r.region(), k -> new ArrayList<>()).add(r));
        Set<String> seen = new TreeSet<>();
        long id = 1_000_000;
        for (String region : regions) {
            for (String suffix : List.of("a", "b", "c")) {
                String zone = region + "-" + suffix;
                for (Row r : byRegion.get(region)) {
                    if (!seen.add(zone + "/" + r.type())) {
                        continue;
                    }
                    items.add(new String[] {zone, machineTypeJson(r, zone, id++)});
                }
            }
        }
        String path = "/compute/v1/projects/" + PROJECT + "/aggregated/machineTypes";
        int pages = (items.size() + MACHINE_TYPE_PAGE - 1) / MACHINE_TYPE_PAGE;
        for (int p = 0; p < pages; p++) {
            Map<String, List<String>> scopes = new LinkedHashMap<>();
            for (String[] item : items.subList(p * MACHINE_TYPE_PAGE, Math.min(items.size(), (p + 1) * MACHINE_TYPE_PAGE))) {
                scopes.computeIfAbsent("zones/" + item[0], k -> new ArrayList<>()).add(item[1]);
            }
            StringBuilder b = new StringBuilder(256 * MACHINE_TYPE_PAGE)
                    .append("{\"kind\":\"compute#machineTypeAggregatedList\",\"id\":\"projects/").append(PROJECT)
                    .append("/aggregated/machineTypes\",\"items\":{");
            boolean first = true;
            for (Map.Entry<String, List<String>> scope : scopes.entrySet()) {
                b.append(first ? "" : ",").append('"').append(scope.getKey()).append("\":{\"machineTypes\":[")
                        .append(String.join(",", scope.getValue())).append("]}");
                first = false;
            }
            b.append('}');
            if (p + 1 < pages) {
                b.append(",\"nextPageToken\":\"mt-").append(p + 1).append('"');
            }
            b.append('}');
            stubPage(server, path, p == 0 ? null : "mt-" + p, b.toString());
        }
        return items.size();
    }

    static String machineTypeJson(Row r, String zone, long id) {
        boolean shared = shared(r.type());
        int guestCpus = shared ? (r.type().startsWith("e2") ? 2 : 1) : r.vcpus().setScale(0, RoundingMode.CEILING).intValue();
        long memoryMb = r.memoryGb().multiply(BigDecimal.valueOf(1024)).setScale(0, RoundingMode.HALF_UP).longValue();
        StringBuilder b = new StringBuilder(400).append("{\"kind\":\"compute#machineType\",\"id\":\"").append(id)
                .append("\",\"name\":\"").append(r.type()).append("\",\"description\":\"").append(r.vcpus().toPlainString())
                .append(" vCPUs ").append(r.memoryGb().toPlainString()).append(" GB RAM\",\"guestCpus\":").append(guestCpus)
                .append(",\"memoryMb\":").append(memoryMb).append(",\"maximumPersistentDisks\":128,")
                .append("\"maximumPersistentDisksSizeGb\":\"263168\",\"zone\":\"").append(zone)
                .append("\",\"selfLink\":\"https://www.googleapis.com/compute/v1/projects/").append(PROJECT).append("/zones/")
                .append(zone).append("/machineTypes/").append(r.type()).append("\",\"isSharedCpu\":").append(shared)
                .append(",\"architecture\":\"").append(ARM.contains(r.family()) ? "ARM64" : "X86_64").append('"');
        if (!r.gpuType().isBlank()) {
            int count = Math.max(1, r.gpuCount().setScale(0, RoundingMode.CEILING).intValue());
            b.append(",\"accelerators\":[{\"guestAcceleratorType\":\"nvidia-").append(r.gpuType())
                    .append("\",\"guestAcceleratorCount\":").append(count).append("}]");
        }
        return b.append('}').toString();
    }

    static void stubRegions(WireMockServer server, Set<String> regions) {
        StringBuilder b = new StringBuilder("{\"kind\":\"compute#regionList\",\"id\":\"projects/" + PROJECT + "/regions\",\"items\":[");
        boolean first = true;
        long id = 1000;
        for (String region : regions) {
            b.append(first ? "" : ",").append("{\"kind\":\"compute#region\",\"id\":\"").append(id++).append("\",\"name\":\"")
                    .append(region).append("\",\"description\":\"").append(region).append("\",\"status\":\"UP\",\"zones\":[");
            for (String suffix : List.of("a", "b", "c")) {
                b.append(suffix.equals("a") ? "" : ",").append("\"https://www.googleapis.com/compute/v1/projects/")
                        .append(PROJECT).append("/zones/").append(region).append('-').append(suffix).append('"');
            }
            b.append("]}");
            first = false;
        }
        b.append("]}");
        stubPage(server, "/compute/v1/projects/" + PROJECT + "/regions", null, b.toString());
    }

    /** Core/RAM (and GPU, flat) SKUs per family, region and market, derived from one row's price; plus filler. */
    static int stubSkus(WireMockServer server, List<Row> rows, Set<String> regions) {
        // family|region|market -> a row whose price fixes that market's rates (first row with a price)
        Map<String, Row> reference = new LinkedHashMap<>();
        Map<String, Row> gpuReference = new LinkedHashMap<>(); // gpu|region|market
        for (Row r : rows) {
            boolean flat = Set.of("f1-micro", "g1-small").contains(r.type());
            if (shared(r.type()) && !flat) {
                continue;
            }
            for (boolean spot : new boolean[] {false, true}) {
                if ((spot ? r.spot() : r.onDemand()) == null) {
                    continue;
                }
                String market = spot ? "|spot" : "|od";
                reference.putIfAbsent((flat ? r.type() : r.family()) + "|" + r.region() + market, r);
                if (!r.gpuType().isBlank()) {
                    gpuReference.putIfAbsent(r.gpuType() + "|" + r.region() + market, r);
                }
            }
        }
        List<String> skus = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, Row> e : reference.entrySet()) {
            Row r = e.getValue();
            boolean spot = e.getKey().endsWith("|spot");
            BigDecimal price = spot ? r.spot() : r.onDemand();
            String prefix = spot ? "Spot Preemptible " : "";
            String usage = spot ? "Preemptible" : "OnDemand";
            if (r.type().equals("f1-micro") || r.type().equals("g1-small")) {
                String d = r.type().equals("f1-micro") ? "Micro Instance with burstable CPU" : "Small Instance with 1 VCPU";
                skus.add(sku(n++, prefix + d + " running in " + r.region(), usage, r.region(), "h", price));
                continue;
            }
            BigDecimal rest = r.gpuType().isBlank() ? price : price.multiply(new BigDecimal("0.4"));
            BigDecimal ram = rest.divide(CORE_TO_GIB_PRICE_RATIO.multiply(r.vcpus()).add(r.memoryGb()), 9, RoundingMode.HALF_EVEN);
            BigDecimal core = ram.multiply(CORE_TO_GIB_PRICE_RATIO).setScale(9, RoundingMode.HALF_EVEN);
            String[] names = familyDescriptions(r.family());
            skus.add(sku(n++, prefix + names[0] + " running in " + r.region(), usage, r.region(), "h", core));
            skus.add(sku(n++, prefix + names[1] + " running in " + r.region(), usage, r.region(), "GiBy.h", ram));
        }
        for (Map.Entry<String, Row> e : gpuReference.entrySet()) {
            Row r = e.getValue();
            boolean spot = e.getKey().endsWith("|spot");
            BigDecimal price = spot ? r.spot() : r.onDemand();
            int count = Math.max(1, r.gpuCount().setScale(0, RoundingMode.CEILING).intValue());
            BigDecimal gpu = price.multiply(new BigDecimal("0.6")).divide(BigDecimal.valueOf(count), 9, RoundingMode.HALF_EVEN);
            skus.add(sku(n++, (spot ? "Spot Preemptible " : "") + "Nvidia " + r.gpuType().toUpperCase(Locale.ROOT)
                    + " GPU running in " + r.region(), spot ? "Preemptible" : "OnDemand", r.region(), "h", gpu));
        }
        String[] filler = {"Storage PD Capacity", "Network Internet Egress", "Commitment v1: Cpu", "Licensing Fee for Windows",
            "SSD backed Local Storage", "Balanced PD Capacity"};
        for (String region : regions) {
            for (int i = 0; i < FILLER_SKUS_PER_REGION; i++) {
                String what = filler[i % filler.length];
                String usage = what.startsWith("Commitment") ? "Commit1Yr" : "OnDemand";
                String family = what.contains("Storage") || what.contains("PD") ? "Storage"
                        : what.startsWith("Network") ? "Network" : what.startsWith("Licensing") ? "License" : "Compute";
                skus.add(sku(n++, what + " " + i + " in " + region, usage, region, "h", new BigDecimal("0.01"))
                        .replace("\"resourceFamily\":\"Compute\"", "\"resourceFamily\":\"" + family + "\""));
            }
        }
        String path = "/v1/services/6F81-5844-456A/skus";
        int pages = (skus.size() + SKU_PAGE - 1) / SKU_PAGE;
        for (int p = 0; p < pages; p++) {
            String body = "{\"skus\":[" + String.join(",", skus.subList(p * SKU_PAGE, Math.min(skus.size(), (p + 1) * SKU_PAGE)))
                    + "],\"nextPageToken\":\"" + (p + 1 < pages ? "sku-" + (p + 1) : "") + "\"}";
            stubPage(server, path, p == 0 ? null : "sku-" + p, body);
        }
        return skus.size();
    }

    /** The catalog's wording of a family's core and RAM SKUs. */
    static String[] familyDescriptions(String family) {
        return switch (family) {
            case "c2" -> new String[] {"Compute optimized Core", "Compute optimized Ram"};
            case "m1" -> new String[] {"Memory-optimized Instance Core", "Memory-optimized Instance Ram"};
            case "n1" -> new String[] {"N1 Predefined Instance Core", "N1 Predefined Instance Ram"};
            case "custom" -> new String[] {"Custom Instance Core", "Custom Instance Ram"};
            default -> {
                String f = family.toUpperCase(Locale.ROOT);
                yield new String[] {f + " Instance Core", f + " Instance Ram"};
            }
        };
    }

    static String sku(int n, String description, String usage, String region, String unit, BigDecimal usd) {
        BigDecimal units = usd.setScale(0, RoundingMode.DOWN);
        int nanos = usd.subtract(units).movePointRight(9).setScale(0, RoundingMode.HALF_EVEN).intValue();
        String id = String.format(Locale.ROOT, "B%03X-%04X-%04X", n >> 16 & 0xFFF, n & 0xFFFF, region.hashCode() & 0xFFFF);
        return "{\"name\":\"services/6F81-5844-456A/skus/" + id + "\",\"skuId\":\"" + id + "\",\"description\":\"" + description
                + "\",\"category\":{\"serviceDisplayName\":\"Compute Engine\",\"resourceFamily\":\"Compute\",\"resourceGroup\":\"CPU\","
                + "\"usageType\":\"" + usage + "\"},\"serviceRegions\":[\"" + region + "\"],\"pricingInfo\":[{\"summary\":\"\","
                + "\"pricingExpression\":{\"usageUnit\":\"" + unit + "\",\"displayQuantity\":1,\"tieredRates\":[{\"startUsageAmount\":0,"
                + "\"unitPrice\":{\"currencyCode\":\"USD\",\"units\":\"" + units.toPlainString() + "\",\"nanos\":" + nanos + "}}],"
                + "\"usageUnitDescription\":\"hour\",\"baseUnit\":\"s\",\"baseUnitDescription\":\"second\",\"baseUnitConversionFactor\":3600},"
                + "\"currencyConversionRate\":1,\"effectiveTime\":\"2026-07-30T00:00:00Z\"}],\"serviceProviderName\":\"Google\","
                + "\"geoTaxonomy\":{\"type\":\"REGIONAL\",\"regions\":[\"" + region + "\"]}}";
    }

    static void stubPage(WireMockServer server, String path, String token, String body) {
        var mapping = get(urlPathEqualTo(path));
        mapping = token == null ? mapping.atPriority(10) : mapping.withQueryParam("pageToken", equalTo(token)).atPriority(1);
        server.stubFor(mapping.willReturn(okJson(body)));
    }

    private GcpFullRefreshBenchmark() {
    }
}
