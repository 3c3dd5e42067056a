package io.capacitybroker.provider.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import io.capacitybroker.provider.spi.ProviderException;
import java.io.IOException;
import java.io.InterruptedIOException;
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
import java.util.Set;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place where Azure errors (ARM error codes, HTTP statuses, SDK and transport exceptions) become the
 * SPI's typed {@link ProviderException}s. The vendor code decides first, the HTTP status second; anything
 * else (transport failures, bodies that do not parse, unexpected SDK exceptions) is
 * {@link ProviderException.Unavailable}, so no SDK exception leaves the adapter.
 */
public final class AzureErrors {

    /** Credentials missing, wrong, expired, or lacking a role assignment. */
    static final Set<String> AUTH = Set.of("authenticationfailed", "authorizationfailed", "invalidauthenticationtoken",
            "invalidauthenticationtokentenant", "invalidauthenticationtokenaudience", "expiredauthenticationtoken",
            "linkedauthorizationfailed", "authenticationfailedmissingtoken", "unauthorized", "forbidden",
            "authorizationpermissionmismatch");
    /** ARM and Resource Graph throttling codes. */
    static final Set<String> THROTTLED = Set.of("toomanyrequests", "subscriptionrequeststhrottled",
            "tenantrequeststhrottled", "ratelimitexceeded", "throttled", "requestthrottled", "throttlingexception");
    /** The region or zone has no capacity for the size now. */
    static final Set<String> CAPACITY = Set.of("skunotavailable", "allocationfailed", "zonalallocationfailed",
            "overconstrainedallocationrequest", "overconstrainedzonalallocationrequest",
            "spotvmevictedduetocapacity", "insufficientcapacity");
    /** Account limits. OperationNotAllowed is a quota error only when its message talks about quota. */
    static final Set<String> QUOTA = Set.of("quotaexceeded", "operationnotallowed-quota", "lowprioritycoresquotaexceeded",
            "totalregionalcoresquotaexceeded", "familycoresquotaexceeded", "subscriptionquotaexceeded");
    static final Set<String> NOT_FOUND = Set.of("resourcenotfound", "notfound", "resourcegroupnotfound",
            "subscriptionnotfound", "parentresourcenotfound", "locationnotfound");
    static final Set<String> UNAVAILABLE = Set.of("internalservererror", "serviceunavailable", "gatewaytimeout",
            "servertimeout", "internalerror", "operationtimedout", "retryablerror", "retryableerror",
            "badgateway", "malformedresponse");
    static final Set<String> INVALID = Set.of("invalidparameter", "badrequest", "invalidrequestcontent",
            "invalidrequestformat", "invalidquery", "invalidapiversionparameter", "noregisteredproviderfound",
            "missingsubscription", "invalidsubscriptionid", "locationnotavailableforresourcetype",
            "requestdisallowedbypolicy", "operationnotallowed", "invalidresourcelocation", "propertychangenotallowed",
            "missingapiversionparameter", "invalidfilter");

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private AzureErrors() {
    }

    /**
     * Maps one HTTP error answer. {@code vendorCode} is the ARM {@code error.code} (or null),
     * {@code retryAfter} the wait the server asked for (or null).
     */
    public static ProviderException fromHttp(int status, String vendorCode, String message, Duration retryAfter) {
        return fromHttp(status, vendorCode, message, retryAfter, null);
    }

    static ProviderException fromHttp(int status, String vendorCode, String message, Duration retryAfter,
                                      Throwable cause) {
        String code = vendorCode == null || vendorCode.isBlank() ? null : vendorCode.trim();
        String key = code == null ? "" : code.toLowerCase(Locale.ROOT);
        String text = "Azure " + (status > 0 ? "HTTP " + status : "error") + (code == null ? "" : " " + code)
                + (message == null || message.isBlank() ? "" : ": " + abbreviate(message));
        if (key.equals("operationnotallowed") && message != null && message.toLowerCase(Locale.ROOT).contains("quota")) {
            key = "operationnotallowed-quota";
        }
        if (AUTH.contains(key)) {
            return new ProviderException.AuthFailed(text, code, cause);
        }
        if (THROTTLED.contains(key)) {
            return new ProviderException.Throttled(text, code, retryAfter, cause);
        }
        if (CAPACITY.contains(key)) {
            return new ProviderException.CapacityUnavailable(text, code, cause);
        }
        if (QUOTA.contains(key)) {
            return new ProviderException.QuotaExceeded(text, code, cause);
        }
        if (NOT_FOUND.contains(key)) {
            return new ProviderException.NotFound(text, code, cause);
        }
        if (UNAVAILABLE.contains(key)) {
            return new ProviderException.Unavailable(text, code, cause);
        }
        if (INVALID.contains(key)) {
            return new ProviderException.InvalidRequest(text, code, cause);
        }
        if (status == 401 || status == 403) {
            return new ProviderException.AuthFailed(text, code, cause);
        }
        if (status == 429) {
            return new ProviderException.Throttled(text, code, retryAfter, cause);
        }
        if (status == 404) {
            return new ProviderException.NotFound(text, code, cause);
        }
        if (status == 408 || status >= 500) {
            return new ProviderException.Unavailable(text, code, cause);
        }
        if (status >= 400) {
            return new ProviderException.InvalidRequest(text, code, cause);
        }
        return new ProviderException.Unavailable(text, code, cause);
    }

    /** Maps an HTTP error answer whose body may carry an ARM ({@code error.code}) or Retail Prices error. */
    public static ProviderException fromHttpBody(int status, String body, Duration retryAfter) {
        String[] codeAndMessage = errorCodeAndMessage(body);
        return fromHttp(status, codeAndMessage[0], codeAndMessage[1], retryAfter);
    }

    /** A body that did not parse, or lacked what the API always sends. */
    public static ProviderException malformed(String what, Throwable cause) {
        return new ProviderException.Unavailable("Azure answered a malformed body (" + what + ")", "MalformedResponse",
                cause);
    }

    /** Maps anything thrown while talking to Azure (SDK, transport, parser). */
    public static ProviderException from(Throwable thrown, String operation) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProviderException pe) {
                return pe;
            }
            if (t instanceof ManagementException me) {
                ManagementError value = me.getValue();
                HttpResponse response = me.getResponse();
                int status = response == null ? 0 : response.getStatusCode();
                Duration retryAfter = response == null ? null : retryAfter(response.getHeaders(), Clock.systemUTC());
                return fromHttp(status, value == null ? null : value.getCode(),
                        value == null ? me.getMessage() : value.getMessage(), retryAfter, me);
            }
            if (t instanceof ClientAuthenticationException cae && cae.getResponse() == null) {
                return new ProviderException.AuthFailed(operation + ": Azure credentials unavailable or rejected: "
                        + abbreviate(cae.getMessage()), "CredentialUnavailable", cae);
            }
            if (t instanceof HttpResponseException hre) {
                HttpResponse response = hre.getResponse();
                int status = response == null ? 0 : response.getStatusCode();
                Object value = hre.getValue();
                String[] cm = value instanceof String s ? errorCodeAndMessage(s) : new String[] {null, hre.getMessage()};
                if (status >= 200 && status < 300) {
                    return malformed(operation, hre);
                }
                return fromHttp(status, cm[0], cm[1] == null ? hre.getMessage() : cm[1],
                        response == null ? null : retryAfter(response.getHeaders(), Clock.systemUTC()), hre);
            }
            if (t instanceof JacksonException) {
                return malformed(operation, t);
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return new ProviderException.Unavailable(operation + ": cannot connect to Azure: " + t.getMessage(),
                        "ConnectionFailed", thrown);
            }
            if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException
                    || t instanceof TimeoutException) {
                return new ProviderException.Unavailable(operation + ": Azure timed out: " + t.getMessage(), "Timeout",
                        thrown);
            }
            if (t.getMessage() != null && t.getMessage().contains("require a URL using the HTTPS protocol scheme")) {
                return new ProviderException.InvalidRequest(operation + ": " + t.getMessage(), "HttpsRequired", thrown);
            }
            if (t instanceof IllegalStateException ise && ise.getMessage() != null
                    && ise.getMessage().startsWith("Timeout on blocking read")) {
                return new ProviderException.Unavailable(operation + ": Azure timed out: " + ise.getMessage(),
                        "Timeout", thrown);
            }
        }
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return new ProviderException.Unavailable(operation + ": I/O error talking to Azure: " + t.getMessage(),
                        "IOError", thrown);
            }
        }
        // Unparseable SDK models, reactor errors and anything else the SDK may throw: the vendor is not usable now.
        return new ProviderException.Unavailable(operation + ": unexpected Azure SDK failure: "
                + thrown.getClass().getSimpleName() + ": " + abbreviate(String.valueOf(thrown.getMessage())), null, thrown);
    }

    /**
     * The server's requested wait: {@code retry-after-ms} / {@code x-ms-retry-after-ms} (milliseconds) or
     * {@code Retry-After} (seconds or an HTTP date); null when absent or unreadable.
     */
    static Duration retryAfter(HttpHeaders headers, Clock clock) {
        if (headers == null) {
            return null;
        }
        for (String ms : new String[] {"retry-after-ms", "x-ms-retry-after-ms"}) {
            String v = headers.getValue(com.azure.core.http.HttpHeaderName.fromString(ms));
            if (v != null) {
                try {
                    return Duration.ofMillis(Math.max(0, Long.parseLong(v.trim())));
                } catch (NumberFormatException ignored) {
                    // fall through to Retry-After
                }
            }
        }
        return parseRetryAfter(headers.getValue(com.azure.core.http.HttpHeaderName.RETRY_AFTER), clock);
    }

    /** Parses a {@code Retry-After} value: delta seconds or an RFC 1123 date. Null when absent or unreadable. */
    public static Duration parseRetryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** {code, message} of an ARM ({@code {"error":{"code","message"}}}) or Retail Prices error body; nulls if none. */
    static String[] errorCodeAndMessage(String body) {
        if (body == null || body.isBlank()) {
            return new String[] {null, null};
        }
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode err = root.has("error") ? root.get("error") : root.has("Error") ? root.get("Error") : root;
            if (err == null || !err.isObject()) {
                return new String[] {null, err == null || err.isNull() ? null : err.asString()};
            }
            String code = text(err, "code", "Code");
            String message = text(err, "message", "Message");
            return new String[] {code, message};
        } catch (JacksonException notJson) {
            return new String[] {null, abbreviate(body)};
        }
    }

    private static String text(JsonNode node, String a, String b) {
        JsonNode v = node.has(a) ? node.get(a) : node.get(b);
        return v == null || v.isNull() ? null : v.asString();
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
