package io.capacitybroker.provider.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the AWS adapter. Plain record so that the broker application can bind its properties to
 * it; {@link #defaults()} gives production defaults (real AWS endpoints, credentials from the SDK's
 * default chain). Every field is described in the module README.
 *
 * @param regions                 regions to scan (allow-list); empty = every region DescribeRegions reports as enabled
 * @param homeRegion              region whose EC2 endpoint answers DescribeRegions
 * @param pricingRegion           region of the Price List Query API endpoint (us-east-1, eu-central-1 or ap-south-1)
 * @param ec2Endpoint             EC2 endpoint override (a local fake in tests); null = the SDK's regional endpoints
 * @param pricingEndpoint         Price List endpoint override; null = the SDK's endpoint for {@code pricingRegion}
 * @param spotAdvisorUrl          Spot Instance Advisor JSON (interruption-frequency bands); null = no interruption rates
 * @param credentials             explicit static credentials (tests); null = the SDK's default provider chain
 * @param connectTimeout          TCP connect timeout per request
 * @param requestTimeout          socket read timeout, and the timeout of one whole API attempt
 * @param maxAttempts             attempts per request/page (our retry policy; the SDK itself never retries)
 * @param initialBackoff          first backoff of the retry policy (doubles, full jitter)
 * @param maxBackoff              backoff cap (also caps a vendor's Retry-After)
 * @param requestsPerSecond       client-side rate limit per API endpoint (each region's EC2 endpoint, the Price List
 *                                endpoint, the advisor file); 0 = unlimited
 * @param regionParallelism       how many regions are read at the same time
 * @param placementScoreCapacity  target capacity (instances) asked of GetSpotPlacementScores
 * @param maxPlacementScoreCalls  cap on GetSpotPlacementScores calls per capacitySignals call (one per instance type)
 */
public record AwsAdapterConfig(
        List<String> regions,
        String homeRegion,
        String pricingRegion,
        URI ec2Endpoint,
        URI pricingEndpoint,
        URI spotAdvisorUrl,
        StaticCredentials credentials,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        double requestsPerSecond,
        int regionParallelism,
        int placementScoreCapacity,
        int maxPlacementScoreCalls) {

    /** The public Spot Instance Advisor data file behind the AWS console's advisor page. */
    public static final URI DEFAULT_SPOT_ADVISOR_URL = URI.create("https://spot-bid-advisor.s3.amazonaws.com/spot-advisor-data.json");

    public AwsAdapterConfig {
        regions = regions == null ? List.of() : List.copyOf(regions);
        homeRegion = blankToDefault(homeRegion, "us-east-1");
        pricingRegion = blankToDefault(pricingRegion, "us-east-1");
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(10) : maxBackoff;
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        if (!(requestsPerSecond >= 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be >= 0 (0 = unlimited)");
        }
        if (regionParallelism < 1) {
            throw new IllegalArgumentException("regionParallelism must be >= 1");
        }
        if (placementScoreCapacity < 1) {
            throw new IllegalArgumentException("placementScoreCapacity must be >= 1");
        }
        if (maxPlacementScoreCalls < 0) {
            throw new IllegalArgumentException("maxPlacementScoreCalls must be >= 0");
        }
        for (Duration d : List.of(connectTimeout, requestTimeout)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts must be > 0");
            }
        }
    }

    private static String blankToDefault(String value, String dflt) {
        return value == null || value.isBlank() ? dflt : value.trim();
    }

    /** Real AWS: all enabled regions, default credential chain, 4 attempts, 10 requests/s per endpoint, 4 regions at a time. */
    public static AwsAdapterConfig defaults() {
        return new AwsAdapterConfig(List.of(), "us-east-1", "us-east-1", null, null, DEFAULT_SPOT_ADVISOR_URL, null,
                Duration.ofSeconds(5), Duration.ofSeconds(30), 4, Duration.ofMillis(200), Duration.ofSeconds(10), 10.0,
                4, 1, 50);
    }

    /** Defaults pointed at local fakes (moto / WireMock), with dummy static credentials and no rate limit. */
    public static AwsAdapterConfig forLocalEndpoints(URI ec2Endpoint, URI pricingEndpoint, URI spotAdvisorUrl) {
        return defaults().withEndpoints(ec2Endpoint, pricingEndpoint, spotAdvisorUrl)
                .withCredentials(new StaticCredentials("test", "test", null)).withRequestsPerSecond(0);
    }

    public AwsAdapterConfig withRegions(List<String> newRegions) {
        return new AwsAdapterConfig(newRegions, homeRegion, pricingRegion, ec2Endpoint, pricingEndpoint, spotAdvisorUrl,
                credentials, connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, requestsPerSecond,
                regionParallelism, placementScoreCapacity, maxPlacementScoreCalls);
    }

    public AwsAdapterConfig withEndpoints(URI ec2, URI pricing, URI spotAdvisor) {
        return new AwsAdapterConfig(regions, homeRegion, pricingRegion, ec2, pricing, spotAdvisor,
                credentials, connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, requestsPerSecond,
                regionParallelism, placementScoreCapacity, maxPlacementScoreCalls);
    }

    public AwsAdapterConfig withCredentials(StaticCredentials newCredentials) {
        return new AwsAdapterConfig(regions, homeRegion, pricingRegion, ec2Endpoint, pricingEndpoint, spotAdvisorUrl,
                newCredentials, connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, requestsPerSecond,
                regionParallelism, placementScoreCapacity, maxPlacementScoreCalls);
    }

    public AwsAdapterConfig withTimeouts(Duration connect, Duration request) {
        return new AwsAdapterConfig(regions, homeRegion, pricingRegion, ec2Endpoint, pricingEndpoint, spotAdvisorUrl,
                credentials, connect, request, maxAttempts, initialBackoff, maxBackoff, requestsPerSecond,
                regionParallelism, placementScoreCapacity, maxPlacementScoreCalls);
    }

    public AwsAdapterConfig withRetry(int attempts, Duration initial, Duration max) {
        return new AwsAdapterConfig(regions, homeRegion, pricingRegion, ec2Endpoint, pricingEndpoint, spotAdvisorUrl,
                credentials, connectTimeout, requestTimeout, attempts, initial, max, requestsPerSecond,
                regionParallelism, placementScoreCapacity, maxPlacementScoreCalls);
    }

    public AwsAdapterConfig withRequestsPerSecond(double rps) {
        return new AwsAdapterConfig(regions, homeRegion, pricingRegion, ec2Endpoint, pricingEndpoint, spotAdvisorUrl,
                credentials, connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, rps,
                regionParallelism, placementScoreCapacity, maxPlacementScoreCalls);
    }

    public AwsAdapterConfig withRegionParallelism(int parallelism) {
        return new AwsAdapterConfig(regions, homeRegion, pricingRegion, ec2Endpoint, pricingEndpoint, spotAdvisorUrl,
                credentials, connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, requestsPerSecond,
                parallelism, placementScoreCapacity, maxPlacementScoreCalls);
    }

    public AwsAdapterConfig withPlacementScores(int targetCapacity, int maxCalls) {
        return new AwsAdapterConfig(regions, homeRegion, pricingRegion, ec2Endpoint, pricingEndpoint, spotAdvisorUrl,
                credentials, connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, requestsPerSecond,
                regionParallelism, targetCapacity, maxCalls);
    }

    /** Explicit access keys (for tests and special setups). Never printed: {@link #toString()} redacts them. */
    public record StaticCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {

        public StaticCredentials {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        }

        @Override
        public String toString() {
            return "StaticCredentials[accessKeyId=" + redact(accessKeyId) + ", secretAccessKey=***, sessionToken="
                    + (sessionToken == null ? "none" : "***") + "]";
        }

        private static String redact(String id) {
            return id.length() <= 4 ? "***" : id.substring(0, 4) + "***";
        }
    }
}
