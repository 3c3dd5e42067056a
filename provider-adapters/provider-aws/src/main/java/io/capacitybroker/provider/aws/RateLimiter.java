package io.capacitybroker.provider.aws;

import io.capacitybroker.provider.spi.ProviderException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A client-side request pacer shared by all threads of one adapter: at most {@code permitsPerSecond}
 * requests start per second, evenly spaced (no bursts). {@code 0} means unlimited.
 */
final class RateLimiter {

    private final long intervalNanos;
    private long nextFreeNanos;

    RateLimiter(double permitsPerSecond) {
        this.intervalNanos = permitsPerSecond <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / permitsPerSecond);
        this.nextFreeNanos = System.nanoTime();
    }

    /** Blocks until the next request may start. */
    void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextFreeNanos);
            nextFreeNanos = slot + intervalNanos;
            wait = slot - now;
        }
        while (wait > 0) {
            long start = System.nanoTime();
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new ProviderException.Unavailable("interrupted while waiting for the AWS rate limit", null);
            }
            wait -= System.nanoTime() - start;
        }
    }
}
