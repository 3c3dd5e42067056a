package io.capacitybroker.carbon;

import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * GET a JSON document with the JDK client and map every failure to a typed {@link ProviderException}:
 * 401/403 → AuthFailed, 429 → Throttled (with Retry-After), 404 → NotFound, other 4xx → InvalidRequest,
 * 5xx, timeouts, I/O errors and unparseable bodies → Unavailable. Retryable errors are retried with the
 * {@link RetryPolicy}.
 */
final class HttpJson {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final String vendor;

    HttpJson(HttpClient client, Duration timeout, RetryPolicy retry, String vendor) {
        this.client = client;
        this.timeout = timeout;
        this.retry = retry;
        this.vendor = vendor;
    }

    static HttpClient defaultClient(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    RetryPolicy retry() {
        return retry;
    }

    /** One GET, retried on retryable errors. */
    JsonNode get(URI uri, Map<String, String> headers) {
        return retry.call(() -> getOnce(uri, headers));
    }

    /** One GET, no retry. */
    JsonNode getOnce(URI uri, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET().header("Accept", "application/json");
        headers.forEach(b::header);
        HttpResponse<String> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ProviderException.Unavailable(vendor + " timed out: " + uri.getPath(), "timeout", e);
        } catch (IOException e) {
            throw new ProviderException.Unavailable(vendor + " unreachable: " + e.getMessage(), "io", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Unavailable(vendor + " call interrupted", e);
        }
        int s = r.statusCode();
        if (s >= 200 && s < 300) {
            try {
                JsonNode n = JSON.readTree(r.body());
                if (n == null || n.isMissingNode() || n.isNull()) {
                    throw malformed(uri, "empty body", null);
                }
                return n;
            } catch (JacksonException e) {
                throw malformed(uri, "not JSON", e);
            }
        }
        throw error(s, r.headers().firstValue("Retry-After").orElse(null), r.body(), uri);
    }

    ProviderException error(int status, String retryAfter, String body, URI uri) {
        String msg = vendor + " HTTP " + status + " on " + uri.getPath() + ": " + abbreviate(body);
        String code = "http_" + status;
        if (status == 401 || status == 403) {
            return new ProviderException.AuthFailed(msg, code, null);
        }
        if (status == 429) {
            return new ProviderException.Throttled(msg, code, parseRetryAfter(retryAfter), null);
        }
        if (status == 404) {
            return new ProviderException.NotFound(msg, code, null);
        }
        if (status >= 500) {
            return new ProviderException.Unavailable(msg, code, null);
        }
        return new ProviderException.InvalidRequest(msg, code, null);
    }

    ProviderException.Unavailable malformed(URI uri, String what, Throwable cause) {
        return new ProviderException.Unavailable(vendor + " answered malformed data on " + uri.getPath() + ": " + what,
                "malformed", cause);
    }

    static Duration parseRetryAfter(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim())));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        s = s.replaceAll("\\s+", " ");
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /** A required numeric field, or a malformed-data error. */
    double number(JsonNode n, String field, URI uri) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isNumber()) {
            throw malformed(uri, "field '" + field + "' missing or not a number", null);
        }
        double d = v.doubleValue();
        if (!(d >= 0) || Double.isInfinite(d)) {
            throw malformed(uri, "field '" + field + "' out of range: " + d, null);
        }
        return d;
    }

    /** A required timestamp field (ISO 8601 with offset or Z, seconds optional), or a malformed-data error. */
    Instant time(JsonNode n, String field, URI uri) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isString()) {
            throw malformed(uri, "field '" + field + "' missing", null);
        }
        try {
            return parseTime(v.asString());
        } catch (DateTimeParseException e) {
            throw malformed(uri, "field '" + field + "' is not a time: " + v.asString(), e);
        }
    }

    static Instant parseTime(String s) {
        return java.time.OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    /** A required array field, or a malformed-data error. */
    JsonNode array(JsonNode n, String field, URI uri) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isArray()) {
            throw malformed(uri, "field '" + field + "' missing or not an array", null);
        }
        return v;
    }
}
