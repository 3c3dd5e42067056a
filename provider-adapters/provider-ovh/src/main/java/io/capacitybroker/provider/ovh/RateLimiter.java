package io.capacitybroker.provider.ovh;

import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A client-side limit on requests per second shared by all threads of one adapter: each request takes the
 * next free slot, slots are {@code 1/rate} apart. Rate 0 disables it.
 */
final class RateLimiter {

    private final long intervalNanos;
    private final RetryPolicy.Sleeper sleeper;
    private final LongSupplier nanoTime;
    private long nextSlot;

    RateLimiter(double requestsPerSecond, RetryPolicy.Sleeper sleeper, LongSupplier nanoTime) {
        this.intervalNanos = requestsPerSecond <= 0 ? 0 : (long) Math.ceil(1_000_000_000.0 / requestsPerSecond);
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.nextSlot = nanoTime.getAsLong();
    }

    /** Waits for the next slot; returns the wait. */
    Duration acquire() {
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
                throw new ProviderException.Unavailable("interrupted while waiting for the OVHcloud rate limit", e);
            }
        }
        return d;
    }
}
