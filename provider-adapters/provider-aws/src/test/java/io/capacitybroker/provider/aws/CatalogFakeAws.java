package io.capacitybroker.provider.aws;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whole-catalog AWS fake for the full-refresh benchmark: a WireMock response transformer that answers
 * DescribeRegions, DescribeInstanceTypes, DescribeInstanceTypeOfferings, DescribeSpotPriceHistory and
 * Price List GetProducts in AWS's wire formats, paged by the request's MaxResults/NextToken, from the
 * real public price lists bundled with the simulated cloud (AWS instance types, multi-region and
 * us-east-1 on-demand prices, the SpotLake spot snapshot). Spot rows name AZ ids (use1-az4); the fake
 * turns them into AZ names (us-east-1d) the way EC2 answers DescribeSpotPriceHistory.
 */
final class CatalogFakeAws implements ResponseDefinitionTransformerV2 {

    static final String NAME = "catalog-fake-aws";
    private static final Pattern AZ_ID = Pattern.compile(".*-az(\\d+)$");
    private static final Pattern JSON_FIELD = Pattern.compile("\"Field\":\"regionCode\",\"Value\":\"([^\"]+)\"");
    private static final Pattern JSON_TOKEN = Pattern.compile("\"NextToken\":\"p(\\d+)\"");
    private static final Pattern JSON_MAX = Pattern.compile("\"MaxResults\":(\\d+)");
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d+/([^/]+)/");

    private final List<String> regions;
    private final List<AwsWire.TypeRow> types;
    private final Map<String, List<String[]>> offeringsByRegion = new HashMap<>();
    private final Map<String, List<String[]>> spotByRegion = new HashMap<>();
    private final Map<String, List<String>> priceItemsByRegion = new HashMap<>();
    private final int expectedOffers;

    CatalogFakeAws(Path catalogDir) {
        Map<String, AwsWire.TypeRow> typeRows = new LinkedHashMap<>();
        for (Map<String, String> r : csv(catalogDir.resolve("aws_ec2_instance_types_2026-01-22.csv"))) {
            addType(typeRows, r);
        }
        // on-demand: the 2026 us-east-1 file replaces the us-east-1 rows of the 2023 multi-region file
        Map<String, Map<String, String>> odPrice = new TreeMap<>();
        for (Map<String, String> r : csv(catalogDir.resolve("aws_ec2_ondemand_linux_multiregion_2023-08-06.csv"))) {
            if (!r.get("region").equals("us-east-1")) {
                odPrice.computeIfAbsent(r.get("region"), k -> new LinkedHashMap<>()).put(r.get("instance_type"), r.get("ondemand_usd_per_hour"));
                addType(typeRows, r);
            }
        }
        for (Map<String, String> r : csv(catalogDir.resolve("aws_ec2_ondemand_linux_us-east-1_2026-07-20.csv"))) {
            odPrice.computeIfAbsent("us-east-1", k -> new LinkedHashMap<>()).put(r.get("instance_type"), r.get("ondemand_usd_per_hour"));
            addType(typeRows, r);
        }
        Map<String, Set<String>> offered = new HashMap<>(); // region -> "type|az"
        Map<String, Map<String, String[]>> spot = new TreeMap<>();
        for (Map<String, String> r : csv(catalogDir.resolve("spotlake_aws_spot_snapshot_2022-07-12.csv"))) {
            Matcher m = AZ_ID.matcher(r.get("AZ"));
            if (!m.matches()) {
                continue;
            }
            String region = r.get("Region");
            String az = region + (char) ('a' + Integer.parseInt(m.group(1)) - 1);
            String type = r.get("InstanceType");
            spot.computeIfAbsent(region, k -> new LinkedHashMap<>()).put(type + '|' + az,
                    new String[] {type, az, r.get("SpotPrice"), "2022-07-12T04:20:02.000Z"});
            offered.computeIfAbsent(region, k -> new LinkedHashSet<>()).add(type + '|' + az);
        }
        odPrice.forEach((region, prices) -> prices.keySet()
                .forEach(t -> offered.computeIfAbsent(region, k -> new LinkedHashSet<>()).add(t + '|' + region + 'a')));

        Set<String> allRegions = new TreeSet<>(odPrice.keySet());
        allRegions.addAll(spot.keySet());
        this.regions = List.copyOf(allRegions);
        this.types = List.copyOf(typeRows.values());
        int expected = 0;
        for (String region : regions) {
            List<String[]> offers = new ArrayList<>();
            for (String tz : offered.getOrDefault(region, Set.of())) {
                offers.add(tz.split("\\|"));
            }
            offeringsByRegion.put(region, offers);
            List<String[]> spotRows = new ArrayList<>(spot.getOrDefault(region, Map.of()).values());
            spotByRegion.put(region, spotRows);
            expected += (int) spotRows.stream().filter(r -> typeRows.containsKey(r[0])).count();
            List<String> items = new ArrayList<>();
            for (Map.Entry<String, String> p : odPrice.getOrDefault(region, Map.of()).entrySet()) {
                items.add(AwsWire.priceItem(p.getKey(), region, p.getValue(), "2026-07-20T00:00:00Z"));
                if (typeRows.containsKey(p.getKey()) && Double.parseDouble(p.getValue()) > 0) {
                    expected++;
                }
            }
            priceItemsByRegion.put(region, items);
        }
        this.expectedOffers = expected;
    }

    private static void addType(Map<String, AwsWire.TypeRow> rows, Map<String, String> r) {
        String type = r.get("instance_type");
        String vcpus = r.getOrDefault("vcpus", "");
        String mib = r.getOrDefault("memory_mib", "");
        if (rows.containsKey(type) || vcpus.isBlank() || mib.isBlank()) {
            return;
        }
        int v = (int) Double.parseDouble(vcpus);
        long m = (long) Double.parseDouble(mib);
        if (v <= 0 || m <= 0) {
            return;
        }
        String gpus = r.getOrDefault("gpus", "0");
        rows.put(type, new AwsWire.TypeRow(type, v, m, gpus.isBlank() ? 0 : (int) Double.parseDouble(gpus),
                r.getOrDefault("architecture", "amd64"), true));
    }

    List<String> regions() {
        return regions;
    }

    int expectedOffers() {
        return expectedOffers;
    }

    int rows() {
        return spotByRegion.values().stream().mapToInt(List::size).sum()
                + priceItemsByRegion.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String body = event.getRequest().getBodyAsString();
        String target = event.getRequest().getHeader("X-Amz-Target");
        if (target != null && target.endsWith("GetProducts")) {
            return getProducts(body);
        }
        Map<String, String> form = form(body);
        Matcher scope = SCOPE.matcher(String.valueOf(event.getRequest().getHeader("Authorization")));
        String region = scope.find() ? scope.group(1) : "us-east-1";
        int max = Integer.parseInt(form.getOrDefault("MaxResults", "100"));
        int page = form.containsKey("NextToken") ? Integer.parseInt(form.get("NextToken").substring(1)) : 0;
        String action = form.getOrDefault("Action", "");
        return switch (action) {
            case "DescribeRegions" -> xml(AwsWire.describeRegions(regions));
            case "DescribeInstanceTypes" -> {
                List<AwsWire.TypeRow> asked = types;
                if (form.containsKey("InstanceType.1")) {
                    Set<String> names = new HashSet<>();
                    form.forEach((k, v) -> {
                        if (k.startsWith("InstanceType.")) {
                            names.add(v);
                        }
                    });
                    asked = types.stream().filter(t -> names.contains(t.type())).toList();
                }
                yield xml(AwsWire.describeInstanceTypes(slice(asked, page, max), next(asked.size(), page, max)));
            }
            case "DescribeInstanceTypeOfferings" -> {
                List<String[]> all = offeringsByRegion.getOrDefault(region, List.of());
                yield xml(AwsWire.typeOfferings(slice(all, page, max), next(all.size(), page, max)));
            }
            case "DescribeSpotPriceHistory" -> {
                List<String[]> all = spotByRegion.getOrDefault(region, List.of());
                yield xml(AwsWire.spotPriceHistory(slice(all, page, max), next(all.size(), page, max)));
            }
            default -> new ResponseDefinitionBuilder().withStatus(400).withBody(
                    "<Response><Errors><Error><Code>InvalidAction</Code><Message>" + action
                            + "</Message></Error></Errors></Response>").build();
        };
    }

    private ResponseDefinition getProducts(String body) {
        Matcher r = JSON_FIELD.matcher(body);
        String region = r.find() ? r.group(1) : "";
        Matcher t = JSON_TOKEN.matcher(body);
        int page = t.find() ? Integer.parseInt(t.group(1)) : 0;
        Matcher m = JSON_MAX.matcher(body);
        int max = m.find() ? Integer.parseInt(m.group(1)) : 100;
        List<String> all = priceItemsByRegion.getOrDefault(region, List.of());
        return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(AwsWire.getProducts(slice(all, page, max), next(all.size(), page, max))).build();
    }

    private static ResponseDefinition xml(String body) {
        return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8")
                .withBody(body).build();
    }

    private static <T> List<T> slice(List<T> all, int page, int max) {
        int from = Math.min(all.size(), page * max);
        return all.subList(from, Math.min(all.size(), from + max));
    }

    private static String next(int size, int page, int max) {
        return (long) (page + 1) * max < size ? "p" + (page + 1) : null;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Minimal CSV reader for the bundled catalog files (no quoted commas in the columns used here). */
    static List<Map<String, String>> csv(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String[] header = lines.get(0).split(",", -1);
            List<Map<String, String>> rows = new ArrayList<>(lines.size());
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.length && i < cells.length; i++) {
                    row.put(header[i].trim(), cells[i].trim());
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
