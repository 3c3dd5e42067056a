package io.capacitybroker.provider.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.capacitybroker.domain.Market;
import io.capacitybroker.domain.Offer;
import io.capacitybroker.provider.spi.OfferFilter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Times a FULL refresh ({@code listOffers(OfferFilter.all())} over every region) through the local fake, with
 * the fake's Retail Prices pages and ARM resource SKU lists generated from the bundled catalog CSVs (every
 * on-demand Linux row, a synthetic Spot row per size at 20 % of on-demand, and a Windows row for every third
 * size, in pages of 1,000 items like the real API). Not a unit test: run it as a main class (see README).
 *
 * <p>Argument (optional): the repository root; default the current directory, then {@code ../..}.
 */
public final class AzureFullRefreshBenchmark {

    private static final String CATALOG = "provider-adapters/provider-simulated/src/main/resources/capacity-broker/catalog/azure/";
    private static final int PAGE_SIZE = 1000;

    private AzureFullRefreshBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path root = root(args);
        Map<String, String[]> sizes = readSizes(root.resolve(CATALOG + "azure_vm_sizes.csv"));
        Map<String, List<String[]>> pricesByRegion = readPrices(root.resolve(CATALOG
                + "azure_vm_ondemand_linux_2026-06-18.csv"));
        ObjectMapper json = JsonMapper.builder().build();

        try (AzureFake fake = new AzureFake(true)) {
            long t0 = System.nanoTime();
            fake.server.stubFor(get(urlPathEqualTo(AzureFake.LOCATIONS)).willReturn(fake.json(locations(json,
                    pricesByRegion.keySet()))));
            int items = 0;
            int pages = 0;
            for (Map.Entry<String, List<String[]>> e : pricesByRegion.entrySet()) {
                String region = e.getKey();
                fake.server.stubFor(get(urlPathEqualTo(AzureFake.SKUS))
                        .withQueryParam("$filter", equalTo("location eq '" + region + "'"))
                        .willReturn(fake.json(skus(json, region, sizes))));
                List<ObjectNode> rows = retailRows(json, region, e.getValue());
                items += rows.size();
                for (int from = 0, page = 0; from < rows.size() || page == 0; from += PAGE_SIZE, page++) {
                    List<ObjectNode> slice = rows.subList(Math.min(from, rows.size()),
                            Math.min(rows.size(), from + PAGE_SIZE));
                    boolean last = from + PAGE_SIZE >= rows.size();
                    MappingBuilder m = get(urlPathEqualTo(AzureFake.PRICES))
                            .withQueryParam("$filter", containing("armRegionName eq '" + region + "'"))
                            .withQueryParam("$skip", page == 0 ? absent() : equalTo(String.valueOf(from)));
                    fake.server.stubFor(m.willReturn(fake.json(page(json, region, slice, last ? -1 : from + PAGE_SIZE))));
                    pages++;
                }
            }
            System.out.printf(Locale.ROOT, "fake ready: %d regions, %d Retail Prices items in %d pages, %d VM sizes "
                            + "per region (%.1f s to generate)%n", pricesByRegion.size(), items, pages, sizes.size(),
                    (System.nanoTime() - t0) / 1e9);

            AzureConfig config = AzureConfig.defaults().withSubscriptionId(AzureFake.SUB)
                    .withLocalFake(java.net.URI.create(fake.baseUrl()))
                    .withRequestsPerSecond(0, 4)
                    .withRetries(4, Duration.ofMillis(200), Duration.ofSeconds(5));
            for (int run = 1; run <= 2; run++) {
                try (AzureProviderAdapter adapter = new AzureProviderAdapter(config, null, java.time.Clock.systemUTC(),
                        d -> Thread.sleep(d.toMillis()))) {
                    long start = System.nanoTime();
                    List<Offer> offers = adapter.listOffers(OfferFilter.all());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long spot = offers.stream().filter(o -> o.key().market() == Market.SPOT).count();
                    System.out.printf(Locale.ROOT, "run %d: full refresh listOffers(all) = %d offers (%d on-demand, "
                                    + "%d spot) from %d Retail Prices items, %d HTTP requests, in %.2f s%n", run,
                            offers.size(), offers.size() - spot, spot, items,
                            pages + pricesByRegion.size() + 1, seconds);
                    if (seconds >= 60) {
                        System.out.println("FAIL: a full refresh must take less than 60 s");
                        System.exit(1);
                    }
                }
            }
        }
    }

    private static Path root(String[] args) {
        List<Path> candidates = new ArrayList<>();
        if (args.length > 0) {
            candidates.add(Path.of(args[0]));
        }
        candidates.add(Path.of(""));
        candidates.add(Path.of("../.."));
        for (Path p : candidates) {
            if (Files.isRegularFile(p.resolve(CATALOG + "azure_vm_sizes.csv"))) {
                return p;
            }
        }
        throw new IllegalStateException("run from the repository root (or pass it): no " + CATALOG + " found");
    }

    /** vm_size → {vcpus, memory_mib, gpus, architecture}. */
    private static Map<String, String[]> readSizes(Path csv) throws IOException {
        Map<String, String[]> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length >= 6 && !f[2].isBlank() && !f[3].isBlank()) {
                out.put(f[0], new String[] {f[2], f[3], f[4].isBlank() ? "0" : f[4], f[5]});
            }
        }
        return out;
    }

    /** region → rows {vm_size, price}. */
    private static Map<String, List<String[]>> readPrices(Path csv) throws IOException {
        Map<String, List<String[]>> out = new TreeMap<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length >= 7 && !f[6].isBlank()) {
                out.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new String[] {f[1], f[6]});
            }
        }
        return out;
    }

    private static String locations(ObjectMapper json, Iterable<String> regions) {
        ObjectNode root = json.createObjectNode();
        ArrayNode value = root.putArray("value");
        for (String r : regions) {
            ObjectNode l = value.addObject();
            l.put("id", "/subscriptions/" + AzureFake.SUB + "/locations/" + r);
            l.put("name", r);
            l.put("type", "Region");
            l.put("displayName", r);
            l.putObject("metadata").put("regionType", "Physical").put("regionCategory", "Recommended");
        }
        return json.writeValueAsString(root);
    }

    private static String skus(ObjectMapper json, String region, Map<String, String[]> sizes) {
        ObjectNode root = json.createObjectNode();
        ArrayNode value = root.putArray("value");
        sizes.forEach((name, s) -> {
            ObjectNode sku = value.addObject();
            sku.put("resourceType", "virtualMachines");
            sku.put("name", name);
            sku.put("tier", "Standard");
            sku.putArray("locations").add(region);
            ArrayNode caps = sku.putArray("capabilities");
            caps.addObject().put("name", "vCPUs").put("value", s[0]);
            caps.addObject().put("name", "MemoryGB").put("value",
                    new BigDecimal(s[1]).divide(BigDecimal.valueOf(1024), 4, RoundingMode.HALF_EVEN)
                            .stripTrailingZeros().toPlainString());
            caps.addObject().put("name", "GPUs").put("value", s[2]);
            caps.addObject().put("name", "CpuArchitectureType").put("value", "arm64".equals(s[3]) ? "Arm64" : "x64");
            sku.putArray("restrictions");
        });
        return json.writeValueAsString(root);
    }

    private static List<ObjectNode> retailRows(ObjectMapper json, String region, List<String[]> rows) {
        List<ObjectNode> out = new ArrayList<>();
        int i = 0;
        for (String[] r : rows) {
            String size = r[0];
            BigDecimal price = new BigDecimal(r[1]);
            String meter = size.replaceFirst("^(Standard|Basic)_", "").replace('_', ' ');
            out.add(item(json, region, size, meter, "Virtual Machines Series", price, "2026-06-01T00:00:00Z"));
            out.add(item(json, region, size, meter + " Spot", "Virtual Machines Series",
                    price.multiply(new BigDecimal("0.2")).setScale(6, RoundingMode.HALF_EVEN), "2026-11-01T00:00:00Z"));
            if (i++ % 3 == 0) {
                out.add(item(json, region, size, meter, "Virtual Machines Series Windows",
                        price.multiply(new BigDecimal("1.9")), "2026-06-01T00:00:00Z"));
            }
        }
        return out;
    }

    private static ObjectNode item(ObjectMapper json, String region, String armSku, String meter, String product,
                                   BigDecimal price, String effective) {
        ObjectNode n = json.createObjectNode();
        n.put("currencyCode", "USD");
        n.put("tierMinimumUnits", 0.0);
        n.put("retailPrice", price);
        n.put("unitPrice", price);
        n.put("armRegionName", region);
        n.put("location", region);
        n.put("effectiveStartDate", effective);
        n.put("meterId", "00000000-0000-0000-0000-000000000000");
        n.put("meterName", meter);
        n.put("productId", "DZH318Z00000");
        n.put("skuId", "DZH318Z00000/0000");
        n.put("productName", product);
        n.put("skuName", meter);
        n.put("serviceName", "Virtual Machines");
        n.put("serviceId", "DZH313Z7MMC8");
        n.put("serviceFamily", "Compute");
        n.put("unitOfMeasure", "1 Hour");
        n.put("type", "Consumption");
        n.put("isPrimaryMeterRegion", true);
        n.put("armSkuName", armSku);
        return n;
    }

    private static String page(ObjectMapper json, String region, List<ObjectNode> items, int nextSkip) {
        ObjectNode root = json.createObjectNode();
        root.put("BillingCurrency", "USD");
        root.put("CustomerEntityId", "Default");
        root.put("CustomerEntityType", "Retail");
        ArrayNode arr = root.putArray("Items");
        items.forEach(arr::add);
        if (nextSkip < 0) {
            root.putNull("NextPageLink");
        } else {
            root.put("NextPageLink", "https://prices.azure.com:443/api/retail/prices?api-version=2023-01-01-preview"
                    + "&$filter=serviceName%20eq%20%27Virtual%20Machines%27%20and%20priceType%20eq%20%27Consumption%27"
                    + "%20and%20armRegionName%20eq%20%27" + region + "%27&$skip=" + nextSkip);
        }
        root.put("Count", items.size());
        return json.writeValueAsString(root);
    }
}
