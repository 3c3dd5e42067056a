package io.capacitybroker.provider.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * The typed errors of every adapter. Vendor errors are mapped to exactly one of these, so the rest of
 * the broker never sees an SDK exception. {@link #retryable()} says whether the same call may succeed
 * when repeated later (after backoff); a non-retryable error needs a human or a different request.
 */
public abstract sealed class ProviderException extends RuntimeException {

    private final String vendorCode;

    protected ProviderException(String message, String vendorCode, Throwable cause) {
        super(message, cause);
        this.vendorCode = vendorCode;
    }

    /** Whether repeating the same call later may succeed. */
    public abstract boolean retryable();

    /** A stable machine-readable code for logs, metrics and problem details. */
    public abstract String code();

    /** The vendor's own error code when there was one (e.g. InsufficientInstanceCapacity). */
    public Optional<String> vendorCode() {
        return Optional.ofNullable(vendorCode);
    }

    /** The pool has no capacity now (e.g. AWS InsufficientInstanceCapacity, GCP ZONE_RESOURCE_POOL_EXHAUSTED). */
    public static final class CapacityUnavailable extends ProviderException {
        public CapacityUnavailable(String message, String vendorCode, Throwable cause) {
            super(message, vendorCode, cause);
        }

        public CapacityUnavailable(String message) {
            this(message, null, null);
        }

        /** Retryable later or elsewhere: capacity comes back, but not on the next millisecond. */
        @Override
        public boolean retryable() {
            return true;
        }

        @Override
        public String code() {
            return "capacity_unavailable";
        }
    }

    /** An account limit (vCPU quota, max spot instance count) stops the request. */
    public static final class QuotaExceeded extends ProviderException {
        public QuotaExceeded(String message, String vendorCode, Throwable cause) {
            super(message, vendorCode, cause);
        }

        @Override
        public boolean retryable() {
            return false;
        }

        @Override
        public String code() {
            return "quota_exceeded";
        }
    }

    /** The resource does not exist (any more). */
    public static final class NotFound extends ProviderException {
        public NotFound(String message, String vendorCode, Throwable cause) {
            super(message, vendorCode, cause);
        }

        public NotFound(String message) {
            this(message, null, null);
        }

        @Override
        public boolean retryable() {
            return false;
        }

        @Override
        public String code() {
            return "not_found";
        }
    }

    /** The vendor asked us to slow down (HTTP 429, RequestLimitExceeded). */
    public static final class Throttled extends ProviderException {
        private final Duration retryAfter;

        public Throttled(String message, String vendorCode, Duration retryAfter, Throwable cause) {
            super(message, vendorCode, cause);
            this.retryAfter = retryAfter;
        }

        /** The wait the vendor asked for, when it said. */
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }

        @Override
        public boolean retryable() {
            return true;
        }

        @Override
        public String code() {
            return "throttled";
        }
    }

    /** Credentials are missing, wrong, expired or lack a permission. */
    public static final class AuthFailed extends ProviderException {
        public AuthFailed(String message, String vendorCode, Throwable cause) {
            super(message, vendorCode, cause);
        }

        @Override
        public boolean retryable() {
            return false;
        }

        @Override
        public String code() {
            return "auth_failed";
        }
    }

    /** The vendor is down or answered garbage (5xx, timeouts, connection refused, malformed bodies). */
    public static final class Unavailable extends ProviderException {
        public Unavailable(String message, String vendorCode, Throwable cause) {
            super(message, vendorCode, cause);
        }

        public Unavailable(String message, Throwable cause) {
            this(message, null, cause);
        }

        @Override
        public boolean retryable() {
            return true;
        }

        @Override
        public String code() {
            return "unavailable";
        }
    }

    /** The request was wrong (bad parameter, unknown instance type, idempotency token reused differently). */
    public static final class InvalidRequest extends ProviderException {
        public InvalidRequest(String message, String vendorCode, Throwable cause) {
            super(message, vendorCode, cause);
        }

        public InvalidRequest(String message) {
            this(message, null, null);
        }

        @Override
        public boolean retryable() {
            return false;
        }

        @Override
        public String code() {
            return "invalid_request";
        }
    }

    /** The adapter cannot do this at all (see {@link Capabilities}). */
    public static final class Unsupported extends ProviderException {
        public Unsupported(String message) {
            super(message, null, null);
        }

        @Override
        public boolean retryable() {
            return false;
        }

        @Override
        public String code() {
            return "unsupported";
        }
    }
}
