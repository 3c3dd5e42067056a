package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The split-price start rounds each workload's fractional assignment by largest remainder: every pool gets the floor
 * or the ceiling of its share, the workload keeps its rounded total, and the pools rounded up have remainders at
 * least as large as the ones rounded down.
 */
class LargestRemainderRoundingTest {

    @Test
    void aWorkloadSpreadThinlyKeepsItsTotal() {
        double[] x = new double[12];
        java.util.Arrays.fill(x, 1, 11, 0.5); // ten spot pools taken in half of the iterations, one replica each
        int[] out = new int[12];
        SplitPriceConstruction.roundLargestRemainder(x, 1, 10, out, new long[10]);
        assertThat(java.util.Arrays.stream(out).sum()).isEqualTo(5);
        assertThat(out[0]).isZero();
        assertThat(out[11]).isZero();
    }

    @Test
    void floorsOrCeilingsWithTheRoundedTotalAndLargestRemaindersUp() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 2_000; trial++) {
            int n = 1 + rnd.nextInt(40);
            double[] x = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextInt(3) == 0 ? rnd.nextInt(4) : rnd.nextDouble() * 3;
                total += x[i];
            }
            int[] out = new int[n];
            SplitPriceConstruction.roundLargestRemainder(x, 0, n, out, new long[n]);
            int sum = 0;
            double minUp = Double.POSITIVE_INFINITY;
            double maxDown = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double floor = Math.floor(x[i] + 1e-9);
                assertThat((double) out[i]).as("trial %d pool %d", trial, i).isIn(floor, floor + 1);
                sum += out[i];
                double rem = x[i] - floor;
                if (out[i] > floor) {
                    minUp = Math.min(minUp, rem);
                } else if (rem > 1e-9) {
                    maxDown = Math.max(maxDown, rem);
                }
            }
            assertThat(sum).as("trial %d total", trial).isEqualTo((int) Math.floor(total + 0.5));
            if (minUp != Double.POSITIVE_INFINITY && maxDown != Double.NEGATIVE_INFINITY) {
                assertThat(minUp).as("trial %d remainders", trial).isGreaterThanOrEqualTo(maxDown - 1e-6);
            }
        }
    }
}
