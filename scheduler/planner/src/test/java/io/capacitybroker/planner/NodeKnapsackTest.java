package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The node knapsack against exhaustive enumeration on random small instances, and the mix a greedy fill misses. */
class NodeKnapsackTest {

    @Test
    void findsTheBestFillOfRandomInstances() {
        Random rnd = new Random(42);
        for (int t = 0; t < 2_000; t++) {
            int n = 1 + rnd.nextInt(5);
            double[] v = new double[n];
            double[] a = new double[n];
            double[] b = new double[n];
            int[] cap = new int[n];
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(50);
                a[i] = new double[] {0.25, 0.5, 1, 2, 4, 8}[rnd.nextInt(6)];
                b[i] = new double[] {0.5, 1, 2, 4, 8, 16, 32}[rnd.nextInt(7)];
                cap[i] = rnd.nextInt(9);
            }
            double capV = new double[] {2, 4, 8, 16, 32}[rnd.nextInt(5)];
            double capM = new double[] {4, 8, 16, 32, 64, 128}[rnd.nextInt(6)];
            NodeKnapsack ks = new NodeKnapsack(v, a, b, cap, capV, capM, Long.MAX_VALUE);
            int[] k = ks.counts();
            double value = 0;
            double usedV = 0;
            double usedM = 0;
            for (int i = 0; i < n; i++) {
                assertThat(k[i]).isBetween(0, cap[i]);
                value += k[i] * v[i];
                usedV += k[i] * a[i];
                usedM += k[i] * b[i];
            }
            assertThat(usedV).isLessThanOrEqualTo(capV + 1e-9);
            assertThat(usedM).isLessThanOrEqualTo(capM + 1e-9);
            assertThat(value).isCloseTo(ks.value(), within(1e-9));
            assertThat(value).as("instance %d", t).isCloseTo(brute(v, a, b, cap, capV, capM, 0, 0, 0), within(1e-9));
        }
    }

    @Test
    void mixesCpuHeavyAndMemoryHeavyReplicas() {
        // a 32 vCPU / 128 GiB node: four 8 vCPU / 8 GiB replicas (worth 10 each) fill the vCPUs (40); three of them
        // and the eight 1 vCPU / 8 GiB replicas (worth 2 each) are worth 46; a fill by value per share takes the four
        double[] v = {10, 2};
        int[] k = new NodeKnapsack(v, new double[] {8, 1}, new double[] {8, 8}, new int[] {12, 8}, 32, 128, 1_000)
                .counts();
        assertThat(k).containsExactly(3, 8);
    }

    private static double brute(double[] v, double[] a, double[] b, int[] cap, double freeV, double freeM, int i,
            double value, double best) {
        if (i == v.length) {
            return Math.max(best, value);
        }
        for (int k = 0; k <= cap[i]; k++) {
            if (k * a[i] > freeV + 1e-9 || k * b[i] > freeM + 1e-9) {
                break;
            }
            best = brute(v, a, b, cap, freeV - k * a[i], freeM - k * b[i], i + 1, value + k * v[i], best);
        }
        return best;
    }
}
