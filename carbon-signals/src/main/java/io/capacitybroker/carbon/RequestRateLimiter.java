package io.capacitybroker.carbon;

import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Keeps the requests of one client under a vendor's rate limits, each a maximum count in a rolling
 * window (WattTime: at most 10 a second and 3,000 in any 5 minutes). {@link #acquire()} waits until a
 * request may go out. Shared by every call of one source, so that a region lookup and the forecast
 * refresh that follows it count against the same budget.
 */
public final class RequestRateLimiter {

    /** At most {@code max} requests in any {@code window}. */
    public record Limit(int max, Duration window) {
        public Limit {
            if (max < 1) {
                throw new IllegalArgumentException("max must be >= 1");
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be > 0");
            }
        }
    }

    /** WattTime's documented limits: at most 10 requests a second, 3,000 in any 5 minutes (per user). */
    public static final List<Limit> WATTTIME_LIMITS = List.of(new Limit(10, Duration.ofSeconds(1)), new Limit(3000, Duration.ofMinutes(5)));

    private final List<Limit> limits;
    private final LongSupplier nanoTime;
    private final RetryPolicy.Sleeper sleeper;
    /** Start times (nanoTime) of the last requests, as many as the largest limit allows. */
    private final ArrayDeque<Long> sent = new ArrayDeque<>();
    private final int keep;

    public RequestRateLimiter(List<Limit> limits, LongSupplier nanoTime, RetryPolicy.Sleeper sleeper) {
        this.limits = List.copyOf(limits);
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.keep = this.limits.stream().mapToInt(Limit::max).max().orElse(0);
    }

    /** WattTime's documented limits: 10 requests a second, 3,000 in any 5 minutes. */
    public static RequestRateLimiter wattTime() {
        return new RequestRateLimiter(WATTTIME_LIMITS, System::nanoTime, d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000)));
    }

    /** No limit. */
    public static RequestRateLimiter unlimited() {
        return new RequestRateLimiter(List.of(), System::nanoTime, d -> { });
    }

    /** Waits until one more request keeps every limit, and counts it. */
    public synchronized void acquire() {
        if (limits.isEmpty()) {
            return;
        }
        while (true) {
            long now = nanoTime.getAsLong();
            long wait = 0;
            for (Limit l : limits) {
                if (sent.size() >= l.max()) {
                    // the l.max()-th most recent request must have left the window
                    long oldestInWindow = nth(l.max());
                    long until = oldestInWindow + l.window().toNanos();
                    wait = Math.max(wait, until - now);
                }
            }
            if (wait <= 0) {
                sent.addLast(now);
                while (sent.size() > keep) {
                    sent.removeFirst();
                }
                return;
            }
            try {
                sleeper.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException.Unavailable("interrupted while waiting for the rate limit", e);
            }
        }
    }

    /** The start time of the n-th most recent request (n = 1: the last one). */
    private long nth(int n) {
        var it = sent.descendingIterator();
        long t = 0;
        for (int i = 0; i < n && it.hasNext(); i++) {
            t = it.next();
        }
        return t;
    }
}
