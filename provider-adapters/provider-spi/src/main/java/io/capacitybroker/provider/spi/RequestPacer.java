package io.capacitybroker.provider.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A client-side limit on requests per second, shared by every thread of one adapter: each request takes the
 * next free slot, slots are {@code 1/rate} apart (evenly spaced, no bursts). Rate 0 disables it. Adapters put
 * one in front of their vendor calls to stay under the vendor's documented request limits.
 */
public final class RequestPacer {

    private final long intervalNanos;
    private final RetryPolicy.Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final String vendor;
    private long nextSlot;

    /** Real time and real sleeping; {@code vendor} names the limit in an interruption error. */
    public RequestPacer(double requestsPerSecond, String vendor) {
        this(requestsPerSecond, vendor, RetryPolicy.Sleeper.REAL, System::nanoTime);
    }

    public RequestPacer(double requestsPerSecond, String vendor, RetryPolicy.Sleeper sleeper, LongSupplier nanoTime) {
        if (requestsPerSecond < 0 || Double.isNaN(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be >= 0: " + requestsPerSecond);
        }
        this.intervalNanos = requestsPerSecond == 0 ? 0 : (long) Math.ceil(1_000_000_000.0 / requestsPerSecond);
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.nextSlot = nanoTime.getAsLong();
    }

    /** Waits for the next slot; returns how long it waited. */
    public Duration acquire() {
        if (intervalNanos == 0) {
            return Duration.ZERO;
        }
        long wait;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            long slot = Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
            wait = slot - now;
        }
        Duration d = Duration.ofNanos(wait);
        if (wait > 0) {
            try {
                sleeper.sleep(d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException.Unavailable("interrupted while waiting for the " + vendor + " rate limit", e);
            }
        }
        return d;
    }
}
