package io.capacitybroker.carbon;

import io.capacitybroker.provider.spi.RetryPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The GB Carbon Intensity API (NESO; no key): national intensity of the current half hour, the 48-hour
 * national forecast, and regional forecasts. <b>Its figures are operational (direct) emissions</b>, not
 * life-cycle ones like Electricity Maps: every observation carries source {@code carbonintensity.org.uk}
 * and {@link #emissionFactor()} {@code direct}, and the breakdown says so.
 */
public final class UkCarbonIntensitySource implements CarbonSource {

    public static final String NAME = "carbonintensity.org.uk";
    public static final String ZONE = "GB";
    public static final URI DEFAULT_BASE = URI.create("https://api.carbonintensity.org.uk");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    public record Config(URI baseUrl, Duration timeout, RetryPolicy retry) {
        public static Config defaults() {
            return new Config(DEFAULT_BASE, Duration.ofSeconds(10), RetryPolicy.defaults());
        }
    }

    /** One regional half hour. */
    public record RegionalPoint(int regionId, String shortName, Instant from, double forecastGco2PerKwh, String index) {
    }

    private final Config config;
    private final HttpJson http;

    public UkCarbonIntensitySource(Config config) {
        this(config, HttpJson.defaultClient(config.timeout()));
    }

    public UkCarbonIntensitySource(Config config, HttpClient client) {
        this.config = config;
        this.http = new HttpJson(client, config.timeout(), config.retry(), "UK Carbon Intensity");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SignalType signal() {
        return SignalType.AVERAGE;
    }

    @Override
    public String emissionFactor() {
        return "direct";
    }

    /** The zone key of a UK region's regional forecasts, e.g. {@code GB-R13} for London. */
    public static String regionalZone(int regionId) {
        return ZONE + "-R" + regionId;
    }

    /**
     * The UK Carbon Intensity region (1–17) of a mapped cloud region or site in Great Britain, from its
     * location: London and Erith → 13 (London), Cardiff → 7 (South Wales), Manchester → 3 (North West
     * England), Edinburgh → 2 (South Scotland). Empty for other places (they use the national series).
     */
    public static java.util.OptionalInt ukRegionId(RegionZone rz) {
        if (!ZONE.equals(rz.gridZone()) || rz.location() == null) {
            return java.util.OptionalInt.empty();
        }
        String l = rz.location().toLowerCase(java.util.Locale.ROOT);
        if (l.startsWith("london") || l.startsWith("erith")) {
            return java.util.OptionalInt.of(13);
        }
        if (l.startsWith("cardiff")) {
            return java.util.OptionalInt.of(7);
        }
        if (l.startsWith("manchester")) {
            return java.util.OptionalInt.of(3);
        }
        if (l.startsWith("edinburgh")) {
            return java.util.OptionalInt.of(2);
        }
        return java.util.OptionalInt.empty();
    }

    @Override
    public Set<String> zonesFor(Collection<RegionZone> regions) {
        java.util.TreeSet<String> zones = new java.util.TreeSet<>();
        for (RegionZone r : regions) {
            if (ZONE.equals(r.gridZone())) {
                zones.add(ZONE);
                ukRegionId(r).ifPresent(id -> zones.add(regionalZone(id)));
            }
        }
        return zones;
    }

    @Override
    public List<IntensityObservation> fetch(String zone, Instant now) {
        if (ZONE.equals(zone)) {
            List<IntensityObservation> out = new ArrayList<>(current(now));
            out.addAll(forecast48h(now));
            return out;
        }
        if (zone.startsWith(ZONE + "-R")) {
            int id;
            try {
                id = Integer.parseInt(zone.substring(ZONE.length() + 2));
            } catch (NumberFormatException e) {
                return List.of();
            }
            return regionalForecast48h(id, now);
        }
        return List.of();
    }

    /**
     * {@code GET /regional/intensity/{from}/fw48h/regionid/{id}}: the half-hourly regional forecast of the
     * next 48 hours, stored under {@link #regionalZone(int)} (regional figures are forecasts only).
     */
    public List<IntensityObservation> regionalForecast48h(int regionId, Instant now) {
        if (regionId < 1 || regionId > 17) {
            throw new io.capacitybroker.provider.spi.ProviderException.InvalidRequest("UK region id must be 1..17: " + regionId);
        }
        URI uri = uri("/regional/intensity/" + MINUTES.format(now.truncatedTo(ChronoUnit.MINUTES)) + "/fw48h/regionid/" + regionId);
        JsonNode body = http.get(uri, Map.of());
        JsonNode data = body.get("data");
        // documented as one region object; some answers wrap it in an array
        List<JsonNode> regions = new ArrayList<>();
        if (data != null && data.isArray()) {
            data.forEach(regions::add);
        } else if (data != null && data.isObject()) {
            regions.add(data);
        } else {
            throw http.malformed(uri, "no data object", null);
        }
        String zone = regionalZone(regionId);
        List<IntensityObservation> out = new ArrayList<>();
        for (JsonNode region : regions) {
            for (JsonNode p : http.array(region, "data", uri)) {
                JsonNode in = p.get("intensity");
                if (in == null || !in.isObject()) {
                    throw http.malformed(uri, "point without intensity", null);
                }
                out.add(new IntensityObservation(zone, SignalType.AVERAGE, ObservationKind.FORECAST, http.time(p, "from", uri), now,
                        http.number(in, "forecast", uri), NAME));
            }
        }
        return out;
    }

    /** {@code GET /intensity}: the current half hour (its actual when published, else its forecast, as actual). */
    public List<IntensityObservation> current(Instant now) {
        URI uri = uri("/intensity");
        List<IntensityObservation> out = new ArrayList<>();
        for (JsonNode row : http.array(http.get(uri, Map.of()), "data", uri)) {
            JsonNode in = row.get("intensity");
            if (in == null || !in.isObject()) {
                throw http.malformed(uri, "row without intensity", null);
            }
            boolean hasActual = in.get("actual") != null && in.get("actual").isNumber();
            double v = http.number(in, hasActual ? "actual" : "forecast", uri);
            out.add(new IntensityObservation(ZONE, SignalType.AVERAGE, ObservationKind.ACTUAL, http.time(row, "from", uri), now, v, NAME));
        }
        return out;
    }

    /** {@code GET /intensity/{from}/fw48h}: national forecast half hours from now. */
    public List<IntensityObservation> forecast48h(Instant now) {
        URI uri = uri("/intensity/" + MINUTES.format(now.truncatedTo(ChronoUnit.MINUTES)) + "/fw48h");
        List<IntensityObservation> out = new ArrayList<>();
        for (JsonNode row : http.array(http.get(uri, Map.of()), "data", uri)) {
            JsonNode in = row.get("intensity");
            out.add(new IntensityObservation(ZONE, SignalType.AVERAGE, ObservationKind.FORECAST, http.time(row, "from", uri), now,
                    http.number(in, "forecast", uri), NAME));
        }
        return out;
    }

    /** {@code GET /regional/regionid/{id}} (1–17): the regional forecast of the current half hour. */
    public List<RegionalPoint> regional(int regionId) {
        if (regionId < 1 || regionId > 17) {
            throw new io.capacitybroker.provider.spi.ProviderException.InvalidRequest("UK region id must be 1..17: " + regionId);
        }
        URI uri = uri("/regional/regionid/" + regionId);
        List<RegionalPoint> out = new ArrayList<>();
        for (JsonNode region : http.array(http.get(uri, Map.of()), "data", uri)) {
            String shortName = region.get("shortname") == null ? "" : region.get("shortname").asString();
            for (JsonNode p : http.array(region, "data", uri)) {
                JsonNode in = p.get("intensity");
                String index = in != null && in.get("index") != null ? in.get("index").asString() : null;
                out.add(new RegionalPoint(regionId, shortName, http.time(p, "from", uri), http.number(in, "forecast", uri), index));
            }
        }
        return out;
    }

    private URI uri(String path) {
        return URI.create(config.baseUrl().toString().replaceAll("/+$", "") + path);
    }
}
