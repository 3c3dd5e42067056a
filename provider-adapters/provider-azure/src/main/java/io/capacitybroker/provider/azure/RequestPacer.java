package io.capacitybroker.provider.azure;

import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.time.Duration;

/**
 * A simple client-side rate limiter: requests through one pacer start at least {@code 1/rate} seconds
 * apart (shared by all threads). Rate 0 means unlimited.
 */
final class RequestPacer {

    private final long intervalNanos;
    private final RetryPolicy.Sleeper sleeper;
    private long nextSlotNanos = Long.MIN_VALUE;

    RequestPacer(double requestsPerSecond, RetryPolicy.Sleeper sleeper) {
        this.intervalNanos = requestsPerSecond <= 0 ? 0 : (long) (1_000_000_000L / requestsPerSecond);
        this.sleeper = sleeper;
    }

    /** Waits for the next free slot. */
    void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = nextSlotNanos == Long.MIN_VALUE || nextSlotNanos < now ? now : nextSlotNanos;
            nextSlotNanos = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            try {
                sleeper.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException.Unavailable("interrupted while pacing Azure requests", e);
            }
        }
    }
}
