package io.capacitybroker.provider.azure;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of the Azure adapter. Every field may be left {@code null} (or 0 for numbers) to get its
 * default, so that a property binder can fill only what it knows. No secret lives here: credentials come
 * from the Azure SDK's default chain (environment variables {@code AZURE_CLIENT_ID},
 * {@code AZURE_CLIENT_SECRET}, {@code AZURE_TENANT_ID}, a managed identity, the Azure CLI login...).
 *
 * @param subscriptionId             subscription whose locations, VM sizes and signals are read; default
 *                                   the environment variable {@code AZURE_SUBSCRIPTION_ID}
 * @param tenantId                   Entra tenant id; default {@code AZURE_TENANT_ID} (may stay empty)
 * @param regions                    ARM region names to list (e.g. {@code westeurope}); empty = every
 *                                   physical location of the subscription
 * @param retailPricesBaseUrl        base URL of the Retail Prices API (default {@code https://prices.azure.com})
 * @param resourceManagerEndpoint    Azure Resource Manager endpoint (default {@code https://management.azure.com/})
 * @param armAuthentication          send bearer tokens to ARM (default true). false is only accepted for a
 *                                   loopback endpoint (a local fake speaking plain http)
 * @param connectTimeout             TCP connect timeout (default 10 s)
 * @param readTimeout                socket read timeout (default 30 s)
 * @param callTimeout                whole-request timeout, body included (default 60 s)
 * @param maxAttempts                attempts per request/page, first included (default 4)
 * @param initialBackoff             first backoff, doubled per attempt with full jitter (default 500 ms)
 * @param maxBackoff                 backoff cap; also caps a vendor Retry-After (default 30 s)
 * @param requestsPerSecond          client-side pace per API (Retail Prices, ARM), 0 = unlimited (default 10)
 * @param regionParallelism          regions fetched concurrently during a listing (default 4)
 * @param spotPlacementScores        ask ARM for Spot Placement Scores in {@code capacitySignals} (default true;
 *                                   needs the "Compute Recommendations Role")
 * @param spotEvictionRates          read Spot eviction-rate buckets from Resource Graph (default true)
 * @param placementScoreDesiredCount the VM count a placement score is asked for (default 1)
 * @param evictionRateWindow         the window over which Azure's eviction-rate bucket counts evictions,
 *                                   used to turn the bucket into a per-hour rate (default 28 days, an
 *                                   assumption: see the README)
 * @param retailPricesApiVersion     api-version of the Retail Prices API (default {@code 2023-01-01-preview})
 * @param placementScoreApiVersion   api-version of the placement score operation (default {@code 2025-06-05})
 */
public record AzureConfig(String subscriptionId, String tenantId, List<String> regions, URI retailPricesBaseUrl,
                          URI resourceManagerEndpoint, Boolean armAuthentication, Duration connectTimeout,
                          Duration readTimeout, Duration callTimeout, int maxAttempts, Duration initialBackoff,
                          Duration maxBackoff, double requestsPerSecond, int regionParallelism,
                          Boolean spotPlacementScores, Boolean spotEvictionRates, int placementScoreDesiredCount,
                          Duration evictionRateWindow, String retailPricesApiVersion,
                          String placementScoreApiVersion) {

    public static final URI DEFAULT_RETAIL_PRICES_BASE_URL = URI.create("https://prices.azure.com");
    public static final URI DEFAULT_RESOURCE_MANAGER_ENDPOINT = URI.create("https://management.azure.com/");
    public static final String DEFAULT_RETAIL_PRICES_API_VERSION = "2023-01-01-preview";
    public static final String DEFAULT_PLACEMENT_SCORE_API_VERSION = "2025-06-05";
    public static final Duration DEFAULT_EVICTION_RATE_WINDOW = Duration.ofDays(28);

    private static final Pattern REGION = Pattern.compile("[a-z0-9]{2,64}");

    public AzureConfig {
        subscriptionId = blankToNull(subscriptionId != null ? subscriptionId : System.getenv("AZURE_SUBSCRIPTION_ID"));
        tenantId = blankToNull(tenantId != null ? tenantId : System.getenv("AZURE_TENANT_ID"));
        regions = regions == null ? List.of()
                : regions.stream().map(r -> r.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        for (String r : regions) {
            if (!REGION.matcher(r).matches()) {
                throw new IllegalArgumentException("not an ARM region name: '" + r + "'");
            }
        }
        retailPricesBaseUrl = retailPricesBaseUrl == null ? DEFAULT_RETAIL_PRICES_BASE_URL : retailPricesBaseUrl;
        resourceManagerEndpoint = resourceManagerEndpoint == null ? DEFAULT_RESOURCE_MANAGER_ENDPOINT
                : resourceManagerEndpoint;
        armAuthentication = armAuthentication == null ? Boolean.TRUE : armAuthentication;
        if (!armAuthentication && !isLoopback(resourceManagerEndpoint)) {
            throw new IllegalArgumentException(
                    "armAuthentication=false is only allowed for a loopback (local fake) endpoint");
        }
        if (armAuthentication && !"https".equalsIgnoreCase(resourceManagerEndpoint.getScheme())) {
            throw new IllegalArgumentException("ARM bearer tokens are only sent over https: " + resourceManagerEndpoint);
        }
        connectTimeout = positiveOr(connectTimeout, Duration.ofSeconds(10));
        readTimeout = positiveOr(readTimeout, Duration.ofSeconds(30));
        callTimeout = positiveOr(callTimeout, Duration.ofSeconds(60));
        maxAttempts = maxAttempts <= 0 ? 4 : maxAttempts;
        initialBackoff = initialBackoff == null || initialBackoff.isNegative() ? Duration.ofMillis(500) : initialBackoff;
        maxBackoff = maxBackoff == null || maxBackoff.isNegative() ? Duration.ofSeconds(30) : maxBackoff;
        if (requestsPerSecond < 0 || Double.isNaN(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be >= 0 (0 = unlimited)");
        }
        regionParallelism = regionParallelism <= 0 ? 4 : regionParallelism;
        spotPlacementScores = spotPlacementScores == null ? Boolean.TRUE : spotPlacementScores;
        spotEvictionRates = spotEvictionRates == null ? Boolean.TRUE : spotEvictionRates;
        placementScoreDesiredCount = placementScoreDesiredCount <= 0 ? 1 : placementScoreDesiredCount;
        evictionRateWindow = positiveOr(evictionRateWindow, DEFAULT_EVICTION_RATE_WINDOW);
        if (evictionRateWindow.toHours() < 1) {
            throw new IllegalArgumentException("evictionRateWindow must be at least one hour");
        }
        retailPricesApiVersion = retailPricesApiVersion == null || retailPricesApiVersion.isBlank()
                ? DEFAULT_RETAIL_PRICES_API_VERSION : retailPricesApiVersion;
        placementScoreApiVersion = placementScoreApiVersion == null || placementScoreApiVersion.isBlank()
                ? DEFAULT_PLACEMENT_SCORE_API_VERSION : placementScoreApiVersion;
    }

    /** Every default; subscription and tenant from the environment. */
    public static AzureConfig defaults() {
        return new AzureConfig(null, null, List.of(), null, null, null, null, null, null, 0, null, null, 10, 0, null,
                null, 0, null, null, null);
    }

    /** The defaults for these regions. */
    public static AzureConfig forRegions(List<String> regions) {
        return defaults().withRegions(regions);
    }

    public AzureConfig withRegions(List<String> newRegions) {
        return new AzureConfig(subscriptionId, tenantId, newRegions, retailPricesBaseUrl, resourceManagerEndpoint,
                armAuthentication, connectTimeout, readTimeout, callTimeout, maxAttempts, initialBackoff, maxBackoff,
                requestsPerSecond, regionParallelism, spotPlacementScores, spotEvictionRates,
                placementScoreDesiredCount, evictionRateWindow, retailPricesApiVersion, placementScoreApiVersion);
    }

    public AzureConfig withSubscriptionId(String newSubscriptionId) {
        return new AzureConfig(newSubscriptionId, tenantId, regions, retailPricesBaseUrl, resourceManagerEndpoint,
                armAuthentication, connectTimeout, readTimeout, callTimeout, maxAttempts, initialBackoff, maxBackoff,
                requestsPerSecond, regionParallelism, spotPlacementScores, spotEvictionRates,
                placementScoreDesiredCount, evictionRateWindow, retailPricesApiVersion, placementScoreApiVersion);
    }

    /**
     * Points both APIs at one local fake over plain http, without ARM bearer tokens (only a loopback
     * address is accepted).
     */
    public AzureConfig withLocalFake(URI baseUrl) {
        URI arm = URI.create(baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/");
        return new AzureConfig(subscriptionId, tenantId, regions, baseUrl, arm, Boolean.FALSE, connectTimeout,
                readTimeout, callTimeout, maxAttempts, initialBackoff, maxBackoff, requestsPerSecond,
                regionParallelism, spotPlacementScores, spotEvictionRates, placementScoreDesiredCount,
                evictionRateWindow, retailPricesApiVersion, placementScoreApiVersion);
    }

    public AzureConfig withRetries(int newMaxAttempts, Duration newInitialBackoff, Duration newMaxBackoff) {
        return new AzureConfig(subscriptionId, tenantId, regions, retailPricesBaseUrl, resourceManagerEndpoint,
                armAuthentication, connectTimeout, readTimeout, callTimeout, newMaxAttempts, newInitialBackoff,
                newMaxBackoff, requestsPerSecond, regionParallelism, spotPlacementScores, spotEvictionRates,
                placementScoreDesiredCount, evictionRateWindow, retailPricesApiVersion, placementScoreApiVersion);
    }

    public AzureConfig withRequestsPerSecond(double newRequestsPerSecond, int newRegionParallelism) {
        return new AzureConfig(subscriptionId, tenantId, regions, retailPricesBaseUrl, resourceManagerEndpoint,
                armAuthentication, connectTimeout, readTimeout, callTimeout, maxAttempts, initialBackoff, maxBackoff,
                newRequestsPerSecond, newRegionParallelism, spotPlacementScores, spotEvictionRates,
                placementScoreDesiredCount, evictionRateWindow, retailPricesApiVersion, placementScoreApiVersion);
    }

    public AzureConfig withTimeouts(Duration connect, Duration read, Duration call) {
        return new AzureConfig(subscriptionId, tenantId, regions, retailPricesBaseUrl, resourceManagerEndpoint,
                armAuthentication, connect, read, call, maxAttempts, initialBackoff, maxBackoff, requestsPerSecond,
                regionParallelism, spotPlacementScores, spotEvictionRates, placementScoreDesiredCount,
                evictionRateWindow, retailPricesApiVersion, placementScoreApiVersion);
    }

    public AzureConfig withSignals(boolean placementScores, boolean evictionRates) {
        return new AzureConfig(subscriptionId, tenantId, regions, retailPricesBaseUrl, resourceManagerEndpoint,
                armAuthentication, connectTimeout, readTimeout, callTimeout, maxAttempts, initialBackoff, maxBackoff,
                requestsPerSecond, regionParallelism, placementScores, evictionRates, placementScoreDesiredCount,
                evictionRateWindow, retailPricesApiVersion, placementScoreApiVersion);
    }

    /** The subscription id, or an error saying where to set it. */
    String requireSubscriptionId() {
        if (subscriptionId == null) {
            throw new IllegalStateException(
                    "no Azure subscription id: set AZURE_SUBSCRIPTION_ID or the subscriptionId config field");
        }
        return subscriptionId;
    }

    @Override
    public String toString() {
        return "AzureConfig{subscriptionId=" + redact(subscriptionId) + ", tenantId=" + redact(tenantId)
                + ", regions=" + regions + ", retailPricesBaseUrl=" + retailPricesBaseUrl
                + ", resourceManagerEndpoint=" + resourceManagerEndpoint + ", armAuthentication=" + armAuthentication
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", callTimeout=" + callTimeout
                + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", requestsPerSecond=" + requestsPerSecond + ", regionParallelism=" + regionParallelism
                + ", spotPlacementScores=" + spotPlacementScores + ", spotEvictionRates=" + spotEvictionRates
                + ", placementScoreDesiredCount=" + placementScoreDesiredCount + ", evictionRateWindow="
                + evictionRateWindow + ", retailPricesApiVersion=" + retailPricesApiVersion
                + ", placementScoreApiVersion=" + placementScoreApiVersion + '}';
    }

    /** Keeps only the last four characters of an identifier. */
    static String redact(String value) {
        if (value == null) {
            return "null";
        }
        return value.length() <= 4 ? "****" : "****" + value.substring(value.length() - 4);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Duration positiveOr(Duration d, Duration fallback) {
        return d == null || d.isZero() || d.isNegative() ? fallback : d;
    }

    static boolean isLoopback(URI uri) {
        String host = Objects.requireNonNullElse(uri.getHost(), "");
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return !host.isEmpty() && Character.digit(host.charAt(0), 16) >= 0 && host.matches("[0-9.:\\[\\]a-fA-F]+")
                    && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
