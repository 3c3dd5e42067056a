package io.capacitybroker.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestPacerTest {

    @Test
    void requestsAreSpacedByTheRate() {
        List<Duration> waits = new ArrayList<>();
        RequestPacer pacer = new RequestPacer(1, waits::add); // 1 s apart; the sleeper does not really sleep
        for (int i = 0; i < 4; i++) {
            pacer.acquire();
        }
        // the first request goes at once, the next ones wait for their slots 1, 2, 3 s ahead (minus time spent)
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0).toMillis()).isBetween(500L, 1000L);
        assertThat(waits.get(2).toMillis()).isBetween(2500L, 3000L);
    }

    @Test
    void zeroMeansUnlimited() {
        List<Duration> waits = new ArrayList<>();
        RequestPacer pacer = new RequestPacer(0, waits::add);
        for (int i = 0; i < 10; i++) {
            pacer.acquire();
        }
        assertThat(waits).isEmpty();
    }
}
