package io.capacitybroker.provider.gcp;

import io.capacitybroker.provider.spi.ProviderException;
import io.capacitybroker.provider.spi.RetryPolicy;
import java.time.Duration;

/**
 * A client-side rate limit: requests leave at most {@code requestsPerSecond} apart, over every thread of
 * the adapter. Zero disables it. Keeps a refresh under Compute Engine's per-project read-request limits.
 */
final class RequestPacer {

    private final long intervalNanos;
    private final RetryPolicy.Sleeper sleeper;
    private long nextFreeNanos = Long.MIN_VALUE;

    RequestPacer(double requestsPerSecond, RetryPolicy.Sleeper sleeper) {
        this.intervalNanos = requestsPerSecond <= 0 ? 0 : (long) (1_000_000_000L / requestsPerSecond);
        this.sleeper = sleeper;
    }

    void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = nextFreeNanos == Long.MIN_VALUE ? now : Math.max(now, nextFreeNanos);
            nextFreeNanos = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            try {
                sleeper.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException.Unavailable("interrupted while pacing requests", e);
            }
        }
    }
}
