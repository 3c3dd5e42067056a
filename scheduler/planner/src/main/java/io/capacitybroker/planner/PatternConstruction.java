package io.capacitybroker.planner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Node-first construction for a binding budget. The workload-first insertion prices a node for one workload at a
 * time; when the budget binds, what counts is the objective saved per dollar of a whole node, which is highest when
 * several workloads fill it together (a CPU-heavy and a memory-heavy one, or one replica each of workloads capped to
 * one replica per spot pool). Here, after the free room of owned and kept nodes is used, nodes are opened one at a
 * time on the pool whose greedy filling with the unplaced replicas saves most per dollar of hourly price (lazy
 * priority queue: a pool's score only falls as replicas get placed), until no node saves anything or the budget is
 * spent; the usual insertion and the budget fill then place what is left.
 */
final class PatternConstruction {
    private final Search search;
    private final Model m;
    private final int[] pools;
    private final int[][] poolWorkloads;
    // pattern buffer
    private int[] pw;
    private int[] pc;
    private int pn;
    private Integer[] items;
    private double[] density;

    PatternConstruction(Search search, int[][] cand) {
        this.search = search;
        this.m = search.m;
        List<List<Integer>> by = new ArrayList<>(m.O);
        for (int p = 0; p < m.O; p++) {
            by.add(null);
        }
        int count = 0;
        for (int w = 0; w < m.W; w++) {
            for (int p : cand[w]) {
                if (by.get(p) == null) {
                    by.set(p, new ArrayList<>());
                    count++;
                }
                by.get(p).add(w);
            }
        }
        pools = new int[count];
        poolWorkloads = new int[m.O][];
        int i = 0;
        int maxW = 1;
        for (int p = 0; p < m.O; p++) {
            if (by.get(p) != null) {
                pools[i++] = p;
                poolWorkloads[p] = by.get(p).stream().mapToInt(Integer::intValue).toArray();
                maxW = Math.max(maxW, poolWorkloads[p].length);
            }
        }
        pw = new int[maxW];
        pc = new int[maxW];
        items = new Integer[maxW];
        density = new double[m.W];
    }

    State build(double lam, boolean keep, Integer[] valueOrder) {
        // 1. the free room of owned and kept nodes
        State s = search.freshWithOwnedRoom(lam, keep);
        // 2. whole nodes, most objective saved per dollar first
        PriorityQueue<double[]> queue = new PriorityQueue<>((a, b) -> Double.compare(b[0], a[0]));
        for (int p : pools) {
            double sc = score(s, p);
            if (sc > 0) {
                queue.add(new double[] {sc, p});
            }
        }
        while (!queue.isEmpty() && !search.timeUp()) {
            double[] top = queue.poll();
            int p = (int) top[1];
            double sc = score(s, p);
            if (sc <= 0) {
                continue;
            }
            if (!queue.isEmpty() && sc < queue.peek()[0]) {
                top[0] = sc;
                queue.add(top);
                continue;
            }
            if (!s.canOpenPool(p, true)) {
                continue; // sold out, or dearer than the budget left (which only shrinks)
            }
            Node n = s.newNode(p);
            s.open(n);
            for (int i = 0; i < pn; i++) {
                s.place(n, pw[i], pc[i]);
            }
            top[0] = sc;
            queue.add(top);
        }
        // 3. what is left: the usual insertion under lambda, then the budget fill
        search.insertAll(s, valueOrder);
        if (lam > 0) {
            search.fillBudget(s, lam);
        }
        return s;
    }

    /** Objective saved per dollar of hourly price by one node of pool p filled greedily; fills the pattern buffer. */
    private double score(State s, int p) {
        pn = 0;
        int[] ws = poolWorkloads[p];
        int ni = 0;
        double mv = search.movePrice;
        for (int w : ws) {
            double value = m.uCost[w] - m.pReplicaCost[p] - mv;
            if (s.unpl[w] <= 0 || value <= 0 || s.spotRoomPool(w, p) <= 0) {
                continue;
            }
            density[w] = value / (m.wv[w] / m.pV[p] + m.wm[w] / m.pM[p]);
            items[ni++] = w;
        }
        if (ni == 0) {
            return 0;
        }
        Arrays.sort(items, 0, ni, (a, b) -> Double.compare(density[b], density[a]));
        double freeV = m.pV[p];
        double freeM = m.pM[p];
        double saved = -m.pNodeCost[p];
        for (int i = 0; i < ni; i++) {
            int w = items[i];
            int k = Math.min(s.unpl[w], Math.min(m.fitFree(w, freeV, freeM), s.spotRoomPool(w, p)));
            if (k <= 0) {
                continue;
            }
            pw[pn] = w;
            pc[pn] = k;
            pn++;
            freeV -= k * m.wv[w];
            freeM -= k * m.wm[w];
            saved += k * (m.uCost[w] - m.pReplicaCost[p] - mv);
        }
        if (saved <= 0) {
            return 0;
        }
        return saved / Math.max(1e-9, m.pPrice[p]);
    }
}
