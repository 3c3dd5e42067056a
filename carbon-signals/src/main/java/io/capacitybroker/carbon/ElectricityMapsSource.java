package io.capacitybroker.carbon;

import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Electricity Maps API v3 (header {@code auth-token}): latest, 24 h history and forecast of the
 * life-cycle carbon intensity of a zone, in gCO2eq/kWh. A refresh fetches {@code latest}; with
 * {@code history = true} also the last 24 hours (fills gaps after an outage); with {@code forecast = true}
 * (paid plans) also the forecast.
 */
public final class ElectricityMapsSource implements CarbonSource {

    public static final String NAME = "electricitymaps";
    public static final URI DEFAULT_BASE = URI.create("https://api.electricitymap.org/v3");

    /** Configuration: the base URL ends before {@code /carbon-intensity}. */
    public record Config(URI baseUrl, String token, boolean forecast, boolean history, Duration timeout, RetryPolicy retry) {
        public Config {
            Objects.requireNonNull(baseUrl, "baseUrl");
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("Electricity Maps needs a token");
            }
        }

        public static Config of(String token) {
            return new Config(DEFAULT_BASE, token, false, false, Duration.ofSeconds(10), RetryPolicy.defaults());
        }
    }

    private final Config config;
    private final HttpJson http;

    public ElectricityMapsSource(Config config) {
        this(config, HttpJson.defaultClient(config.timeout()));
    }

    public ElectricityMapsSource(Config config, HttpClient client) {
        this.config = config;
        this.http = new HttpJson(client, config.timeout(), config.retry(), "Electricity Maps");
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
        return "lifecycle";
    }

    @Override
    public Set<String> zonesFor(Collection<RegionZone> regions) {
        Set<String> z = new TreeSet<>();
        regions.forEach(r -> z.add(r.gridZone()));
        return z;
    }

    @Override
    public List<IntensityObservation> fetch(String zone, Instant now) {
        List<IntensityObservation> out = new ArrayList<>();
        IntensityObservation latest = latest(zone, now);
        if (config.history()) {
            history(zone, now).stream().filter(h -> !h.validAt().equals(latest.validAt())).forEach(out::add);
        }
        out.add(latest);
        if (config.forecast()) {
            out.addAll(forecast(zone, now));
        }
        return out;
    }

    /** {@code GET /carbon-intensity/latest?zone=}. */
    public IntensityObservation latest(String zone, Instant now) {
        URI uri = uri("latest", zone);
        JsonNode n = http.get(uri, headers());
        return point(zone, n, ObservationKind.ACTUAL, now, uri);
    }

    /** {@code GET /carbon-intensity/history?zone=}: the last 24 hours. */
    public List<IntensityObservation> history(String zone, Instant now) {
        URI uri = uri("history", zone);
        JsonNode n = http.get(uri, headers());
        List<IntensityObservation> out = new ArrayList<>();
        for (JsonNode p : http.array(n, "history", uri)) {
            if (p.get("carbonIntensity") == null || p.get("carbonIntensity").isNull()) {
                continue; // hours without data are listed with a null value
            }
            out.add(point(zone, p, ObservationKind.ACTUAL, now, uri));
        }
        return out;
    }

    /** {@code GET /carbon-intensity/forecast?zone=}. */
    public List<IntensityObservation> forecast(String zone, Instant now) {
        URI uri = uri("forecast", zone);
        JsonNode n = http.get(uri, headers());
        List<IntensityObservation> out = new ArrayList<>();
        for (JsonNode p : http.array(n, "forecast", uri)) {
            out.add(point(zone, p, ObservationKind.FORECAST, now, uri));
        }
        return out;
    }

    private IntensityObservation point(String zone, JsonNode n, ObservationKind kind, Instant now, URI uri) {
        JsonNode z = n.get("zone");
        if (z != null && z.isString() && !z.asString().equals(zone)) {
            throw http.malformed(uri, "answer is for zone " + z.asString() + ", asked " + zone, null);
        }
        return new IntensityObservation(zone, SignalType.AVERAGE, kind, http.time(n, "datetime", uri), now,
                http.number(n, "carbonIntensity", uri), NAME);
    }

    private URI uri(String what, String zone) {
        if (zone == null || zone.isBlank()) {
            throw new ProviderException.InvalidRequest("zone is required");
        }
        String base = config.baseUrl().toString().replaceAll("/+$", "");
        return URI.create(base + "/carbon-intensity/" + what + "?zone=" + URLEncoder.encode(zone, StandardCharsets.UTF_8)
                + "&disableCallerLookup=true");
    }

    private Map<String, String> headers() {
        return Map.of("auth-token", config.token());
    }
}
