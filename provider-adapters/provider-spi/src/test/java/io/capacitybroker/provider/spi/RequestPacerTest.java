package io.capacitybroker.provider.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestPacerTest {

    @Test
    void requestsAreSpacedByTheRate() {
        AtomicLong nanos = new AtomicLong(0);
        List<Duration> waits = new ArrayList<>();
        RequestPacer pacer = new RequestPacer(4, "test", waits::add, nanos::get); // the sleeper does not really sleep
        for (int i = 0; i < 4; i++) {
            pacer.acquire();
        }
        // the first request goes at once, the next ones wait for their slots 250, 500, 750 ms ahead
        assertThat(waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(750));
        nanos.set(10_000_000_000L); // much later: no wait
        assertThat(pacer.acquire()).isZero();
    }

    @Test
    void realTimeSpacing() {
        RequestPacer pacer = new RequestPacer(50, "test"); // one every 20 ms
        long start = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            pacer.acquire();
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(95);
    }

    @Test
    void zeroMeansUnlimited() {
        List<Duration> waits = new ArrayList<>();
        RequestPacer pacer = new RequestPacer(0, "test", waits::add, System::nanoTime);
        for (int i = 0; i < 10_000; i++) {
            assertThat(pacer.acquire()).isZero();
        }
        assertThat(waits).isEmpty();
        assertThatThrownBy(() -> new RequestPacer(-1, "test")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInterruptedWaitIsAnUnavailableError() {
        RequestPacer pacer = new RequestPacer(1, "Example", d -> {
            throw new InterruptedException();
        }, () -> 0L);
        pacer.acquire();
        assertThatThrownBy(pacer::acquire).isInstanceOf(ProviderException.Unavailable.class)
                .hasMessageContaining("Example rate limit");
        assertThat(Thread.interrupted()).isTrue();
    }
}
