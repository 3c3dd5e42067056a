package io.capacitybroker.carbon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rolling-window rate limiter, on a clock the test moves (waits advance it instead of sleeping). */
class RequestRateLimiterTest {

    long nanos;
    final List<Duration> waits = new ArrayList<>();

    RequestRateLimiter limiter(RequestRateLimiter.Limit... limits) {
        return new RequestRateLimiter(List.of(limits), () -> nanos, d -> {
            waits.add(d);
            nanos += d.toNanos();
        });
    }

    List<Duration> times(RequestRateLimiter l, int n) {
        List<Duration> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.acquire();
            out.add(Duration.ofNanos(nanos));
        }
        return out;
    }

    @Test
    void wattTimesLimitsTenASecondAndThreeThousandInFiveMinutes() {
        RequestRateLimiter l = limiter(new RequestRateLimiter.Limit(10, Duration.ofSeconds(1)),
                new RequestRateLimiter.Limit(3000, Duration.ofMinutes(5)));
        List<Duration> t = times(l, 25);
        assertThat(t.subList(0, 10)).allMatch(Duration.ZERO::equals);
        assertThat(t.subList(10, 20)).allMatch(Duration.ofSeconds(1)::equals);
        assertThat(t.subList(20, 25)).allMatch(Duration.ofSeconds(2)::equals);
        // in any rolling second never more than 10; over a long run, 3,000 in the first 5 minutes at most
        List<Duration> more = times(l, 3000);
        Duration last = more.getLast();
        long inFirstFiveMinutes = java.util.stream.Stream.concat(t.stream(), more.stream())
                .filter(d -> d.compareTo(Duration.ofMinutes(5)) < 0).count();
        assertThat(inFirstFiveMinutes).isLessThanOrEqualTo(3000);
        assertThat(last).isGreaterThanOrEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void theLongerWindowBitesOnItsOwn() {
        RequestRateLimiter l = limiter(new RequestRateLimiter.Limit(3, Duration.ofSeconds(1)),
                new RequestRateLimiter.Limit(5, Duration.ofSeconds(10)));
        assertThat(times(l, 6)).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    @Test
    void requestsSpreadOverTimeNeverWait() {
        RequestRateLimiter l = limiter(new RequestRateLimiter.Limit(10, Duration.ofSeconds(1)));
        for (int i = 0; i < 50; i++) {
            l.acquire();
            nanos += Duration.ofMillis(100).toNanos();
        }
        assertThat(waits).isEmpty();
    }

    @Test
    void theDefaultsAreWattTimesDocumentedLimits() {
        assertThat(RequestRateLimiter.WATTTIME_LIMITS).containsExactly(new RequestRateLimiter.Limit(10, Duration.ofSeconds(1)),
                new RequestRateLimiter.Limit(3000, Duration.ofMinutes(5)));
    }
}
