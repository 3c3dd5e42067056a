package io.capacitybroker.provider.gcp;

import com.google.api.client.http.HttpResponseException;
import com.google.api.gax.httpjson.RestSerializationException;
import com.google.gson.JsonParseException;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ErrorDetails;
import com.google.api.gax.rpc.StatusCode;
import com.google.rpc.RetryInfo;
import io.capacitybroker.provider.spi.ProviderException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where Google Cloud client-library errors become the SPI's typed {@link ProviderException}s.
 *
 * <p>The libraries wrap every failed call in a {@link ApiException} subclass carrying a canonical
 * {@link StatusCode.Code} (the HTTP status for REST) and, where the server sent one, an error reason
 * (Compute Engine's {@code errors[].reason} such as {@code rateLimitExceeded}, or an {@code ErrorInfo}
 * reason such as {@code RATE_LIMIT_EXCEEDED}) and a {@code RetryInfo} delay. The vendor reason wins over the
 * status, because Google answers some rate limits with 403 and some quota errors with 429. Transport failures
 * (timeouts, connection refused) and unreadable bodies become {@link ProviderException.Unavailable}.
 */
final class GcpErrorMapper {

    /** Vendor reasons we classify, in the spelling Google uses (matched case-sensitively in messages). */
    static final List<String> CAPACITY_REASONS = List.of("ZONE_RESOURCE_POOL_EXHAUSTED_WITH_DETAILS",
            "ZONE_RESOURCE_POOL_EXHAUSTED", "resourcePoolExhausted", "STOCKOUT");
    static final List<String> THROTTLE_REASONS = List.of("RATE_LIMIT_EXCEEDED", "rateLimitExceeded",
            "userRateLimitExceeded");
    static final List<String> QUOTA_REASONS = List.of("QUOTA_EXCEEDED", "quotaExceeded");
    static final List<String> AUTH_REASONS = List.of("SERVICE_DISABLED", "accessNotConfigured", "forbidden",
            "insufficientPermissions", "ACCESS_TOKEN_EXPIRED", "CREDENTIALS_MISSING", "authError");

    static final List<String> NOT_FOUND_REASONS = List.of("notFound");
    static final List<String> INVALID_REASONS = List.of("invalid", "invalidParameter", "badRequest", "required",
            "alreadyExists", "conditionNotMet");

    private static final Pattern REASON = Pattern.compile(
            "\\b(" + String.join("|", concat(CAPACITY_REASONS, THROTTLE_REASONS, QUOTA_REASONS, AUTH_REASONS)) + ")\\b");

    private static final Pattern BODY_REASON = Pattern.compile("\"reason\"\\s*:\\s*\"([A-Za-z0-9_.-]+)\"");
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private GcpErrorMapper() {
    }

    /** Maps anything a client-library call threw; {@code operation} names the API call for the message. */
    static ProviderException map(String operation, Throwable thrown) {
        if (thrown instanceof ProviderException pe) {
            return pe;
        }
        if (thrown instanceof SdkGcpApi.ClientCreationException) {
            return new ProviderException.AuthFailed(operation + ": no usable Google Cloud credentials ("
                    + thrown.getCause().getClass().getSimpleName() + ")", "CREDENTIALS", thrown);
        }
        if (find(thrown, RestSerializationException.class) != null
                || find(thrown, InvalidProtocolBufferException.class) != null
                || find(thrown, JsonParseException.class) != null) {
            return new ProviderException.Unavailable(operation + ": malformed response body: "
                    + shorten(rootMessage(thrown)), "MALFORMED_RESPONSE", thrown);
        }
        ApiException api = find(thrown, ApiException.class);
        HttpResponseException http = find(thrown, HttpResponseException.class);
        if (api != null) {
            String reason = reason(api, http == null ? null : http.getContent());
            Duration retryDelay = retryDelay(api.getErrorDetails());
            if (retryDelay == null && http != null) {
                retryDelay = retryAfter(http.getHeaders().getFirstHeaderStringValue("Retry-After"));
            }
            String message = http != null ? vendorMessage(http.getContent()) : null;
            if (message == null && find(thrown, IOException.class) != null) {
                message = "transport failure: " + rootMessage(thrown);
            }
            return classify(operation, api.getStatusCode().getCode(), http == null ? null : http.getStatusCode(),
                    reason, retryDelay, shorten(message != null ? message : api.getMessage()), thrown);
        }
        if (find(thrown, IOException.class) != null || find(thrown, CancellationException.class) != null) {
            return new ProviderException.Unavailable(operation + ": transport failure: " + shorten(thrown.toString()),
                    "TRANSPORT", thrown);
        }
        return new ProviderException.Unavailable(operation + ": unreadable response or client failure: "
                + shorten(thrown.toString()), "CLIENT", thrown);
    }

    /**
     * The table: vendor reason first, then the canonical code (REST: derived from the HTTP status).
     * {@code retryDelay} is the server's RetryInfo delay, when it sent one.
     */
    static ProviderException classify(String operation, StatusCode.Code code, Integer http, String reason,
                                      Duration retryDelay, String vendorMessage, Throwable cause) {
        String what = operation + " failed: " + (http != null ? "HTTP " + http + " " : "") + code
                + (reason != null ? " (" + reason + ")" : "") + (vendorMessage == null ? "" : ": " + vendorMessage);
        String vendorCode = reason != null ? reason : code.name();
        if (reason != null) {
            if (CAPACITY_REASONS.contains(reason)) {
                return new ProviderException.CapacityUnavailable(what, vendorCode, cause);
            }
            if (THROTTLE_REASONS.contains(reason)) {
                return new ProviderException.Throttled(what, vendorCode, retryDelay, cause);
            }
            if (QUOTA_REASONS.contains(reason) && code != StatusCode.Code.RESOURCE_EXHAUSTED) {
                return new ProviderException.QuotaExceeded(what, vendorCode, cause);
            }
            if (AUTH_REASONS.contains(reason)) {
                return new ProviderException.AuthFailed(what, vendorCode, cause);
            }
            if (NOT_FOUND_REASONS.contains(reason)) {
                return new ProviderException.NotFound(what, vendorCode, cause);
            }
            if (INVALID_REASONS.contains(reason)) {
                return new ProviderException.InvalidRequest(what, vendorCode, cause);
            }
        }
        return switch (code) {
            case UNAUTHENTICATED, PERMISSION_DENIED -> new ProviderException.AuthFailed(what, vendorCode, cause);
            case RESOURCE_EXHAUSTED -> new ProviderException.Throttled(what, vendorCode, retryDelay, cause);
            case NOT_FOUND -> new ProviderException.NotFound(what, vendorCode, cause);
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE, ALREADY_EXISTS ->
                    new ProviderException.InvalidRequest(what, vendorCode, cause);
            case UNAVAILABLE, INTERNAL, DEADLINE_EXCEEDED, UNKNOWN, DATA_LOSS, ABORTED, CANCELLED, UNIMPLEMENTED, OK ->
                    new ProviderException.Unavailable(what, vendorCode, cause);
        };
    }

    /** Retry-After as seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        try {
            long seconds = Long.parseLong(h);
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** The {@code error.message} of a Google JSON error body, if the body is one. */
    static String vendorMessage(String body) {
        if (body == null) {
            return null;
        }
        Matcher m = MESSAGE.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 16; depth++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /**
     * The vendor's reason: the ErrorInfo reason when present, else the first {@code "reason"} of the JSON error
     * body, else the first known reason named in the messages (e.g. an operation error's text).
     */
    static String reason(ApiException api, String body) {
        if (api.getReason() != null && !api.getReason().isBlank()) {
            return api.getReason();
        }
        if (body != null) {
            Matcher m = BODY_REASON.matcher(body);
            if (m.find()) {
                return m.group(1);
            }
        }
        for (Throwable t = api; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null) {
                Matcher matcher = REASON.matcher(m);
                if (matcher.find()) {
                    return matcher.group(1);
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static Duration retryDelay(ErrorDetails details) {
        if (details == null) {
            return null;
        }
        RetryInfo info = details.getRetryInfo();
        if (info == null || !info.hasRetryDelay()) {
            return null;
        }
        return Duration.ofSeconds(info.getRetryDelay().getSeconds(), info.getRetryDelay().getNanos());
    }

    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String shorten(String s) {
        if (s == null) {
            return null;
        }
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }

}
