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

    @Override
    public Set<String> zonesFor(Collection<RegionZone> regions) {
        return regions.stream().anyMatch(r -> ZONE.equals(r.gridZone())) ? Set.of(ZONE) : Set.of();
    }

    @Override
    public List<IntensityObservation> fetch(String zone, Instant now) {
        if (!ZONE.equals(zone)) {
            return List.of();
        }
        List<IntensityObservation> out = new ArrayList<>(current(now));
        out.addAll(forecast48h(now));
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
