package io.capacitybroker.provider.aws;

import io.capacitybroker.provider.spi.ProviderException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The one place where AWS errors become the SPI's typed {@link ProviderException}s. The vendor's error
 * code decides first (EC2 Query {@code <Code>}, JSON 1.1 {@code __type}), then the HTTP status; SDK client
 * failures (connection refused, timeouts, bodies that do not parse) become {@link ProviderException.Unavailable}.
 * The table is documented in the module README and tested in {@code AwsErrorMapperTest}.
 */
final class AwsErrorMapper {

    enum Kind { AUTH, THROTTLED, CAPACITY, QUOTA, NOT_FOUND, INVALID, UNAVAILABLE }

    /** Exact vendor codes (EC2 and Price List). Suffix/prefix rules and the HTTP status cover the rest. */
    static final Map<String, Kind> CODES = Map.ofEntries(
            // credentials and permissions
            Map.entry("AuthFailure", Kind.AUTH),
            Map.entry("UnauthorizedOperation", Kind.AUTH),
            Map.entry("AccessDenied", Kind.AUTH),
            Map.entry("AccessDeniedException", Kind.AUTH),
            Map.entry("InvalidClientTokenId", Kind.AUTH),
            Map.entry("UnrecognizedClientException", Kind.AUTH),
            Map.entry("SignatureDoesNotMatch", Kind.AUTH),
            Map.entry("IncompleteSignature", Kind.AUTH),
            Map.entry("MissingAuthenticationToken", Kind.AUTH),
            Map.entry("ExpiredToken", Kind.AUTH),
            Map.entry("ExpiredTokenException", Kind.AUTH),
            Map.entry("RequestExpired", Kind.AUTH),
            Map.entry("OptInRequired", Kind.AUTH),
            Map.entry("Blocked", Kind.AUTH),
            Map.entry("PendingVerification", Kind.AUTH),
            // throttling
            Map.entry("RequestLimitExceeded", Kind.THROTTLED),
            Map.entry("Throttling", Kind.THROTTLED),
            Map.entry("ThrottlingException", Kind.THROTTLED),
            Map.entry("TooManyRequestsException", Kind.THROTTLED),
            Map.entry("RequestThrottled", Kind.THROTTLED),
            Map.entry("RequestThrottledException", Kind.THROTTLED),
            Map.entry("SlowDown", Kind.THROTTLED),
            Map.entry("PriorRequestNotComplete", Kind.THROTTLED),
            Map.entry("BandwidthLimitExceeded", Kind.THROTTLED),
            // capacity
            Map.entry("InsufficientInstanceCapacity", Kind.CAPACITY),
            Map.entry("InsufficientHostCapacity", Kind.CAPACITY),
            Map.entry("InsufficientReservedInstanceCapacity", Kind.CAPACITY),
            Map.entry("InsufficientCapacity", Kind.CAPACITY),
            Map.entry("InsufficientCapacityOnHost", Kind.CAPACITY),
            Map.entry("SpotMaxPriceTooLow", Kind.CAPACITY),
            Map.entry("UnfulfillableCapacity", Kind.CAPACITY),
            // account limits
            Map.entry("VcpuLimitExceeded", Kind.QUOTA),
            Map.entry("MaxSpotInstanceCountExceeded", Kind.QUOTA),
            Map.entry("MaxSpotFleetRequestCountExceeded", Kind.QUOTA),
            Map.entry("InstanceLimitExceeded", Kind.QUOTA),
            Map.entry("ResourceLimitExceeded", Kind.QUOTA),
            Map.entry("ServiceQuotaExceededException", Kind.QUOTA),
            Map.entry("MaxIOPSLimitExceeded", Kind.QUOTA),
            // not found
            Map.entry("NotFoundException", Kind.NOT_FOUND),
            Map.entry("ResourceNotFoundException", Kind.NOT_FOUND),
            // bad requests
            Map.entry("InvalidParameterValue", Kind.INVALID),
            Map.entry("InvalidParameter", Kind.INVALID),
            Map.entry("InvalidParameterCombination", Kind.INVALID),
            Map.entry("InvalidParameterException", Kind.INVALID),
            Map.entry("MissingParameter", Kind.INVALID),
            Map.entry("UnknownParameter", Kind.INVALID),
            Map.entry("InvalidAction", Kind.INVALID),
            Map.entry("ValidationError", Kind.INVALID),
            Map.entry("ValidationException", Kind.INVALID),
            Map.entry("InvalidNextTokenException", Kind.INVALID),
            Map.entry("ExpiredNextTokenException", Kind.INVALID),
            Map.entry("IdempotentParameterMismatch", Kind.INVALID),
            Map.entry("Unsupported", Kind.INVALID),
            Map.entry("UnsupportedOperation", Kind.INVALID),
            Map.entry("DryRunOperation", Kind.INVALID),
            // vendor side down
            Map.entry("InternalError", Kind.UNAVAILABLE),
            Map.entry("InternalFailure", Kind.UNAVAILABLE),
            Map.entry("InternalErrorException", Kind.UNAVAILABLE),
            Map.entry("InternalServerError", Kind.UNAVAILABLE),
            Map.entry("ServiceUnavailable", Kind.UNAVAILABLE),
            Map.entry("ServiceUnavailableException", Kind.UNAVAILABLE),
            Map.entry("Unavailable", Kind.UNAVAILABLE));

    private final Clock clock;

    AwsErrorMapper(Clock clock) {
        this.clock = clock;
    }

    /** Maps anything thrown while calling AWS for {@code operation} (e.g. "DescribeSpotPriceHistory"). */
    ProviderException map(Throwable t, String operation) {
        if (t instanceof ProviderException pe) {
            return pe;
        }
        if (t instanceof AwsServiceException ase) {
            AwsErrorDetails details = ase.awsErrorDetails();
            String code = details == null ? null : details.errorCode();
            String message = details == null || details.errorMessage() == null ? ase.getMessage() : details.errorMessage();
            Duration retryAfter = details == null ? null : retryAfter(details.sdkHttpResponse());
            return fromVendor(operation, code, ase.statusCode(), message, retryAfter, ase);
        }
        if (t instanceof SdkClientException sce) {
            String msg = String.valueOf(sce.getMessage());
            if (msg.contains("Unable to load credentials") || msg.contains("Access key ID cannot be blank")) {
                return new ProviderException.AuthFailed("aws " + operation + ": no AWS credentials available", null, sce);
            }
            return new ProviderException.Unavailable("aws " + operation + ": " + clientFailure(sce), null, sce);
        }
        if (t instanceof SdkException se) {
            return new ProviderException.Unavailable("aws " + operation + ": " + clientFailure(se), null, se);
        }
        if (t instanceof UncheckedIOException || t instanceof IOException) {
            return new ProviderException.Unavailable("aws " + operation + ": I/O failure: " + t.getMessage(), null, t);
        }
        if (t instanceof tools.jackson.core.JacksonException je) {
            return new ProviderException.Unavailable("aws " + operation + ": malformed response body: "
                    + je.getOriginalMessage(), null, je);
        }
        return new ProviderException.Unavailable("aws " + operation + ": unexpected failure: " + t, null, t);
    }

    /** The mapping table proper: vendor code first, then HTTP status. */
    static ProviderException fromVendor(String operation, String code, int status, String message, Duration retryAfter,
                                        Throwable cause) {
        Kind kind = kindOf(code, status);
        String text = "aws " + operation + " failed: " + (code == null ? "HTTP " + status : code + " (HTTP " + status + ")")
                + (message == null || message.isBlank() ? "" : ": " + message);
        return switch (kind) {
            case AUTH -> new ProviderException.AuthFailed(text, code, cause);
            case THROTTLED -> new ProviderException.Throttled(text, code, retryAfter, cause);
            case CAPACITY -> new ProviderException.CapacityUnavailable(text, code, cause);
            case QUOTA -> new ProviderException.QuotaExceeded(text, code, cause);
            case NOT_FOUND -> new ProviderException.NotFound(text, code, cause);
            case INVALID -> new ProviderException.InvalidRequest(text, code, cause);
            case UNAVAILABLE -> new ProviderException.Unavailable(text, code, cause);
        };
    }

    static Kind kindOf(String code, int status) {
        if (code != null && !code.isBlank()) {
            String c = code.trim();
            // JSON 1.1 may send a namespaced __type ("com.amazonaws.pricing#ThrottlingException")
            int hash = c.lastIndexOf('#');
            if (hash >= 0) {
                c = c.substring(hash + 1);
            }
            Kind exact = CODES.get(c);
            if (exact != null) {
                return exact;
            }
            if (c.endsWith(".NotFound") || c.endsWith("NotFound")) {
                return Kind.NOT_FOUND;
            }
            if (c.startsWith("Insufficient") && c.endsWith("Capacity")) {
                return Kind.CAPACITY;
            }
            if (c.endsWith("LimitExceeded") || c.endsWith("QuotaExceeded")) {
                return Kind.QUOTA;
            }
            if (c.startsWith("Invalid") || c.endsWith(".Malformed") || c.endsWith(".Range")) {
                return Kind.INVALID;
            }
        }
        if (status == 401 || status == 403) {
            return Kind.AUTH;
        }
        if (status == 429) {
            return Kind.THROTTLED;
        }
        if (status == 404) {
            return Kind.NOT_FOUND;
        }
        if (status == 408 || status >= 500 || status <= 0) {
            return Kind.UNAVAILABLE;
        }
        if (status >= 400) {
            return Kind.INVALID;
        }
        // a 2xx/3xx the SDK still called an error: the body made no sense
        return Kind.UNAVAILABLE;
    }

    private Duration retryAfter(SdkHttpResponse response) {
        if (response == null) {
            return null;
        }
        Optional<String> header = response.firstMatchingHeader("Retry-After");
        return header.map(this::parseRetryAfter).orElse(null);
    }

    /** Retry-After is either delta-seconds or an HTTP-date (RFC 9110). Unparseable values are ignored. */
    Duration parseRetryAfter(String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String clientFailure(SdkException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return "connection refused (" + c.getMessage() + ")";
            }
            if (c instanceof UnknownHostException) {
                return "unknown host (" + c.getMessage() + ")";
            }
            if (c instanceof SocketTimeoutException
                    || c.getClass().getSimpleName().toLowerCase(Locale.ROOT).contains("timeout")) {
                return "timed out (" + c.getMessage() + ")";
            }
        }
        String m = String.valueOf(e.getMessage());
        if (m.toLowerCase(Locale.ROOT).contains("unmarshall") || m.toLowerCase(Locale.ROOT).contains("parse")) {
            return "malformed response body (" + m + ")";
        }
        return m;
    }
}
