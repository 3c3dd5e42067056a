package io.capacitybroker.planner;

import java.util.Arrays;

/**
 * Exact fill of one node: the replica counts k_i ≤ cap_i of items with value v_i > 0 and sizes (a_i, b_i) that
 * maximise Σ v_i k_i within the node's vCPU and memory. Depth-first branch and bound over the items in order of value
 * per share of the node, largest count first; a branch is cut when its value plus the smaller of the two
 * one-dimensional fractional bounds of the items left (each a relaxation of the node) cannot beat the best fill.
 * A node limit bounds the work; the best fill found so far is returned then. Meant for a few dozen items (the bounds
 * keep two sorted copies of the items left per depth). Greedy fills by one density order miss
 * mixes such as three CPU-heavy replicas next to eight memory-heavy ones where four CPU-heavy replicas fill the vCPUs
 * alone.
 */
final class NodeKnapsack {
    private final int n;
    private final double[] v;
    private final double[] a;
    private final double[] b;
    private final int[] cap;
    private final int[] order;
    /** Per position in the DFS order: the items after it sorted by value per vCPU and by value per GiB. */
    private final int[][] byA;
    private final int[][] byB;
    private final int[] cur;
    private final int[] best;
    private double bestValue;
    private long nodes;
    private final long nodeLimit;

    NodeKnapsack(double[] value, double[] vcpus, double[] mem, int[] cap, double capV, double capM, long nodeLimit) {
        n = value.length;
        v = value;
        a = vcpus;
        b = mem;
        this.cap = cap;
        this.nodeLimit = nodeLimit;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(v[y] / (a[y] / capV + b[y] / capM),
                v[x] / (a[x] / capV + b[x] / capM)));
        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = idx[i];
        }
        byA = new int[n + 1][];
        byB = new int[n + 1][];
        for (int d = 0; d <= n; d++) {
            Integer[] rest = new Integer[n - d];
            for (int i = d; i < n; i++) {
                rest[i - d] = order[i];
            }
            Integer[] ra = rest.clone();
            Arrays.sort(ra, (x, y) -> Double.compare(v[y] / Math.max(a[y], 1e-12), v[x] / Math.max(a[x], 1e-12)));
            Integer[] rb = rest.clone();
            Arrays.sort(rb, (x, y) -> Double.compare(v[y] / Math.max(b[y], 1e-12), v[x] / Math.max(b[x], 1e-12)));
            byA[d] = Arrays.stream(ra).mapToInt(Integer::intValue).toArray();
            byB[d] = Arrays.stream(rb).mapToInt(Integer::intValue).toArray();
        }
        cur = new int[n];
        best = new int[n];
        bestValue = 0;
        dfs(0, capV, capM, 0);
    }

    /** The best counts found, per item (in the order the items were given). */
    int[] counts() {
        return best.clone();
    }

    double value() {
        return bestValue;
    }

    private void dfs(int d, double freeV, double freeM, double value) {
        if (value > bestValue + 1e-9) {
            bestValue = value;
            System.arraycopy(cur, 0, best, 0, n);
        }
        if (d == n || ++nodes > nodeLimit) {
            return;
        }
        if (value + Math.min(fractional(byA[d], a, freeV), fractional(byB[d], b, freeM)) <= bestValue + 1e-9) {
            return;
        }
        int i = order[d];
        int k = cap[i];
        if (a[i] > 0) {
            k = Math.min(k, (int) Math.floor(freeV / a[i] + Model.EPS));
        }
        if (b[i] > 0) {
            k = Math.min(k, (int) Math.floor(freeM / b[i] + Model.EPS));
        }
        for (; k >= 0; k--) {
            cur[i] = k;
            dfs(d + 1, freeV - k * a[i], freeM - k * b[i], value + k * v[i]);
        }
        cur[i] = 0;
    }

    /** The fractional knapsack bound of the items over one resource (items in order of value per unit of it). */
    private double fractional(int[] items, double[] size, double free) {
        double bound = 0;
        for (int i : items) {
            if (size[i] <= 0) {
                bound += cap[i] * v[i];
                continue;
            }
            double k = Math.min(cap[i], free / size[i]);
            bound += k * v[i];
            free -= k * size[i];
            if (free <= 0) {
                break;
            }
        }
        return bound;
    }
}
