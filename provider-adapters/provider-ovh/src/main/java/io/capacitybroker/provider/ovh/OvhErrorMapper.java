package io.capacitybroker.provider.ovh;

import io.capacitybroker.provider.spi.ProviderException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place where OVHcloud API failures become {@link ProviderException}s. OVH error bodies look like
 * {@code {"class":"Client::Forbidden","message":"This call has not been granted","errorCode":"NOT_GRANTED_CALL",
 * "httpCode":"403 Forbidden"}}; {@code errorCode} and {@code class} are optional. The table (also in the README):
 *
 * <pre>
 * 429 (any body)                                            → Throttled (Retry-After honoured)       retryable
 * message about a quota ("quota", "limit reached")          → QuotaExceeded                          not retryable
 * message about capacity ("not enough resources", "insufficient capacity", "out of stock",
 *   "no more ... available", "no valid host")               → CapacityUnavailable                    retryable
 * 401, 403, errorCode INVALID_KEY / INVALID_CREDENTIAL / NOT_CREDENTIAL / NOT_GRANTED_CALL / FORBIDDEN /
 *   INVALID_SIGNATURE, class Client::Forbidden / Client::Unauthorized, message "Invalid signature",
 *   "This credential does not exist", "Invalid application key", "has not been granted"  → AuthFailed  not retryable
 * 404, class Client::NotFound, 460 (service expired)        → NotFound                               not retryable
 * 408, 5xx, class Server::*                                 → Unavailable                            retryable
 * 400, 405, 409, 412, 422 and other 4xx                     → InvalidRequest                         not retryable
 * anything else (1xx, 3xx)                                  → Unavailable                            retryable
 * I/O errors (connection refused, timeouts, TLS, DNS)       → Unavailable                            retryable
 * unparseable or unexpected success body                    → Unavailable                            retryable
 * </pre>
 */
final class OvhErrorMapper {

    private static final JsonMapper JSON = JsonMapper.shared();

    static final Set<String> AUTH_ERROR_CODES = Set.of("INVALID_KEY", "INVALID_CREDENTIAL", "NOT_CREDENTIAL",
            "NOT_GRANTED_CALL", "FORBIDDEN", "INVALID_SIGNATURE", "UNAUTHORIZED");
    private static final Pattern AUTH_MESSAGE = Pattern.compile(
            "invalid signature|credential does not exist|invalid application key|invalid credential"
                    + "|has not been granted|not authenticated|this credential is not valid|invalid consumer key",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTA_MESSAGE = Pattern.compile("quota|limit reached|maximum number of",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CAPACITY_MESSAGE = Pattern.compile(
            "not enough (resources|capacity)|insufficient (resources|capacity)|out of stock"
                    + "|no more .* available|no valid host",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_MESSAGE = 300;

    private OvhErrorMapper() {
    }

    /**
     * Maps an HTTP error answer.
     *
     * @param operation  what was being done, for the message (e.g. {@code GET /cloud/project/{id}/flavor})
     * @param status     the HTTP status
     * @param body       the response body (may be null, empty or not JSON)
     * @param retryAfter the {@code Retry-After} header (seconds or an HTTP date), may be null
     * @param queryId    the {@code X-Ovh-QueryID} header, may be null (quoted in the message for OVH support)
     * @param now        the current time, to turn an HTTP-date Retry-After into a wait
     */
    static ProviderException fromResponse(String operation, int status, String body, String retryAfter,
                                          String queryId, Instant now) {
        String errorCode = null;
        String errorClass = null;
        String vendorMessage = null;
        if (body != null && !body.isBlank()) {
            try {
                JsonNode node = JSON.readTree(body);
                if (node != null && node.isObject()) {
                    errorCode = text(node.get("errorCode"));
                    errorClass = text(node.get("class"));
                    vendorMessage = text(node.get("message"));
                }
            } catch (JacksonException notJson) {
                vendorMessage = null; // an HTML error page or a truncated body: the status decides
            }
            if (vendorMessage == null && !body.trim().startsWith("{") && !body.trim().startsWith("<")) {
                vendorMessage = body.trim();
            }
        }
        String vendorCode = errorCode != null ? errorCode : errorClass != null ? errorClass : "HTTP_" + status;
        String message = operation + " failed: HTTP " + status
                + (vendorMessage == null ? "" : " " + truncate(vendorMessage))
                + (errorCode == null ? "" : " [" + errorCode + "]")
                + (queryId == null ? "" : " (X-Ovh-QueryID " + queryId + ")");
        String msg = vendorMessage == null ? "" : vendorMessage;
        String cls = errorClass == null ? "" : errorClass;

        if (status == 429) {
            return new ProviderException.Throttled(message, vendorCode, parseRetryAfter(retryAfter, now), null);
        }
        boolean clientError = status >= 400 && status < 500;
        if (clientError && status != 401 && QUOTA_MESSAGE.matcher(msg).find()) {
            return new ProviderException.QuotaExceeded(message, vendorCode, null);
        }
        if ((clientError || status >= 500) && CAPACITY_MESSAGE.matcher(msg).find()) {
            return new ProviderException.CapacityUnavailable(message, vendorCode, null);
        }
        if (status == 401 || status == 403 || (errorCode != null && AUTH_ERROR_CODES.contains(errorCode))
                || cls.startsWith("Client::Forbidden") || cls.startsWith("Client::Unauthorized")
                || AUTH_MESSAGE.matcher(msg).find()) {
            return new ProviderException.AuthFailed(message, vendorCode, null);
        }
        if (status == 404 || status == 460 || cls.startsWith("Client::NotFound")) {
            return new ProviderException.NotFound(message, vendorCode, null);
        }
        if (status == 408 || status >= 500 || cls.startsWith("Server::")) {
            return new ProviderException.Unavailable(message, vendorCode, null);
        }
        if (clientError) {
            return new ProviderException.InvalidRequest(message, vendorCode, null);
        }
        return new ProviderException.Unavailable(message, vendorCode, null);
    }

    /** An I/O failure before or while reading the answer: the API is unreachable or too slow. */
    static ProviderException fromIo(String operation, IOException e) {
        String kind;
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            kind = "timed out";
        } else if (e instanceof ConnectException) {
            kind = "connection refused";
        } else if (e instanceof UnknownHostException) {
            kind = "unknown host";
        } else if (e instanceof SSLException) {
            kind = "TLS failure";
        } else {
            kind = "I/O error";
        }
        return new ProviderException.Unavailable(operation + " failed: " + kind + " (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + truncate(e.getMessage())) + ")", "IO", e);
    }

    /** A success answer whose body is not what the API documents (not JSON, wrong shape, missing fields). */
    static ProviderException malformed(String operation, String detail, Throwable cause) {
        return new ProviderException.Unavailable(operation + " returned a malformed body: " + truncate(detail),
                "MALFORMED_BODY", cause);
    }

    static Duration parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        try {
            long seconds = Long.parseLong(h);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || !n.isValueNode() ? null : n.asString();
    }

    private static String truncate(String s) {
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "…";
    }
}
