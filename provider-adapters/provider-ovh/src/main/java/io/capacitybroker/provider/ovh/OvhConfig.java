package io.capacitybroker.provider.ovh;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the OVHcloud adapter. Every field has a default (applied when it is null), so a
 * binder may leave any of them out. Secrets never appear in {@link #toString()}.
 *
 * @param endpoint              API root: {@code ovh-eu} (default), {@code ovh-ca}, {@code ovh-us}, or a full URL
 *                              ending in the API version (e.g. {@code https://eu.api.ovh.com/1.0}); tests point it
 *                              at a local fake
 * @param applicationKey        the application key (AK), sent as {@code X-Ovh-Application}
 * @param applicationSecret     the application secret (AS); only used to sign, never sent or logged
 * @param consumerKey           the consumer key (CK), sent as {@code X-Ovh-Consumer}; never logged
 * @param projectId             the Public Cloud project id ({@code serviceName} of {@code /cloud/project}); without
 *                              it the adapter lists no Public Cloud offers
 * @param subsidiary            the {@code ovhSubsidiary} of the public order catalog (default {@code FR}, priced in EUR)
 * @param regions               the Public Cloud regions to read (e.g. {@code GRA11}); empty = every region of the project
 * @param fxRate                how to turn the catalog currency into USD; required when the catalog is not in USD
 * @param includeWindowsFlavors when true, flavors whose {@code osType} is not linux are listed too (their price
 *                              includes the licence); default false
 * @param connectTimeout        TCP connect timeout (default 5 s)
 * @param readTimeout           socket read timeout (default 30 s)
 * @param callTimeout           whole-call timeout of one HTTP request including the body (default 60 s)
 * @param requestsPerSecond     client-side rate limit over all requests of this adapter (default 10; 0 = no limit)
 * @param maxConcurrentRequests how many requests (regions, servers) run in parallel (default 4)
 * @param maxAttempts           attempts per request (page) on retryable errors (default 4)
 * @param initialBackoff        first backoff of the retry policy (default 200 ms, doubling, full jitter)
 * @param maxBackoff            backoff cap, also the cap of a vendor's Retry-After (default 10 s)
 */
public record OvhConfig(String endpoint, String applicationKey, String applicationSecret, String consumerKey,
                        String projectId, String subsidiary, List<String> regions, FxRate fxRate,
                        Boolean includeWindowsFlavors, Duration connectTimeout, Duration readTimeout,
                        Duration callTimeout, Double requestsPerSecond, Integer maxConcurrentRequests,
                        Integer maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** The API roots of the named endpoints (as the official clients name them). */
    public static final Map<String, String> ENDPOINTS = Map.of(
            "ovh-eu", "https://eu.api.ovh.com/1.0",
            "ovh-ca", "https://ca.api.ovh.com/1.0",
            "ovh-us", "https://api.us.ovhcloud.com/1.0");

    public static final String DEFAULT_ENDPOINT = "ovh-eu";
    public static final String DEFAULT_SUBSIDIARY = "FR";
    public static final double DEFAULT_REQUESTS_PER_SECOND = 10.0;

    /**
     * A fixed exchange rate: one unit of {@code currency} is worth {@code usdPerUnit} US dollars, as of
     * {@code asOf}. The rate and its date are written into every price's source, so a stale rate is visible.
     */
    public record FxRate(String currency, BigDecimal usdPerUnit, LocalDate asOf) {
        public FxRate {
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(usdPerUnit, "usdPerUnit");
            Objects.requireNonNull(asOf, "asOf");
            currency = currency.trim().toUpperCase(Locale.ROOT);
            if (usdPerUnit.signum() <= 0) {
                throw new IllegalArgumentException("usdPerUnit must be > 0: " + usdPerUnit);
            }
        }

        public static FxRate of(String currency, String usdPerUnit, String asOf) {
            return new FxRate(currency, new BigDecimal(usdPerUnit), LocalDate.parse(asOf));
        }
    }

    public OvhConfig {
        endpoint = blankToNull(endpoint) == null ? DEFAULT_ENDPOINT : endpoint.trim();
        applicationKey = blankToNull(applicationKey);
        applicationSecret = blankToNull(applicationSecret);
        consumerKey = blankToNull(consumerKey);
        projectId = blankToNull(projectId);
        subsidiary = blankToNull(subsidiary) == null ? DEFAULT_SUBSIDIARY : subsidiary.trim().toUpperCase(Locale.ROOT);
        regions = regions == null ? List.of()
                : regions.stream().filter(r -> r != null && !r.isBlank()).map(String::trim).distinct().toList();
        includeWindowsFlavors = includeWindowsFlavors != null && includeWindowsFlavors;
        connectTimeout = positive(connectTimeout, Duration.ofSeconds(5), "connectTimeout");
        readTimeout = positive(readTimeout, Duration.ofSeconds(30), "readTimeout");
        callTimeout = positive(callTimeout, Duration.ofSeconds(60), "callTimeout");
        requestsPerSecond = requestsPerSecond == null ? DEFAULT_REQUESTS_PER_SECOND : requestsPerSecond;
        if (!(requestsPerSecond >= 0) || requestsPerSecond.isInfinite()) {
            throw new IllegalArgumentException("requestsPerSecond must be >= 0 (0 = no limit): " + requestsPerSecond);
        }
        maxConcurrentRequests = maxConcurrentRequests == null || maxConcurrentRequests == 0 ? 4 : maxConcurrentRequests;
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be >= 1: " + maxConcurrentRequests);
        }
        maxAttempts = maxAttempts == null || maxAttempts == 0 ? 4 : maxAttempts;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
        }
        initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(10) : maxBackoff;
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoffs must be >= 0");
        }
        baseUrl(endpoint); // validates
    }

    /** All defaults, no credentials, no project. */
    public static OvhConfig defaults() {
        return new OvhConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    /**
     * Reads the configuration from the environment, with the variable names of the official OVHcloud
     * clients: {@code OVH_ENDPOINT}, {@code OVH_APPLICATION_KEY}, {@code OVH_APPLICATION_SECRET},
     * {@code OVH_CONSUMER_KEY}, plus {@code OVH_CLOUD_PROJECT_SERVICE} (project id), {@code OVH_SUBSIDIARY},
     * {@code OVH_REGIONS} (comma-separated) and {@code OVH_FX_RATE} = {@code EUR:1.08:2026-11-20}.
     */
    public static OvhConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** Like {@link #fromEnvironment()}, from the given variables. */
    public static OvhConfig fromEnvironment(Map<String, String> env) {
        String regions = env.get("OVH_REGIONS");
        FxRate fx = null;
        String fxSpec = blankToNull(env.get("OVH_FX_RATE"));
        if (fxSpec != null) {
            String[] p = fxSpec.split(":");
            if (p.length != 3) {
                throw new IllegalArgumentException("OVH_FX_RATE must be CURRENCY:USD_PER_UNIT:YYYY-MM-DD, e.g. EUR:1.08:2026-11-20");
            }
            fx = FxRate.of(p[0], p[1], p[2]);
        }
        return defaults()
                .withEndpoint(env.get("OVH_ENDPOINT"))
                .withCredentials(env.get("OVH_APPLICATION_KEY"), env.get("OVH_APPLICATION_SECRET"),
                        env.get("OVH_CONSUMER_KEY"))
                .withProjectId(env.get("OVH_CLOUD_PROJECT_SERVICE"))
                .withSubsidiary(env.get("OVH_SUBSIDIARY"))
                .withRegions(regions == null ? List.of() : Arrays.asList(regions.split(",")))
                .withFxRate(fx);
    }

    public OvhConfig withEndpoint(String endpoint) {
        return new OvhConfig(endpoint, applicationKey, applicationSecret, consumerKey, projectId, subsidiary, regions,
                fxRate, includeWindowsFlavors, connectTimeout, readTimeout, callTimeout, requestsPerSecond,
                maxConcurrentRequests, maxAttempts, initialBackoff, maxBackoff);
    }

    public OvhConfig withCredentials(String applicationKey, String applicationSecret, String consumerKey) {
        return new OvhConfig(endpoint, applicationKey, applicationSecret, consumerKey, projectId, subsidiary, regions,
                fxRate, includeWindowsFlavors, connectTimeout, readTimeout, callTimeout, requestsPerSecond,
                maxConcurrentRequests, maxAttempts, initialBackoff, maxBackoff);
    }

    public OvhConfig withProjectId(String projectId) {
        return new OvhConfig(endpoint, applicationKey, applicationSecret, consumerKey, projectId, subsidiary, regions,
                fxRate, includeWindowsFlavors, connectTimeout, readTimeout, callTimeout, requestsPerSecond,
                maxConcurrentRequests, maxAttempts, initialBackoff, maxBackoff);
    }

    public OvhConfig withSubsidiary(String subsidiary) {
        return new OvhConfig(endpoint, applicationKey, applicationSecret, consumerKey, projectId, subsidiary, regions,
                fxRate, includeWindowsFlavors, connectTimeout, readTimeout, callTimeout, requestsPerSecond,
                maxConcurrentRequests, maxAttempts, initialBackoff, maxBackoff);
    }

    public OvhConfig withRegions(List<String> regions) {
        return new OvhConfig(endpoint, applicationKey, applicationSecret, consumerKey, projectId, subsidiary, regions,
                fxRate, includeWindowsFlavors, connectTimeout, readTimeout, callTimeout, requestsPerSecond,
                maxConcurrentRequests, maxAttempts, initialBackoff, maxBackoff);
    }

    public OvhConfig withFxRate(FxRate fxRate) {
        return new OvhConfig(endpoint, applicationKey, applicationSecret, consumerKey, projectId, subsidiary, regions,
                fxRate, includeWindowsFlavors, connectTimeout, readTimeout, callTimeout, requestsPerSecond,
                maxConcurrentRequests, maxAttempts, initialBackoff, maxBackoff);
    }

    public OvhConfig withIncludeWindowsFlavors(boolean include) {
        return new OvhConfig(endpoint, applicationKey, applicationSecret, consumerKey, projectId, subsidiary, regions,
                fxRate, include, connectTimeout, readTimeout, callTimeout, requestsPerSecond,
                maxConcurrentRequests, maxAttempts, initialBackoff, maxBackoff);
    }

    public OvhConfig withTimeouts(Duration connectTimeout, Duration readTimeout, Duration callTimeout) {
        return new OvhConfig(endpoint, applicationKey, applicationSecret, consumerKey, projectId, subsidiary, regions,
                fxRate, includeWindowsFlavors, connectTimeout, readTimeout, callTimeout, requestsPerSecond,
                maxConcurrentRequests, maxAttempts, initialBackoff, maxBackoff);
    }

    public OvhConfig withRateLimit(double requestsPerSecond, int maxConcurrentRequests) {
        return new OvhConfig(endpoint, applicationKey, applicationSecret, consumerKey, projectId, subsidiary, regions,
                fxRate, includeWindowsFlavors, connectTimeout, readTimeout, callTimeout, requestsPerSecond,
                maxConcurrentRequests, maxAttempts, initialBackoff, maxBackoff);
    }

    public OvhConfig withRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        return new OvhConfig(endpoint, applicationKey, applicationSecret, consumerKey, projectId, subsidiary, regions,
                fxRate, includeWindowsFlavors, connectTimeout, readTimeout, callTimeout, requestsPerSecond,
                maxConcurrentRequests, maxAttempts, initialBackoff, maxBackoff);
    }

    /** Whether the three signing credentials are all present. */
    public boolean hasCredentials() {
        return applicationKey != null && applicationSecret != null && consumerKey != null;
    }

    /** The API root URL (named endpoint resolved), without a trailing slash. */
    public String baseUrl() {
        return baseUrl(endpoint);
    }

    private static String baseUrl(String endpoint) {
        String named = ENDPOINTS.get(endpoint.toLowerCase(Locale.ROOT));
        String url = named != null ? named : endpoint;
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("endpoint must be one of " + ENDPOINTS.keySet() + " or an http(s) URL: '"
                    + endpoint + "'", e);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be one of " + ENDPOINTS.keySet() + " or an http(s) URL: '"
                    + endpoint + "'");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Duration positive(Duration d, Duration dflt, String name) {
        if (d == null) {
            return dflt;
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0: " + d);
        }
        return d;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Never shows the secret or the consumer key; shows only whether they are set. */
    @Override
    public String toString() {
        return "OvhConfig{endpoint=" + endpoint + ", applicationKey=" + (applicationKey == null ? "<unset>" : "<set>")
                + ", applicationSecret=" + (applicationSecret == null ? "<unset>" : "<redacted>")
                + ", consumerKey=" + (consumerKey == null ? "<unset>" : "<redacted>")
                + ", projectId=" + projectId + ", subsidiary=" + subsidiary + ", regions=" + regions
                + ", fxRate=" + fxRate + ", includeWindowsFlavors=" + includeWindowsFlavors
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", callTimeout=" + callTimeout
                + ", requestsPerSecond=" + requestsPerSecond + ", maxConcurrentRequests=" + maxConcurrentRequests
                + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + '}';
    }
}
