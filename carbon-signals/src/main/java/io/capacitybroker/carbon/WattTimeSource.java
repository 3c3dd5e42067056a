package io.capacitybroker.carbon;

import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * WattTime API v3: marginal operating emissions rate (MOER). {@code GET /login} with HTTP Basic gives a
 * bearer token valid 30 minutes; it is cached and renewed 5 minutes early, or once when a data call
 * answers 401. {@code /v3/forecast} values in lbs CO2/MWh are converted to g/kWh (× 0.453592); its first
 * point is "now" and is stored as the actual value. {@code /v3/signal-index} (a 0–100 percentile) is
 * offered for display only: it is not an intensity. Observations are keyed by WattTime region.
 *
 * <p>Every request (logins included) first passes the {@link RequestRateLimiter} of the configuration
 * (by default WattTime's documented limits: 10 a second, 3,000 in any 5 minutes). A data call answered
 * 401 is retried once with a fresh login; one answered 403 after a successful login is a region (or
 * signal) outside this account's plan: it becomes an {@code AuthFailed} with vendor code
 * {@link #NO_ACCESS}, which {@link #noAccess} recognises, and no new login is attempted.
 */
public final class WattTimeSource implements CarbonSource {

    public static final String NAME = "watttime";
    public static final URI DEFAULT_BASE = URI.create("https://api.watttime.org");
    public static final double LBS_PER_MWH_TO_G_PER_KWH = 0.453592;
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(30);
    static final Duration TOKEN_MARGIN = Duration.ofMinutes(5);
    /** Vendor code of the {@code AuthFailed} of a data call answered 403: the region is outside this account's plan. */
    public static final String NO_ACCESS = "watttime_no_access";

    public record Config(URI baseUrl, String username, String password, int horizonHours, Duration timeout, RetryPolicy retry,
                         RequestRateLimiter rateLimiter) {
        public Config {
            Objects.requireNonNull(baseUrl, "baseUrl");
            if (username == null || username.isBlank() || password == null || password.isBlank()) {
                throw new IllegalArgumentException("WattTime needs a username and a password");
            }
            if (horizonHours < 0 || horizonHours > 72) {
                throw new IllegalArgumentException("horizonHours must be 0..72");
            }
            rateLimiter = rateLimiter == null ? RequestRateLimiter.wattTime() : rateLimiter;
        }

        /** With WattTime's documented rate limits. */
        public Config(URI baseUrl, String username, String password, int horizonHours, Duration timeout, RetryPolicy retry) {
            this(baseUrl, username, password, horizonHours, timeout, retry, null);
        }

        public static Config of(String username, String password) {
            return new Config(DEFAULT_BASE, username, password, 24, Duration.ofSeconds(10), RetryPolicy.defaults());
        }
    }

    /** The percentile (0 = cleanest, 100 = dirtiest) of the current MOER of a region. */
    public record SignalIndex(String region, Instant pointTime, double percentile) {
    }

    private final Config config;
    private final HttpJson http;
    private final Clock clock;
    private String token;
    private Instant tokenExpires = Instant.MIN;
    private int logins;

    public WattTimeSource(Config config, Clock clock) {
        this(config, clock, HttpJson.defaultClient(config.timeout()));
    }

    public WattTimeSource(Config config, Clock clock, HttpClient client) {
        this.config = config;
        this.clock = clock;
        this.http = new HttpJson(client, config.timeout(), config.retry(), "WattTime");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SignalType signal() {
        return SignalType.MARGINAL;
    }

    @Override
    public String emissionFactor() {
        return "marginal-operational";
    }

    @Override
    public Set<String> zonesFor(Collection<RegionZone> regions) {
        Set<String> z = new TreeSet<>();
        regions.forEach(r -> r.wattTime().ifPresent(z::add));
        return z;
    }

    @Override
    public List<IntensityObservation> fetch(String region, Instant now) {
        List<IntensityObservation> f = forecast(region, now);
        List<IntensityObservation> out = new ArrayList<>(f.size());
        for (int i = 0; i < f.size(); i++) {
            IntensityObservation o = f.get(i);
            out.add(i == 0 ? new IntensityObservation(o.zone(), o.signal(), ObservationKind.ACTUAL, o.validAt(), o.fetchedAt(),
                    o.gco2PerKwh(), o.source()) : o);
        }
        return out;
    }

    /** {@code GET /v3/forecast?region&signal_type=co2_moer&horizon_hours}, converted to g/kWh. */
    public List<IntensityObservation> forecast(String region, Instant now) {
        URI uri = uri("/v3/forecast", "region", region, "signal_type", "co2_moer", "horizon_hours",
                Integer.toString(config.horizonHours()));
        JsonNode n = authorized(uri);
        String units = n.path("meta").path("units").asString("");
        if (!units.isEmpty() && !units.equals("lbs_co2_per_mwh")) {
            throw http.malformed(uri, "unexpected units " + units, null);
        }
        List<IntensityObservation> out = new ArrayList<>();
        for (JsonNode p : http.array(n, "data", uri)) {
            out.add(new IntensityObservation(region, SignalType.MARGINAL, ObservationKind.FORECAST, http.time(p, "point_time", uri), now,
                    http.number(p, "value", uri) * LBS_PER_MWH_TO_G_PER_KWH, NAME));
        }
        if (out.isEmpty()) {
            throw http.malformed(uri, "empty forecast", null);
        }
        return out;
    }

    /** {@code GET /v3/signal-index?region&signal_type=co2_moer}: the current percentile. */
    public SignalIndex signalIndex(String region) {
        URI uri = uri("/v3/signal-index", "region", region, "signal_type", "co2_moer");
        JsonNode n = authorized(uri);
        JsonNode data = http.array(n, "data", uri);
        if (data.isEmpty()) {
            throw http.malformed(uri, "no data point", null);
        }
        JsonNode p = data.get(0);
        double v = http.number(p, "value", uri);
        if (v > 100) {
            throw http.malformed(uri, "percentile above 100: " + v, null);
        }
        return new SignalIndex(region, http.time(p, "point_time", uri), v);
    }

    /** Whether the error says that this account may not read the zone (HTTP 403 on a data call, see {@link #NO_ACCESS}). */
    @Override
    public boolean noAccess(ProviderException e) {
        return isNoAccess(e);
    }

    public static boolean isNoAccess(ProviderException e) {
        return e instanceof ProviderException.AuthFailed && e.vendorCode().filter(NO_ACCESS::equals).isPresent();
    }

    /**
     * {@code GET /v3/region-from-loc?latitude&longitude&signal_type=co2_moer}: the WattTime region of a position
     * (documented answer {@code {"region", "region_full_name", "signal_type"}}). A position outside every
     * region WattTime knows is an error answer (NotFound / InvalidRequest), never an empty region.
     */
    public String regionFromLocation(double latitude, double longitude) {
        URI uri = uri("/v3/region-from-loc", "latitude", Double.toString(latitude), "longitude", Double.toString(longitude),
                "signal_type", "co2_moer");
        JsonNode r = authorized(uri).get("region");
        if (r == null || !r.isString() || r.asString().isBlank()) {
            throw http.malformed(uri, "no region", null);
        }
        return r.asString();
    }

    /** How many logins happened (for tests of the token cache). */
    synchronized int logins() {
        return logins;
    }

    private JsonNode authorized(URI uri) {
        return http.retry().call(() -> {
            String t = token(false);
            try {
                return dataCall(uri, t);
            } catch (ProviderException.AuthFailed e) {
                if (isNoAccess(e)) {
                    throw e; // the token is good; the plan does not cover this: a new login would not help
                }
                // the token may have been revoked or expired early: one fresh login, then give up
                return dataCall(uri, token(true));
            }
        });
    }

    private JsonNode dataCall(URI uri, String bearer) {
        try {
            return send(uri, Map.of("Authorization", "Bearer " + bearer));
        } catch (ProviderException.AuthFailed e) {
            if (e.vendorCode().filter("http_403"::equals).isPresent()) {
                throw new ProviderException.AuthFailed("WattTime refused " + uri.getPath() + "?" + uri.getRawQuery()
                        + " (HTTP 403): not in this account's plan — " + e.getMessage(), NO_ACCESS, e);
            }
            throw e;
        }
    }

    private JsonNode send(URI uri, Map<String, String> headers) {
        config.rateLimiter().acquire();
        return http.getOnce(uri, headers);
    }

    private synchronized String token(boolean renew) {
        Instant now = clock.instant();
        if (!renew && token != null && now.isBefore(tokenExpires.minus(TOKEN_MARGIN))) {
            return token;
        }
        String basic = Base64.getEncoder().encodeToString((config.username() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
        URI uri = uri("/login");
        JsonNode n = send(uri, Map.of("Authorization", "Basic " + basic));
        logins++;
        JsonNode t = n.get("token");
        if (t == null || !t.isString() || t.asString().isBlank()) {
            throw http.malformed(uri, "no token in the login answer", null);
        }
        token = t.asString();
        tokenExpires = now.plus(TOKEN_LIFETIME);
        return token;
    }

    private URI uri(String path, String... params) {
        StringBuilder sb = new StringBuilder(config.baseUrl().toString().replaceAll("/+$", "")).append(path);
        for (int i = 0; i < params.length; i += 2) {
            if (params[i + 1] == null || params[i + 1].isBlank()) {
                throw new ProviderException.InvalidRequest(params[i] + " is required");
            }
            sb.append(i == 0 ? '?' : '&').append(params[i]).append('=')
                    .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return URI.create(sb.toString());
    }
}
