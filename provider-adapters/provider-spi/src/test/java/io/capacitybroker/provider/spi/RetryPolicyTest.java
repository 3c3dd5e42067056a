package io.capacitybroker.provider.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final List<Duration> waits = new ArrayList<>();
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), waits::add);

    @Test
    void retriesRetryableErrorsThenSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        String result = policy.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new ProviderException.Unavailable("503", null);
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
        assertThat(waits).hasSize(2).allSatisfy(w -> assertThat(w).isBetween(Duration.ZERO, Duration.ofMillis(200)));
    }

    @Test
    void nonRetryableErrorsAreThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> policy.call(() -> {
            calls.incrementAndGet();
            throw new ProviderException.AuthFailed("401", "AuthFailure", null);
        })).isInstanceOf(ProviderException.AuthFailed.class);
        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastError() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> policy.call(() -> {
            throw new ProviderException.Unavailable("attempt " + calls.incrementAndGet(), null);
        })).hasMessage("attempt 4");
        assertThat(waits).hasSize(3);
    }

    @Test
    void honoursRetryAfterButCapsIt() {
        AtomicInteger calls = new AtomicInteger();
        policy.call(() -> {
            int n = calls.incrementAndGet();
            if (n == 1) {
                throw new ProviderException.Throttled("429", "TooManyRequests", Duration.ofMillis(700), null);
            }
            if (n == 2) {
                throw new ProviderException.Throttled("429", "TooManyRequests", Duration.ofMinutes(5), null);
            }
            return n;
        });
        assertThat(waits).containsExactly(Duration.ofMillis(700), Duration.ofSeconds(1));
    }

    @Test
    void backoffGrowsExponentiallyUpToTheCap() {
        ProviderException e = new ProviderException.Unavailable("x", null);
        for (int i = 0; i < 200; i++) {
            assertThat(policy.backoff(1, e)).isLessThanOrEqualTo(Duration.ofMillis(100));
            assertThat(policy.backoff(3, e)).isLessThanOrEqualTo(Duration.ofMillis(400));
            assertThat(policy.backoff(30, e)).isLessThanOrEqualTo(Duration.ofSeconds(1));
        }
    }
}
