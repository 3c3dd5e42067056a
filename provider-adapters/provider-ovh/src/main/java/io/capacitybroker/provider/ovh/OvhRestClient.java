package io.capacitybroker.provider.ovh;

import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.RequestPacer;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OVHcloud REST API over OkHttp: server-time correction, request signing, a client-side rate limit,
 * retries with backoff around every single request (one page), cursor pagination, and the mapping of every
 * failure to a {@link ProviderException} (through {@link OvhErrorMapper}). Nothing of OkHttp or Jackson
 * escapes as an exception.
 */
final class OvhRestClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OvhRestClient.class);
    private static final JsonMapper JSON = JsonMapper.shared();
    /** How long a measured server-time delta is trusted before {@code /auth/time} is asked again. */
    static final Duration TIME_DELTA_TTL = Duration.ofHours(1);

    /** One answered request: the parsed body and the headers the adapter uses. */
    record Page(JsonNode body, String nextCursor, String lastModified) {
    }

    private final OvhConfig config;
    private final Clock clock;
    private final RetryPolicy retry;
    private final RequestPacer limiter;
    private final OkHttpClient http;
    private final HttpUrl base;
    private final Object deltaLock = new Object();
    private Long timeDeltaSeconds;
    private Instant timeDeltaMeasuredAt;

    OvhRestClient(OvhConfig config, Clock clock, RetryPolicy.Sleeper sleeper) {
        this.config = config;
        this.clock = clock;
        this.retry = new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff(), sleeper);
        this.limiter = new RequestPacer(config.requestsPerSecond(), "OVHcloud", sleeper, System::nanoTime);
        this.http = new OkHttpClient.Builder()
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .callTimeout(config.callTimeout())
                .followRedirects(false) // a redirected URL would no longer match its signature
                .retryOnConnectionFailure(false) // retries are the RetryPolicy's job
                .build();
        HttpUrl parsed = HttpUrl.parse(config.baseUrl());
        if (parsed == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + config.baseUrl());
        }
        this.base = parsed;
    }

    /** The URL of {@code segments} (each path-escaped) under the API root, with the query parameters in order. */
    HttpUrl url(List<String> segments, Map<String, String> query) {
        HttpUrl.Builder b = base.newBuilder();
        for (String s : segments) {
            b.addPathSegment(s);
        }
        query.forEach(b::addQueryParameter);
        return b.build();
    }

    /** One GET with retries; {@code signed} adds the OVH authentication headers. */
    Page get(HttpUrl url, boolean signed, String operation) {
        prepare(signed, operation);
        return retry.call(() -> attempt(url, signed, null, operation));
    }

    /**
     * A list, page after page: follows {@code X-Pagination-Cursor-Next} (sent back as {@code X-Pagination-Cursor})
     * until the API sends none. API v1 answers most lists in one page; the cursor protocol is the one of API v2
     * and of OVHcloud's own CLI. Each page is retried on its own.
     */
    List<JsonNode> getAll(HttpUrl url, boolean signed, String operation) {
        prepare(signed, operation);
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String c = cursor;
            Page page = retry.call(() -> attempt(url, signed, c, operation));
            if (!page.body().isArray()) {
                throw OvhErrorMapper.malformed(operation, "expected a JSON array, got " + page.body().getNodeType(), null);
            }
            page.body().forEach(items::add);
            String next = page.nextCursor() == null || page.nextCursor().isBlank() ? null : page.nextCursor();
            if (next != null && next.equals(cursor)) {
                throw OvhErrorMapper.malformed(operation, "the next-page cursor repeats the current one (" + next + ")",
                        null);
            }
            cursor = next;
            if (++pages > 100_000) {
                throw OvhErrorMapper.malformed(operation, "pagination does not end (cursor " + cursor + ")", null);
            }
        } while (cursor != null);
        return items;
    }

    /** Runs {@code fn} over {@code items} with at most {@code maxConcurrentRequests} at a time; results in order. */
    <T, R> List<R> parallel(List<T> items, Function<T, R> fn) {
        if (items.size() <= 1 || config.maxConcurrentRequests() == 1) {
            return items.stream().map(fn).toList();
        }
        Semaphore permits = new Semaphore(config.maxConcurrentRequests());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    permits.acquire();
                    try {
                        return fn.apply(item);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<R> out = new ArrayList<>(items.size());
            try {
                for (Future<R> f : futures) {
                    out.add(f.get());
                }
            } catch (ExecutionException e) {
                futures.forEach(f -> f.cancel(true));
                if (e.getCause() instanceof ProviderException pe) {
                    throw pe;
                }
                throw new ProviderException.Unavailable("OVHcloud request failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new ProviderException.Unavailable("interrupted while calling OVHcloud", e);
            }
            return out;
        }
    }

    /** The server time minus the local time, in seconds (measured with {@code GET /auth/time}, cached an hour). */
    long timeDeltaSeconds() {
        synchronized (deltaLock) {
            Instant now = clock.instant();
            if (timeDeltaSeconds == null || timeDeltaMeasuredAt == null
                    || Duration.between(timeDeltaMeasuredAt, now).compareTo(TIME_DELTA_TTL) > 0
                    || now.isBefore(timeDeltaMeasuredAt)) {
                String op = "GET /auth/time";
                Page page = get(url(List.of("auth", "time"), Map.of()), false, op);
                JsonNode t = page.body();
                if (!t.isIntegralNumber() || t.asLong() <= 0) {
                    throw OvhErrorMapper.malformed(op, "expected the server Unix time as an integer, got "
                            + t.getNodeType(), null);
                }
                long local = clock.instant().getEpochSecond();
                timeDeltaSeconds = t.asLong() - local;
                timeDeltaMeasuredAt = clock.instant();
                log.debug("OVHcloud server time delta: {} s", timeDeltaSeconds);
            }
            return timeDeltaSeconds;
        }
    }

    /** Before a signed request: credentials must be there, and the server time known (not retried per page). */
    private void prepare(boolean signed, String operation) {
        if (signed) {
            requireCredentials(operation);
            timeDeltaSeconds();
        }
    }

    private void requireCredentials(String operation) {
        if (!config.hasCredentials()) {
            throw new ProviderException.AuthFailed(operation + ": no OVHcloud API credentials configured "
                    + "(applicationKey, applicationSecret and consumerKey are all needed)", "NOT_CONFIGURED", null);
        }
    }

    private Page attempt(HttpUrl url, boolean signed, String cursor, String operation) {
        Request.Builder rb = new Request.Builder().url(url).get().header("Accept", "application/json");
        if (config.applicationKey() != null) {
            rb.header("X-Ovh-Application", config.applicationKey());
        }
        if (signed) {
            requireCredentials(operation);
            long ts = clock.instant().getEpochSecond() + timeDeltaSeconds();
            rb.header("X-Ovh-Consumer", config.consumerKey())
                    .header("X-Ovh-Timestamp", Long.toString(ts))
                    .header("X-Ovh-Signature", OvhSigner.sign(config.applicationSecret(), config.consumerKey(), "GET",
                            url.toString(), "", ts));
        }
        if (cursor != null) {
            rb.header("X-Pagination-Cursor", cursor);
        }
        limiter.acquire();
        try (Response response = http.newCall(rb.build()).execute()) {
            ResponseBody body = response.body();
            if (!response.isSuccessful()) {
                String text = body.string();
                ProviderException e = OvhErrorMapper.fromResponse(operation, response.code(), text,
                        response.header("Retry-After"), response.header("X-Ovh-QueryID"), clock.instant());
                log.debug("{} -> {} ({})", operation, e.code(), e.getMessage());
                throw e;
            }
            byte[] bytes = body.bytes();
            JsonNode node;
            try {
                node = bytes.length == 0 ? null : JSON.readTree(bytes);
            } catch (JacksonException e) {
                throw OvhErrorMapper.malformed(operation, "not JSON (" + e.getOriginalMessage() + ")", e);
            }
            if (node == null || node.isMissingNode()) {
                throw OvhErrorMapper.malformed(operation, "empty body", null);
            }
            return new Page(node, response.header("X-Pagination-Cursor-Next"), response.header("Last-Modified"));
        } catch (IOException e) {
            throw OvhErrorMapper.fromIo(operation, e);
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProviderException.Unavailable(operation + " failed: " + e, "CLIENT_ERROR", e);
        }
    }

    Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
