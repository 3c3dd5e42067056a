package io.capacitybroker.provider.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Retries a provider call on retryable {@link ProviderException}s with capped exponential backoff and
 * full jitter, honouring a vendor's {@code Retry-After} on {@link ProviderException.Throttled}. Errors
 * that are not retryable, and the last error once attempts run out, are thrown unchanged.
 *
 * <p>Adapters use it around each vendor request (one page of a listing, one rent), so that a transient
 * fault costs one page, not the whole refresh.
 */
public final class RetryPolicy {

    /** Waits; replaced in tests so that backoff costs no wall time. */
    @FunctionalInterface
    public interface Sleeper {
        /** Really sleeps (to the nanosecond the platform allows). */
        Sleeper REAL = Thread::sleep;

        void sleep(Duration d) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Sleeper sleeper;

    public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** 4 attempts, 200 ms doubling up to 10 s, real sleeping. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(10), d -> Thread.sleep(d.toMillis()));
    }

    /** No retries: the first error is thrown. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, d -> { });
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public <T> T call(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ProviderException e) {
                if (!e.retryable() || attempt >= maxAttempts) {
                    throw e;
                }
                sleep(backoff(attempt, e));
            }
        }
    }

    public void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    /** The wait before attempt {@code attempt + 1}. */
    Duration backoff(int attempt, ProviderException e) {
        if (e instanceof ProviderException.Throttled t && t.retryAfter().isPresent()) {
            Duration asked = t.retryAfter().get();
            return asked.compareTo(maxBackoff) > 0 ? maxBackoff : asked;
        }
        long capMillis = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(capMillis <= 0 ? 0 : ThreadLocalRandom.current().nextLong(capMillis + 1));
    }

    private void sleep(Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Unavailable("interrupted while backing off", ie);
        }
    }
}
