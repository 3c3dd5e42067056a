package io.capacitybroker.planner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * LP-guided construction. The workload-at-a-time insertion prices a node by the replicas of one workload, so its
 * nodes end up full in one dimension (vCPU or memory) and empty in the other; the aggregated LP instead fills the
 * pools it buys in both dimensions by mixing CPU-heavy with memory-heavy workloads. This start approximates that LP
 * over new nodes with a Lagrangian price split: each candidate pool p charges its node cost (plus the budget price)
 * to a replica as {@code C_p (theta_p vcpu/V_p + (1 - theta_p) mem/M_p)}, times a scarcity factor when the pool is
 * sold out. Each workload takes its cheapest pools under these prices (within its spot share and pool spread, or
 * stays unplaced when that is dearer), and a subgradient step moves theta_p towards the dimension that is short in
 * the pool (the one whose demand in nodes is larger) and the scarcity up when more nodes are wanted than available.
 * The assignments of each window [T/2, T) of iterations (T = 16, 32, 64, 128) are averaged (a fractional plan close
 * to the LP's), rounded per workload by largest remainder and per pool into whole nodes, and each pool's replicas are
 * spread evenly over its nodes so that every node gets the mix; the usual insertion (room first) and the budget fill
 * then place what is left. The outcome is not monotone in the number of iterations, so each window that time allows
 * is rounded into a state and the best one is kept.
 */
final class SplitPriceConstruction {
    static final int ITERATIONS = 128;
    /** Iterations at the first checkpoint; the checkpoints double from there (16, 32, 64, 128). */
    static final int FIRST_CHECKPOINT = 16;

    private final Search search;
    private final Model m;
    /** Per workload, its candidate new-node pools (offers only) at construction time. */
    private final int[][] cand;
    /** Offsets of each workload's candidates in the flat arrays. */
    private final int[] off;
    private final double[] theta;
    private final double[] scarcity;
    private final double[] demandV;
    private final double[] demandM;
    /** Sum of the assignments over the current window of iterations. */
    private final double[] avg;
    /** The average of the last finished window (what a checkpoint rounds). */
    private final double[] frac;
    /** Per candidate: the replica's vCPU and memory as shares of the pool's node. */
    private final double[] fv;
    private final double[] fm;
    /** Per pool, in the current iteration: node cost with the budget price and scarcity. */
    private final double[] base;
    private final double[] cost;
    private final int[] idx;
    private final long[] keys;

    SplitPriceConstruction(Search search, int[][] candidates) {
        this.search = search;
        this.m = search.m;
        cand = new int[m.W][];
        off = new int[m.W + 1];
        int maxK = 1;
        for (int w = 0; w < m.W; w++) {
            int[] c = candidates[w];
            int n = 0;
            int[] keep = new int[c.length];
            for (int p : c) {
                if (p < m.O && m.eligiblePool(w, p) && m.fit(w, m.pV[p], m.pM[p]) > 0) {
                    keep[n++] = p;
                }
            }
            cand[w] = Arrays.copyOf(keep, n);
            off[w + 1] = off[w] + n;
            maxK = Math.max(maxK, n);
        }
        theta = new double[m.O];
        scarcity = new double[m.O];
        demandV = new double[m.O];
        demandM = new double[m.O];
        avg = new double[off[m.W]];
        frac = new double[off[m.W]];
        fv = new double[off[m.W]];
        fm = new double[off[m.W]];
        for (int w = 0; w < m.W; w++) {
            for (int i = 0; i < cand[w].length; i++) {
                int p = cand[w][i];
                fv[off[w] + i] = m.wv[w] / m.pV[p];
                fm[off[w] + i] = m.wm[w] / m.pM[p];
            }
        }
        base = new double[m.O];
        cost = new double[maxK];
        idx = new int[maxK];
        keys = new long[maxK];
    }

    /**
     * Builds a state from scratch (placements kept by other starts would hold the room the LP mixes in) under budget
     * price lam; the equilibrium runs 16, 32, 64 or {@value #ITERATIONS} iterations (the most that fit in maxNanos)
     * and rounds the average of each window [T/2, T) of them into a state when time allows (always the last); the
     * best state wins.
     */
    State build(double lam, Integer[] order, long maxNanos) {
        this.order = order;
        this.lam = lam;
        best = null;
        State s = search.freshWithOwnedRoom(lam, false);
        // fractional assignment of what is left to new nodes under split prices; its checkpoints round it into states
        equilibrium(s, lam, maxNanos);
        return best;
    }

    private Integer[] order;
    private double lam;
    /** The best state rounded from a checkpoint of the last equilibrium. */
    private State best;

    /**
     * Rounds the average of the last window of iterations (in {@link #frac}) into a state: whole nodes per pool,
     * each node getting its share of every workload, then the usual insertion and the budget fill under the
     * window's average budget price; keeps it when it beats the best so far.
     */
    private void checkpoint(double lamOut) {
        State s = search.freshWithOwnedRoom(lam, false);
        openPools(s, lam);
        if (lam > 0) {
            search.lambda = lamOut;
            s.lambda = lamOut;
        }
        search.insertAll(s, order);
        if (lam > 0) {
            search.fillBudget(s, lamOut);
        }
        if (best == null || s.obj < best.obj - 1e-9 * Math.abs(best.obj)) {
            best = s;
        }
    }

    private void equilibrium(State s, double lam, long maxNanos) {
        long t0 = System.nanoTime();
        double lamH = lam * m.H;
        double budgetLeft = m.budget == null ? Double.POSITIVE_INFINITY : m.budget - s.spend;
        double lamSum = 0;
        Arrays.fill(theta, 0.5);
        Arrays.fill(scarcity, 0);
        Arrays.fill(avg, 0);
        int iterations = ITERATIONS;
        int half = FIRST_CHECKPOINT / 2;
        long checkpointNanos = 0;
        for (int t = 0; t < iterations; t++) {
            Arrays.fill(demandV, 0);
            Arrays.fill(demandM, 0);
            for (int p = 0; p < m.O; p++) {
                base[p] = (m.pNodeCost[p] + lamH * m.pPrice[p]) * (1 + scarcity[p]);
            }
            boolean record = t >= half;
            for (int w = 0; w < m.W; w++) {
                int need = s.unpl[w];
                int[] c = cand[w];
                if (need <= 0 || c.length == 0) {
                    continue;
                }
                int o = off[w];
                for (int i = 0; i < c.length; i++) {
                    int p = c[i];
                    cost[i] = base[p] * (theta[p] * fv[o + i] + (1 - theta[p]) * fm[o + i]) + m.pReplicaCost[p];
                    idx[i] = i;
                }
                double limit = m.uCost[w] - search.movePrice;
                int spotLeft = Math.max(0, m.spotMax[w] - s.spotCnt[w]);
                int remaining = c.length;
                // a workload capped to a few replicas per spot pool takes many pools: sort them (costs are >= 0, so
                // the bits of the float order like the values); otherwise select the cheapest few one by one
                boolean sorted = spotLeft > 8L * m.poolMax[w];
                if (sorted) {
                    for (int i = 0; i < c.length; i++) {
                        keys[i] = ((long) Float.floatToRawIntBits((float) cost[i]) << 32) | i;
                    }
                    Arrays.sort(keys, 0, c.length);
                }
                int pos = 0;
                while (need > 0 && remaining > 0) {
                    int i;
                    if (sorted) {
                        i = (int) keys[pos++];
                        remaining--;
                    } else {
                        int bj = 0;
                        for (int j = 1; j < remaining; j++) {
                            if (cost[idx[j]] < cost[idx[bj]]) {
                                bj = j;
                            }
                        }
                        i = idx[bj];
                        idx[bj] = idx[--remaining];
                    }
                    if (cost[i] >= limit) {
                        break;
                    }
                    int p = c[i];
                    if (s.newCount[p] >= m.pAvail[p]) {
                        continue;
                    }
                    int k = need;
                    if (m.pSpot[p]) {
                        k = Math.min(k, Math.min(spotLeft, m.poolMax[w] - s.poolCount(w, p)));
                        if (k <= 0) {
                            continue;
                        }
                        spotLeft -= k;
                    }
                    need -= k;
                    demandV[p] += k * fv[o + i];
                    demandM[p] += k * fm[o + i];
                    if (record) {
                        avg[o + i] += k;
                    }
                }
            }
            if (t == 2) {
                // as many iterations as the time allowed for this start holds: the largest checkpoint that fits
                long per = Math.max(1, (System.nanoTime() - t0) / 3);
                long fit = maxNanos / per;
                iterations = FIRST_CHECKPOINT;
                while (iterations * 2 <= Math.min(ITERATIONS, fit)) {
                    iterations *= 2;
                }
            }
            double eta = 0.25 / Math.sqrt(1 + t / 4.0);
            double spend = 0;
            for (int p = 0; p < m.O; p++) {
                double dv = demandV[p];
                double dm = demandM[p];
                spend += Math.max(dv, dm) * m.pPrice[p];
                if (dv + dm > 0) {
                    theta[p] = Math.min(1, Math.max(0, theta[p] + eta * (dv - dm) / (dv + dm)));
                }
                if (m.pAvail[p] != Integer.MAX_VALUE) {
                    double cap = Math.max(0, m.pAvail[p] - s.newCount[p]);
                    double want = Math.max(dv, dm);
                    scarcity[p] = Math.max(0, scarcity[p] + eta * (want - cap) / Math.max(1, cap));
                }
            }
            if (record) {
                lamSum += lamH;
            }
            if (lam > 0) {
                // the budget row: raise its price when the fractional plan spends more than is left, lower it when less
                double g = (spend - budgetLeft) / Math.max(1e-9, budgetLeft);
                lamH *= Math.exp(Math.max(-1, Math.min(1, g)) * eta * 2);
            }
            if (t + 1 == 2 * half) {
                // end of a window [half, 2 half): round its average (the last window always; an earlier one when its
                // rounding still fits the time of this start), then start the next window
                boolean last = t + 1 >= iterations;
                if (last || System.nanoTime() - t0 + checkpointNanos < maxNanos) {
                    double n = half;
                    for (int i = 0; i < avg.length; i++) {
                        frac[i] = avg[i] / n;
                    }
                    long tc = System.nanoTime();
                    checkpoint(lam > 0 ? lamSum / n / m.H : 0);
                    checkpointNanos = System.nanoTime() - tc;
                }
                Arrays.fill(avg, 0);
                lamSum = 0;
                half *= 2;
            }
        }
    }

    /**
     * Largest-remainder rounding of one workload's fractional assignment x[from, from + n): every pool gets the floor
     * of its share, and the replicas the floors lose (the rounded total of the workload) go to the pools with the
     * largest remainders (ties: lower index). Rounding each pool on its own would lose most of a workload spread
     * thinly over many spot pools (one replica per pool, each taken in half of the iterations: 0.5 rounds either
     * way). keys is a buffer of at least n.
     */
    static void roundLargestRemainder(double[] x, int from, int n, int[] out, long[] keys) {
        double total = 0;
        int sum = 0;
        for (int i = 0; i < n; i++) {
            total += x[from + i];
            out[from + i] = (int) Math.floor(x[from + i] + 1e-9);
            sum += out[from + i];
        }
        int extra = (int) Math.floor(total + 0.5) - sum;
        if (extra <= 0) {
            return;
        }
        // largest remainder first (1 - remainder is in (0, 1]: its float bits order like its value)
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) Float.floatToRawIntBits((float) (1 - (x[from + i] - out[from + i]))) << 32) | i;
        }
        Arrays.sort(keys, 0, n);
        for (int j = 0; j < n && extra > 0; j++) {
            int i = (int) keys[j];
            if (x[from + i] - out[from + i] > 1e-9) {
                out[from + i]++;
                extra--;
            }
        }
    }

    private void openPools(State s, double lam) {
        // per pool: its workloads and rounded replica counts
        List<List<int[]>> byPool = new ArrayList<>(m.O);
        for (int p = 0; p < m.O; p++) {
            byPool.add(null);
        }
        int[] rounded = new int[avg.length];
        for (int w = 0; w < m.W; w++) {
            roundLargestRemainder(frac, off[w], cand[w].length, rounded, keys);
            for (int i = 0; i < cand[w].length; i++) {
                int r = rounded[off[w] + i];
                if (r <= 0) {
                    continue;
                }
                int p = cand[w][i];
                List<int[]> l = byPool.get(p);
                if (l == null) {
                    l = new ArrayList<>();
                    byPool.set(p, l);
                }
                l.add(new int[] {w, r});
            }
        }
        List<Integer> pools = new ArrayList<>();
        double[] key = new double[m.O];
        double[] nodes = new double[m.O];
        for (int p = 0; p < m.O; p++) {
            List<int[]> l = byPool.get(p);
            if (l == null) {
                continue;
            }
            double v = 0;
            double mem = 0;
            double value = 0;
            for (int[] e : l) {
                v += e[1] * m.wv[e[0]];
                mem += e[1] * m.wm[e[0]];
                value += e[1] * (m.uCost[e[0]] - m.pReplicaCost[p]);
            }
            nodes[p] = Math.max(v / m.pV[p], mem / m.pM[p]);
            if (nodes[p] < 0.5) {
                continue; // a fraction of a node: left to the insertion
            }
            pools.add(p);
            // with a budget: most value per dollar first; otherwise the biggest pools first
            key[p] = lam > 0 ? value / Math.max(1e-9, nodes[p] * m.pPrice[p]) : nodes[p];
        }
        pools.sort((a, b) -> Double.compare(key[b], key[a]));
        List<Node> open = new ArrayList<>();
        for (int p : pools) {
            int want = (int) Math.ceil(nodes[p] - 0.25);
            open.clear();
            for (int i = 0; i < want && s.canOpenPool(p, true); i++) {
                Node n = s.newNode(p);
                s.open(n);
                open.add(n);
            }
            if (open.isEmpty()) {
                continue;
            }
            packEven(s, p, byPool.get(p), open);
            for (Node n : open) {
                if (n.an == 0) {
                    s.close(n);
                }
            }
        }
    }

    /**
     * Largest replicas first, each workload spread evenly over the pool's nodes (so every node gets its share of the
     * mix); what does not fit where it was meant to goes to the first node with room.
     */
    private void packEven(State s, int p, List<int[]> l, List<Node> open) {
        l.sort((a, b) -> Double.compare(share(b[0], p), share(a[0], p)));
        int start = 0;
        int no = open.size();
        for (int[] e : l) {
            int w = e[0];
            int r = Math.min(e[1], s.unpl[w]);
            int base = r / no;
            int extra = r % no;
            int left = 0;
            for (int j = 0; j < no; j++) {
                Node n = open.get((start + j) % no);
                int k = base + (j < extra ? 1 : 0);
                k = Math.min(k, Math.min(m.fitFree(w, n.capV - n.usedV, n.capM - n.usedM), s.spotRoom(w, n)));
                if (k > 0) {
                    s.place(n, w, k);
                }
                left += base + (j < extra ? 1 : 0) - Math.max(0, k);
            }
            start = (start + extra) % no;
            for (int j = 0; j < no && left > 0; j++) {
                Node n = open.get(j);
                int k = Math.min(left,
                        Math.min(m.fitFree(w, n.capV - n.usedV, n.capM - n.usedM), s.spotRoom(w, n)));
                if (k > 0) {
                    s.place(n, w, k);
                    left -= k;
                }
            }
        }
    }

    private double share(int w, int p) {
        return Math.max(m.wv[w] / m.pV[p], m.wm[w] / m.pM[p]);
    }
}
