package io.capacitybroker.provider.simulated;

import io.capacitybroker.domain.GeoLocation;
import io.capacitybroker.domain.InstanceShape;
import io.capacitybroker.domain.Market;
import io.capacitybroker.domain.OfferKey;
import io.capacitybroker.domain.ProviderId;
import io.capacitybroker.domain.Region;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the bundled price catalog ({@code capacity-broker/catalog/}, see its PROVENANCE.md) into
 * {@link CatalogPool}s and {@link Region}s. Rows without a known vCPU/memory shape, without a price or
 * with a zero price are skipped and counted.
 */
final class CatalogLoader {

    /** Opens a catalog file by its path relative to the catalog root. */
    @FunctionalInterface
    interface Source {
        Reader open(String path) throws IOException;
    }

    static final String ROOT = "/capacity-broker/catalog/";

    static final String AWS_TYPES = "aws/aws_ec2_instance_types_2026-01-22.csv";
    static final String AWS_ONDEMAND_MULTI = "aws/aws_ec2_ondemand_linux_multiregion_2023-08-06.csv";
    static final String AWS_ONDEMAND_USE1 = "aws/aws_ec2_ondemand_linux_us-east-1_2026-07-20.csv";
    static final String AWS_SPOT = "aws/spotlake_aws_spot_snapshot_2022-07-12.csv";
    static final String GCP_PRICES = "gcp/gcp_compute_engine_prices_2026-07-30.csv";
    static final String AZURE_ONDEMAND = "azure/azure_vm_ondemand_linux_2026-06-18.csv";
    static final String AZURE_SIZES = "azure/azure_vm_sizes.csv";
    static final String GEO_AWS_REGIONS = "geo/aws_regions.json";
    static final String GEO_AZURE_REGIONS = "geo/azure_regions.csv";
    static final String GEO_AWS_GCP_COORDS = "geo/cloud_region_coordinates_aws_gcp.csv";
    static final String GEO_OVH_REGIONS = "geo/ovh_regions.csv";

    static final String SRC_AWS_MULTI = "simulated:aws-libcloud-pricing-2023-08-06";
    static final String SRC_AWS_USE1 = "simulated:aws-karpenter-pricing-2026-07-20";
    static final String SRC_AWS_SPOT = "simulated:aws-spotlake-2022-07-12";
    static final String SRC_GCP = "simulated:gcp-pricing-2026-07-30";
    static final String SRC_AZURE = "simulated:azure-karpenter-pricing-2026-06-18";

    /** Snapshot times of the list-price files, from PROVENANCE.md (date only where the upstream gives no time). */
    static final Instant AT_AWS_MULTI = Instant.parse("2023-08-06T00:00:00Z");
    static final Instant AT_AWS_USE1 = Instant.parse("2026-07-20T13:44:30Z");
    static final Instant AT_GCP = Instant.parse("2026-07-30T00:00:00Z");
    static final Instant AT_AZURE = Instant.parse("2026-06-18T03:43:41Z");

    /** GCP machine families built on Arm CPUs (Ampere Altra: t2a; Google Axion: c4a, n4a). */
    static final Set<String> GCP_ARM_FAMILIES = Set.of("t2a", "c4a", "n4a");

    private static final Pattern GCP_REGION = Pattern.compile("[a-z]+-[a-z]+[0-9]+");
    private static final DateTimeFormatter SPOTLAKE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Source source;
    private final List<CatalogPool> pools = new ArrayList<>();
    private final Map<OfferKey, CatalogPool> byKey = new HashMap<>(1 << 17);
    private final Map<String, InstanceShape> shapeIntern = new HashMap<>();
    private final Map<String, RawShape> rawShapes = new HashMap<>();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, Integer> poolsBySource = new TreeMap<>();
    private final Map<String, Integer> skipped = new TreeMap<>();
    private final Map<String, int[]> countsBySource = new HashMap<>();

    CatalogLoader(Source source) {
        this.source = source;
    }

    static Source classpath() {
        return path -> {
            InputStream in = CatalogLoader.class.getResourceAsStream(ROOT + path);
            if (in == null) {
                throw new IOException("catalog file missing from the classpath: " + ROOT + path);
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        };
    }

    /** The SpotLake interruption-frequency band (3.0 = "<5 %" … 1.0 = ">20 %" per month) as a rate per hour. */
    static Double interruptionRateForIfBand(String band) {
        if (band == null || band.isBlank()) {
            return null;
        }
        double monthly = switch (band.trim()) {
            case "3.0", "3" -> 0.025;
            case "2.5" -> 0.075;
            case "2.0", "2" -> 0.125;
            case "1.5" -> 0.175;
            case "1.0", "1" -> 0.25;
            default -> Double.NaN;
        };
        return Double.isNaN(monthly) ? null : monthly / 730.0;
    }

    /**
     * Parses everything. The three providers' price files are parsed in parallel (each by its own loader,
     * with its own state), then merged in a fixed order (AWS, GCP, Azure), so pool indices are stable.
     */
    Catalog load() {
        long start = System.nanoTime();
        CatalogLoader aws = new CatalogLoader(source);
        CatalogLoader gcp = new CatalogLoader(source);
        CatalogLoader azure = new CatalogLoader(source);
        Throwable[] failure = new Throwable[1];
        Thread awsThread = Thread.ofPlatform().name("catalog-aws").start(guard(aws::loadAws, failure));
        Thread gcpThread = Thread.ofPlatform().name("catalog-gcp").start(guard(gcp::loadGcp, failure));
        guard(azure::loadAzure, failure).run();
        try {
            awsThread.join();
            gcpThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the catalog", e);
        }
        synchronized (failure) {
            if (failure[0] instanceof RuntimeException re) {
                throw re;
            }
            if (failure[0] instanceof Error err) {
                throw err;
            }
        }
        for (CatalogLoader part : List.of(aws, gcp, azure)) {
            for (CatalogPool p : part.pools) {
                pools.add(new CatalogPool(pools.size(), p.key(), p.shape(), p.snapshotPrice(), p.ceiling(),
                        p.publishedInterruptionRate(), p.placementScore(), p.source(), p.snapshotAt(), p.hash()));
            }
            part.countsBySource.forEach((src, counts) -> {
                for (Market m : Market.values()) {
                    if (counts[m.ordinal()] > 0) {
                        poolsBySource.merge(src + ":" + m.wireName(), counts[m.ordinal()], Integer::sum);
                    }
                }
            });
            part.skipped.forEach((k, v) -> skipped.merge(k, v, Integer::sum));
        }
        Map<ProviderId, List<Region>> regions = loadRegions();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Catalog(pools, regions, new CatalogStats(poolsBySource, skipped, took));
    }

    private static Runnable guard(Runnable task, Throwable[] failure) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                synchronized (failure) {
                    if (failure[0] == null) {
                        failure[0] = e;
                    }
                }
            }
        };
    }

    private void loadAws() {
        Map<String, InstanceShape> awsTypes = readShapes(AWS_TYPES, "instance_type");
        Map<String, BigDecimal> awsOnDemand = new HashMap<>();
        Map<String, InstanceShape> awsShapeByType = new HashMap<>(awsTypes);
        loadAwsOnDemand(AWS_ONDEMAND_USE1, SRC_AWS_USE1, AT_AWS_USE1, awsTypes, awsOnDemand, awsShapeByType, null);
        loadAwsOnDemand(AWS_ONDEMAND_MULTI, SRC_AWS_MULTI, AT_AWS_MULTI, awsTypes, awsOnDemand, awsShapeByType,
                "us-east-1");
        loadAwsSpot(awsShapeByType, awsOnDemand);
    }

    // ---------------------------------------------------------------- AWS

    private void loadAwsOnDemand(String file, String src, Instant at, Map<String, InstanceShape> types,
                                 Map<String, BigDecimal> prices, Map<String, InstanceShape> shapeByType,
                                 String skipRegion) {
        read(file, row -> {
            String region = name(row.get("region"));
            String type = name(row.get("instance_type"));
            if (region.equals(skipRegion)) {
                return; // superseded by a newer file, not a data problem
            }
            InstanceShape shape = shapeFromRow(type, row.get("vcpus"), row.get("memory_mib"), row.get("gpus"),
                    row.get("architecture"));
            if (shape == null) {
                shape = types.get(type);
            }
            BigDecimal price = price(row.get("ondemand_usd_per_hour"));
            if (shape == null || price == null || region.isEmpty()) {
                skip(file);
                return;
            }
            OfferKey key = new OfferKey(ProviderId.AWS, region, null, type, Market.ON_DEMAND);
            if (add(key, shape, price, price, null, null, src, at)) {
                prices.put(region + '|' + type, price);
                shapeByType.putIfAbsent(type, shape);
            } else {
                skip(file);
            }
        });
    }

    private void loadAwsSpot(Map<String, InstanceShape> shapeByType, Map<String, BigDecimal> onDemand) {
        Map<String, Instant> times = new HashMap<>();
        read(AWS_SPOT, row -> {
            String region = name(row.get("Region"));
            String zone = name(row.get("AZ"));
            String type = name(row.get("InstanceType"));
            InstanceShape shape = shapeByType.get(type);
            BigDecimal price = price(row.get("SpotPrice"));
            if (shape == null || price == null || region.isEmpty() || zone.isEmpty()) {
                skip(AWS_SPOT);
                return;
            }
            BigDecimal ceiling = onDemand.get(region + '|' + type);
            if (ceiling == null) {
                // No on-demand row for this region: SpotLake's Savings column is the discount against on-demand.
                BigDecimal savings = decimal(row.get("Savings"));
                ceiling = savings != null && savings.signum() >= 0 && savings.compareTo(HUNDRED) < 0
                        ? price.multiply(HUNDRED).divide(HUNDRED.subtract(savings), MathContext.DECIMAL64)
                                .setScale(6, java.math.RoundingMode.HALF_EVEN)
                        : price;
            }
            Double rate = interruptionRateForIfBand(row.get("IF"));
            Integer sps = row.get("SPS").isEmpty() ? null : (int) Math.round(Double.parseDouble(row.get("SPS")));
            Instant at = times.computeIfAbsent(row.get("time"),
                    t -> t.isEmpty() ? Instant.parse("2022-07-12T04:20:02Z")
                            : OffsetDateTime.parse(t, SPOTLAKE_TIME).toInstant());
            OfferKey key = new OfferKey(ProviderId.AWS, region, zone, type, Market.SPOT);
            if (!add(key, shape, price, ceiling, rate, sps, SRC_AWS_SPOT, at)) {
                skip(AWS_SPOT);
            }
        });
    }

    // ---------------------------------------------------------------- GCP

    private void loadGcp() {
        read(GCP_PRICES, row -> {
            String type = name(row.get("machine_type"));
            String region = name(row.get("region"));
            String family = row.get("family");
            InstanceShape shape;
            try {
                BigDecimal vcpus = decimal(row.get("vcpus"));
                BigDecimal mem = decimal(row.get("memory_gb"));
                shape = vcpus == null || mem == null ? null
                        : intern(new InstanceShape(type, vcpus.stripTrailingZeros(), mem.stripTrailingZeros(),
                                gpusRoundedUp(row.get("gpu_count")),
                                GCP_ARM_FAMILIES.contains(family.toLowerCase(Locale.ROOT)) ? "arm64" : "amd64"));
            } catch (ArithmeticException | IllegalArgumentException e) {
                shape = null;
            }
            if (shape == null || region.isEmpty()) {
                skip(GCP_PRICES);
                return;
            }
            BigDecimal od = price(row.get("ondemand_usd_per_hour"));
            BigDecimal spot = price(row.get("spot_usd_per_hour"));
            if (od == null && spot == null) {
                skip(GCP_PRICES);
                return;
            }
            if (od != null) {
                add(new OfferKey(ProviderId.GCP, region, null, type, Market.ON_DEMAND), shape, od, od, null, null,
                        SRC_GCP, AT_GCP);
            }
            if (spot != null) {
                BigDecimal ceiling = od != null && od.compareTo(spot) >= 0 ? od : spot;
                add(new OfferKey(ProviderId.GCP, region, null, type, Market.SPOT), shape, spot, ceiling, null, null,
                        SRC_GCP, AT_GCP);
            }
        });
    }

    // ---------------------------------------------------------------- Azure

    private void loadAzure() {
        Map<String, InstanceShape> sizes = readShapes(AZURE_SIZES, "vm_size");
        read(AZURE_ONDEMAND, row -> {
            String region = name(row.get("region"));
            String type = name(row.get("vm_size"));
            InstanceShape shape = shapeFromRow(type, row.get("vcpus"), row.get("memory_mib"), row.get("gpus"),
                    row.get("architecture"));
            if (shape == null) {
                shape = sizes.get(type);
            }
            BigDecimal price = price(row.get("ondemand_usd_per_hour"));
            if (shape == null || price == null || region.isEmpty()) {
                skip(AZURE_ONDEMAND);
                return;
            }
            if (!add(new OfferKey(ProviderId.AZURE, region, null, type, Market.ON_DEMAND), shape, price, price, null,
                    null, SRC_AZURE, AT_AZURE)) {
                skip(AZURE_ONDEMAND);
            }
        });
    }

    // ---------------------------------------------------------------- regions

    private Map<ProviderId, List<Region>> loadRegions() {
        Map<ProviderId, Map<String, Region>> byProvider = new LinkedHashMap<>();
        for (ProviderId p : List.of(ProviderId.AWS, ProviderId.GCP, ProviderId.AZURE, ProviderId.OVH)) {
            byProvider.put(p, new TreeMap<>());
        }
        // AWS and GCP coordinates (GCP rows include zones: keep regions only).
        read(GEO_AWS_GCP_COORDS, row -> {
            ProviderId p = switch (row.get("provider").toUpperCase(Locale.ROOT)) {
                case "AWS" -> ProviderId.AWS;
                case "GCP" -> ProviderId.GCP;
                default -> null;
            };
            String code = row.get("region");
            if (p == null || code.isEmpty() || (p.equals(ProviderId.GCP) && !GCP_REGION.matcher(code).matches())) {
                return;
            }
            byProvider.get(p).putIfAbsent(code, new Region(p, code, nullIfEmpty(row.get("location")),
                    nullIfEmpty(row.get("country")), location(row.get("latitude"), row.get("longitude")), null));
        });
        // AWS display names.
        Map<String, Region> aws = byProvider.get(ProviderId.AWS);
        for (Map.Entry<String, String> e : readAwsRegionNames().entrySet()) {
            Region known = aws.get(e.getKey());
            aws.put(e.getKey(), known == null
                    ? new Region(ProviderId.AWS, e.getKey(), e.getValue(), null, null, null)
                    : new Region(ProviderId.AWS, e.getKey(), e.getValue(), known.country(), known.location(), null));
        }
        read(GEO_AZURE_REGIONS, row -> {
            String code = row.get("region");
            if (!code.isEmpty()) {
                byProvider.get(ProviderId.AZURE).putIfAbsent(code, new Region(ProviderId.AZURE, code,
                        nullIfEmpty(row.get("display_name")), null,
                        location(row.get("latitude"), row.get("longitude")), null));
            }
        });
        read(GEO_OVH_REGIONS, row -> {
            String code = row.get("region");
            if (!code.isEmpty()) {
                byProvider.get(ProviderId.OVH).putIfAbsent(code, new Region(ProviderId.OVH, code,
                        nullIfEmpty(row.get("city")), nullIfEmpty(row.get("country")), null, null));
            }
        });
        // Every region with an offer is a region, even without geo data.
        Map<ProviderId, Set<String>> offerRegions = new HashMap<>();
        for (CatalogPool pool : pools) {
            offerRegions.computeIfAbsent(pool.key().provider(), k -> new java.util.HashSet<>())
                    .add(pool.key().region());
        }
        offerRegions.forEach((p, codes) -> codes.forEach(code -> byProvider.get(p).computeIfAbsent(code,
                c -> new Region(p, c, null, null, null, null))));
        Map<ProviderId, List<Region>> out = new LinkedHashMap<>();
        byProvider.forEach((p, m) -> out.put(p, new ArrayList<>(m.values())));
        return out;
    }

    private Map<String, String> readAwsRegionNames() {
        String json;
        try (Reader r = source.open(GEO_AWS_REGIONS)) {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            for (int n; (n = r.read(buf)) > 0; ) {
                sb.append(buf, 0, n);
            }
            json = sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A flat array of objects; each object has "full_name" and "code" string members.
        Map<String, String> names = new LinkedHashMap<>();
        Pattern member = Pattern.compile("\"(full_name|code)\"\\s*:\\s*\"([^\"]*)\"");
        for (String object : json.split("\\{")) {
            Matcher m = member.matcher(object);
            String code = null;
            String name = null;
            while (m.find()) {
                if (m.group(1).equals("code")) {
                    code = m.group(2);
                } else {
                    name = m.group(2);
                }
            }
            if (code != null && !code.isBlank()) {
                names.put(code, name);
            }
        }
        return names;
    }

    // ---------------------------------------------------------------- helpers

    private boolean add(OfferKey key, InstanceShape shape, BigDecimal price, BigDecimal ceiling, Double rate,
                        Integer sps, String src, Instant at) {
        if (byKey.containsKey(key)) {
            return false;
        }
        CatalogPool pool = new CatalogPool(pools.size(), key, shape, price, ceiling, rate, sps, src, at,
                Seeded.fnv64(key));
        pools.add(pool);
        byKey.put(key, pool);
        countsBySource.computeIfAbsent(src, k -> new int[Market.values().length])[key.market().ordinal()]++;
        return true;
    }

    private Map<String, InstanceShape> readShapes(String file, String typeColumn) {
        Map<String, InstanceShape> shapes = new HashMap<>();
        read(file, row -> {
            String type = row.get(typeColumn);
            InstanceShape shape = shapeFromRow(type, row.get("vcpus"), row.get("memory_mib"), row.get("gpus"),
                    row.get("architecture"));
            if (shape == null) {
                skip(file);
            } else {
                shapes.putIfAbsent(type, shape);
            }
        });
        return shapes;
    }

    /** A shape from vcpus / memory_mib / gpus / architecture columns, or null when vCPUs or memory are unknown. */
    private InstanceShape shapeFromRow(String type, String vcpus, String memoryMiB, String gpus, String arch) {
        if (type.isEmpty() || vcpus.isEmpty() || memoryMiB.isEmpty()) {
            return null;
        }
        RawShape cached = rawShapes.get(type);
        if (cached != null && cached.matches(vcpus, memoryMiB, gpus, arch)) {
            return cached.shape();
        }
        try {
            BigDecimal v = new BigDecimal(vcpus).stripTrailingZeros();
            long mib = new BigDecimal(memoryMiB).longValueExact();
            if (v.signum() <= 0 || mib <= 0) {
                return null;
            }
            InstanceShape shape = intern(
                    InstanceShape.ofMiB(type, v, mib, integer(gpus), arch.isEmpty() ? null : arch));
            rawShapes.put(type, new RawShape(vcpus, memoryMiB, gpus, arch, shape));
            return shape;
        } catch (ArithmeticException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The shape columns of a row as written, and the shape they gave (avoids re-parsing repeated rows). */
    private record RawShape(String vcpus, String memoryMiB, String gpus, String arch, InstanceShape shape) {
        boolean matches(String v, String m, String g, String a) {
            return vcpus.equals(v) && memoryMiB.equals(m) && gpus.equals(g) && arch.equals(a);
        }
    }

    private InstanceShape intern(InstanceShape s) {
        String k = s.instanceType() + '|' + s.vcpus().toPlainString() + '|' + s.memoryGiB().toPlainString() + '|'
                + s.gpus() + '|' + s.architecture();
        InstanceShape known = shapeIntern.putIfAbsent(k, s);
        return known == null ? s : known;
    }

    private void read(String file, java.util.function.Consumer<Csv.Row> consumer) {
        try {
            Csv.forEachRow(source.open(file), consumer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One String instance per distinct name (regions, zones, types repeat thousands of times). */
    private String name(String s) {
        String known = names.putIfAbsent(s, s);
        return known == null ? s : known;
    }

    private void skip(String file) {
        skipped.merge(file, 1, Integer::sum);
    }

    /** A positive price, or null for a blank, unparsable, zero or negative one. */
    private static BigDecimal price(String s) {
        BigDecimal d = decimal(s);
        return d == null || d.signum() <= 0 ? null : d;
    }

    private static BigDecimal decimal(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int integer(String s) {
        if (s == null || s.isEmpty()) {
            return 0;
        }
        return new BigDecimal(s).intValueExact();
    }

    /**
     * GPUs per node, rounded up: GCP's G4 types come with a fraction of an RTX 6000-class GPU (gpu_count
     * 0.125, 0.25, 0.5), which the VM sees as one (partitioned) GPU device, and {@link InstanceShape#gpus()}
     * counts whole devices.
     */
    static int gpusRoundedUp(String s) {
        BigDecimal d = decimal(s);
        return d == null ? 0 : d.setScale(0, java.math.RoundingMode.CEILING).intValueExact();
    }

    private static String nullIfEmpty(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static GeoLocation location(String lat, String lon) {
        BigDecimal la = decimal(lat);
        BigDecimal lo = decimal(lon);
        if (la == null || lo == null) {
            return null;
        }
        try {
            return new GeoLocation(la.doubleValue(), lo.doubleValue());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
