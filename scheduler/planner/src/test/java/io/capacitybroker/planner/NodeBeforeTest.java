package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Node.before answers "how many of w ran here" through a bit set first: it must agree with a plain scan. */
class NodeBeforeTest {

    @Test
    void beforeAgreesWithAScanOfWhatRanThere() {
        Random rnd = new Random(42);
        for (int t = 0; t < 2_000; t++) {
            int n = rnd.nextInt(12);
            int[] bw = new int[n];
            int[] bc = new int[n];
            for (int i = 0; i < n; i++) {
                // distinct workloads, many of them 64 apart (the same bit)
                int w;
                do {
                    w = rnd.nextInt(4) * 64 + rnd.nextInt(8);
                } while (contains(bw, i, w));
                bw[i] = w;
                bc[i] = 1 + rnd.nextInt(5);
            }
            Node node = new Node(Node.RENTED, 0, 0, 8, 32, 0, 0, false, 1, 0, bw, bc);
            for (int w = 0; w < 300; w++) {
                int expected = 0;
                for (int i = 0; i < n; i++) {
                    if (bw[i] == w) {
                        expected = bc[i];
                    }
                }
                assertThat(node.before(w)).as("before(%d) of %s", w, java.util.Arrays.toString(bw))
                        .isEqualTo(expected);
            }
        }
        assertThat(new Node(Node.NEW, 0, -1, 8, 32, 0, 0, false, 1, 0, null, null).before(5)).isZero();
    }

    private static boolean contains(int[] a, int n, int w) {
        for (int i = 0; i < n; i++) {
            if (a[i] == w) {
                return true;
            }
        }
        return false;
    }
}
