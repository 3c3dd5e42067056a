package io.capacitybroker.planner;

import java.util.Arrays;

/**
 * Replica counts per (workload, pool) pair in an open-addressing table of primitive keys: the search asks for them in
 * its innermost loop (spot pool spread), where a boxed hash map dominated the profile. Entries are never removed (a
 * count may go back to 0).
 */
final class PairCounts {
    private long[] keys;
    private int[] counts;
    private int size;
    private int mask;

    PairCounts() {
        keys = new long[64];
        counts = new int[64];
        Arrays.fill(keys, -1L);
        mask = 63;
    }

    int get(long key) {
        int i = slot(key);
        return keys[i] == key ? counts[i] : 0;
    }

    void add(long key, int delta) {
        int i = slot(key);
        if (keys[i] != key) {
            if (2 * (size + 1) > keys.length) {
                grow();
                i = slot(key);
            }
            keys[i] = key;
            size++;
        }
        counts[i] += delta;
    }

    private int slot(long key) {
        int i = (int) mix(key) & mask;
        while (keys[i] != -1L && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static long mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    private void grow() {
        long[] ok = keys;
        int[] oc = counts;
        keys = new long[ok.length * 2];
        counts = new int[ok.length * 2];
        Arrays.fill(keys, -1L);
        mask = keys.length - 1;
        for (int j = 0; j < ok.length; j++) {
            if (ok[j] != -1L) {
                int i = slot(ok[j]);
                keys[i] = ok[j];
                counts[i] = oc[j];
            }
        }
    }
}
