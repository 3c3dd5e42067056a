package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The candidate lists keep the k cheapest offers in (value, index) order: {@link Search#selectSmallest} must give
 * exactly the first k of a full sort, ties broken by the lower index, for any input (here random, with many ties).
 */
class CandidateSelectionTest {

    @Test
    void selectsTheSortedPrefixOfAFullSort() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 2_000; trial++) {
            int n = rnd.nextInt(trial % 4 == 0 ? 2_000 : 300);
            int k = 1 + rnd.nextInt(trial % 4 == 0 ? 400 : 60); // long lists too (workloads capped per spot pool)
            double[] v = new double[n];
            int[] id = new int[n];
            for (int i = 0; i < n; i++) {
                v[i] = rnd.nextInt(4) == 0 ? rnd.nextInt(5) : rnd.nextDouble() * 10; // many equal values
                id[i] = i * 3 + rnd.nextInt(3);
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            double[] v0 = v.clone();
            int[] id0 = id.clone();
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> v0[i]).thenComparingInt(i -> id0[i]));
            int got = Search.selectSmallest(v, id, n, k);
            assertThat(got).isEqualTo(Math.min(n, k));
            for (int j = 0; j < got; j++) {
                assertThat(id[j]).as("trial %d position %d", trial, j).isEqualTo(id0[order[j]]);
                assertThat(v[j]).isEqualTo(v0[order[j]]);
            }
        }
    }
}
