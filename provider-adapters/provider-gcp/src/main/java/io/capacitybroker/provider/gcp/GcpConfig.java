package io.capacitybroker.provider.gcp;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Settings of the Google Cloud adapter. Holds no secret: credentials come from Application Default
 * Credentials (the {@code GOOGLE_APPLICATION_CREDENTIALS} file, gcloud's user credentials or the metadata
 * server), or none at all for a local fake.
 *
 * @param projectId           the project whose Compute Engine view (regions, zones, machine types) is read
 * @param regions             regions to read (e.g. {@code europe-west4}); empty = every region of the project
 * @param computeEndpoint     Compute Engine base URL; null = the SDK default ({@code https://compute.googleapis.com})
 * @param billingEndpoint     Cloud Billing base URL (REST) or host:port (gRPC); null = the SDK default
 * @param billingTransport    transport of the Cloud Billing Catalog client (gRPC is the SDK default; a local
 *                            fake speaks REST)
 * @param credentials         where credentials come from
 * @param catalogService      the Cloud Billing Catalog service whose SKUs price Compute Engine
 * @param requestTimeout      timeout of one HTTP request (connect + read), i.e. one page
 * @param maxAttempts         attempts per request (one page) before a retryable error is thrown
 * @param initialBackoff      first backoff of the capped exponential backoff with jitter
 * @param maxBackoff          backoff cap (also caps a server-asked retry delay)
 * @param requestsPerSecond   client-side rate limit over all requests of this adapter; 0 = unlimited
 * @param computePageSize     {@code maxResults} of Compute Engine list calls (1..500)
 * @param skuPageSize         {@code pageSize} of the SKU listing (1..5000)
 */
public record GcpConfig(String projectId, Set<String> regions, String computeEndpoint, String billingEndpoint,
                        BillingTransport billingTransport, CredentialsSource credentials, String catalogService,
                        Duration requestTimeout, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                        double requestsPerSecond, int computePageSize, int skuPageSize) {

    /** The Cloud Billing Catalog id of Compute Engine. */
    public static final String COMPUTE_ENGINE_SERVICE = "services/6F81-5844-456A";

    /** How the Cloud Billing Catalog client talks to the API. */
    public enum BillingTransport { GRPC, HTTP_JSON }

    /** Where credentials come from. */
    public enum CredentialsSource {
        /** Application Default Credentials (environment, gcloud, metadata server). */
        APPLICATION_DEFAULT,
        /** No credentials: only for local fakes. */
        NONE
    }

    public GcpConfig {
        if (projectId == null || projectId.isBlank()) {
            throw new IllegalArgumentException("projectId is required");
        }
        regions = regions == null ? Set.of() : Set.copyOf(new TreeSet<>(regions));
        billingTransport = billingTransport == null ? BillingTransport.GRPC : billingTransport;
        credentials = credentials == null ? CredentialsSource.APPLICATION_DEFAULT : credentials;
        catalogService = catalogService == null || catalogService.isBlank() ? COMPUTE_ENGINE_SERVICE : catalogService;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(10) : maxBackoff;
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be > 0");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        if (!(requestsPerSecond >= 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be >= 0");
        }
        if (computePageSize < 1 || computePageSize > 500) {
            throw new IllegalArgumentException("computePageSize must be in 1..500");
        }
        if (skuPageSize < 1 || skuPageSize > 5000) {
            throw new IllegalArgumentException("skuPageSize must be in 1..5000");
        }
    }

    /**
     * The production defaults for one project: every region, SDK endpoints, gRPC billing client, Application
     * Default Credentials, 30 s per request, 4 attempts (200 ms doubling to 10 s), 10 requests/s, full pages.
     */
    public static GcpConfig forProject(String projectId) {
        return new GcpConfig(projectId, Set.of(), null, null, BillingTransport.GRPC,
                CredentialsSource.APPLICATION_DEFAULT, COMPUTE_ENGINE_SERVICE, Duration.ofSeconds(30), 4,
                Duration.ofMillis(200), Duration.ofSeconds(10), 10.0, 500, 5000);
    }

    /** Both APIs served over plain REST by a local fake at {@code baseUrl} (e.g. http://127.0.0.1:8089), no credentials. */
    public static GcpConfig forLocalFake(String projectId, String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        return forProject(projectId).withEndpoints(baseUrl, baseUrl, BillingTransport.HTTP_JSON)
                .withCredentials(CredentialsSource.NONE).withRequestsPerSecond(0);
    }

    public GcpConfig withRegions(Set<String> newRegions) {
        return new GcpConfig(projectId, newRegions, computeEndpoint, billingEndpoint, billingTransport, credentials,
                catalogService, requestTimeout, maxAttempts, initialBackoff, maxBackoff, requestsPerSecond,
                computePageSize, skuPageSize);
    }

    public GcpConfig withEndpoints(String compute, String billing, BillingTransport transport) {
        return new GcpConfig(projectId, regions, compute, billing, transport, credentials, catalogService,
                requestTimeout, maxAttempts, initialBackoff, maxBackoff, requestsPerSecond, computePageSize,
                skuPageSize);
    }

    public GcpConfig withCredentials(CredentialsSource source) {
        return new GcpConfig(projectId, regions, computeEndpoint, billingEndpoint, billingTransport, source,
                catalogService, requestTimeout, maxAttempts, initialBackoff, maxBackoff, requestsPerSecond,
                computePageSize, skuPageSize);
    }

    public GcpConfig withRequestsPerSecond(double rps) {
        return new GcpConfig(projectId, regions, computeEndpoint, billingEndpoint, billingTransport, credentials,
                catalogService, requestTimeout, maxAttempts, initialBackoff, maxBackoff, rps, computePageSize,
                skuPageSize);
    }

    public GcpConfig withRequestTimeout(Duration timeout) {
        return new GcpConfig(projectId, regions, computeEndpoint, billingEndpoint, billingTransport, credentials,
                catalogService, timeout, maxAttempts, initialBackoff, maxBackoff, requestsPerSecond, computePageSize,
                skuPageSize);
    }

    public GcpConfig withRetry(int attempts, Duration initial, Duration max) {
        return new GcpConfig(projectId, regions, computeEndpoint, billingEndpoint, billingTransport, credentials,
                catalogService, requestTimeout, attempts, initial, max, requestsPerSecond, computePageSize,
                skuPageSize);
    }

    public GcpConfig withPageSizes(int compute, int skus) {
        return new GcpConfig(projectId, regions, computeEndpoint, billingEndpoint, billingTransport, credentials,
                catalogService, requestTimeout, maxAttempts, initialBackoff, maxBackoff, requestsPerSecond, compute,
                skus);
    }
}
