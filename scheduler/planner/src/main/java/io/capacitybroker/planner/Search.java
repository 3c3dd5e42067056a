package io.capacitybroker.planner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Greedy construction (cheapest cost per replica, filling paid-for room first) under a Lagrangian price on the
 * budget, then local improvement by ruin-and-recreate of nodes and workloads. See docs/planner.md.
 */
final class Search {
    static final int K = 24;
    /** Most candidates per workload (each way) when the spot pool spread needs many pools. */
    static final int SPREAD_K_MAX = 240;

    final Model m;
    final long t0;
    final long deadline;
    final long constructDeadline;
    double lambda;
    /** Price of a move used by the insertion (the objective always uses the true move cost). */
    double movePrice;
    /**
     * When set, a new node is priced per replica by the share of the node a replica takes (as if other workloads
     * fill the rest, which the room-first insertion then does), instead of by the replicas of this workload alone.
     */
    boolean sharedNodes;

    /** Scenario placements kept after drift repair, per owned node and per rented node. */
    final int[][] ownedKeptW;
    final int[][] ownedKeptC;
    final int[][] rentedKeptW;
    final int[][] rentedKeptC;
    final Integer[] order; // workloads, largest replicas first
    final int[][] cand;
    final int[] widened;
    /** Per workload, the cost per replica of its best offer when nodes are full (no budget price). */
    final double[] freshPerReplica;
    /** Per workload, the rented nodes (index in the scenario) it ran on. */
    final int[][] rentedBefore;
    /** Per workload, the best pools that have rented nodes. */
    final int[][] candRented;

    Search(Model m, long t0, long limitMillis) {
        this.m = m;
        this.t0 = t0;
        // keep a margin for writing the plan and its explanations
        this.deadline = t0 + Math.max(1, (long) (limitMillis * 0.8)) * 1_000_000L;
        this.constructDeadline = t0 + Math.max(1, (long) (limitMillis * 0.45)) * 1_000_000L;
        this.movePrice = m.moveCost;
        Scenario s = m.scenario;
        int no = s.ownedNodes().size();
        int nr = s.rentedNodes().size();
        ownedKeptW = new int[no][];
        ownedKeptC = new int[no][];
        rentedKeptW = new int[nr][];
        rentedKeptC = new int[nr][];
        repairDrift();
        order = new Integer[m.W];
        for (int w = 0; w < m.W; w++) {
            order[w] = w;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer w) -> -(m.wv[w] + m.wm[w] / 4.0))
                .thenComparingInt(w -> w));
        cand = new int[m.W][];
        widened = new int[m.W];
        splitLists = SPLIT_K < m.O ? new int[m.W][][] : null;
        // under a budget the split-price start comes first: one scan gives both lists (the split start's longer
        // lists have the candidates as prefixes); without one it runs only when constructions are cheap, so its
        // lists wait until it asks (at 15,000 offers they took about a second of the search's time)
        boolean eagerSplit = splitLists != null && m.budget != null;
        for (int w = 0; w < m.W; w++) {
            if (eagerSplit && m.rep[w] > 0) {
                splitLists[w] = topLists(w, capFor(w, SPLIT_K), null, null, true);
                cand[w] = merge(splitLists[w], capFor(w, K));
            } else {
                cand[w] = candidates(w, K);
            }
        }
        m.candidates = cand;
        List<List<Integer>> rb = new ArrayList<>();
        for (int w = 0; w < m.W; w++) {
            rb.add(new ArrayList<>());
        }
        for (int i = 0; i < s.rentedNodes().size(); i++) {
            for (String wl : s.rentedNodes().get(i).placements().keySet()) {
                if (s.rentedNodes().get(i).placements().get(wl) > 0) {
                    rb.get(m.wIndex.get(wl)).add(i);
                }
            }
        }
        // per workload, the best pools among those of rented nodes (vanished or sold out included)
        boolean[] isRentedPool = new boolean[m.P];
        for (RentedNode r : s.rentedNodes()) {
            isRentedPool[m.pIndex.get(r.offerId())] = true;
        }
        int[] rentedPools = java.util.stream.IntStream.range(0, m.P).filter(p -> isRentedPool[p]).toArray();
        candRented = new int[m.W][];
        for (int w = 0; w < m.W; w++) {
            int cap = Math.min(K, rentedPools.length);
            int[] ids = new int[Math.max(1, cap)];
            double[] vals = new double[Math.max(1, cap)];
            int n = 0;
            for (int p : rentedPools) {
                if (!m.eligiblePool(w, p)) {
                    continue;
                }
                int k = Math.min(m.fit(w, m.pV[p], m.pM[p]), Math.max(1, m.rep[w]));
                if (k <= 0) {
                    continue;
                }
                n = insertTop(ids, vals, n, cap, p, m.pNodeCost[p] / k + m.pReplicaCost[p]);
            }
            candRented[w] = Arrays.copyOf(ids, n);
        }
        rentedBefore = new int[m.W][];
        for (int w = 0; w < m.W; w++) {
            rentedBefore[w] = rb.get(w).stream().mapToInt(Integer::intValue).toArray();
        }
        freshPerReplica = new double[m.W];
        for (int w = 0; w < m.W; w++) {
            double best = Double.POSITIVE_INFINITY;
            for (int p : cand[w]) {
                int k = Math.min(m.fit(w, m.pV[p], m.pM[p]), Math.max(1, m.rep[w]));
                if (k > 0) {
                    best = Math.min(best, m.pNodeCost[p] / k + m.pReplicaCost[p]);
                }
            }
            freshPerReplica[w] = best;
        }
    }

    boolean timeUp() {
        return System.nanoTime() > deadline;
    }

    // ------------------------------------------------------------------ drift repair (phase 0)

    private void repairDrift() {
        Scenario s = m.scenario;
        // per workload: list of (existing node slot, count)
        int no = s.ownedNodes().size();
        int nr = s.rentedNodes().size();
        int[][] cnt = new int[no + nr][];
        int[][] wl = new int[no + nr][];
        boolean[] spot = new boolean[no + nr];
        int[] pool = new int[no + nr];
        double[] rate = new double[no + nr];
        for (int i = 0; i < no + nr; i++) {
            Map<String, Integer> pl;
            int reg;
            int prov;
            if (i < no) {
                OwnedNode o = s.ownedNodes().get(i);
                pl = o.placements();
                reg = m.region(o.region());
                prov = m.provider(o.provider());
                pool[i] = -1;
            } else {
                RentedNode r = s.rentedNodes().get(i - no);
                pl = r.placements();
                int p = m.pIndex.get(r.offerId());
                pool[i] = p;
                reg = m.pReg[p];
                prov = m.pProv[p];
                spot[i] = m.pSpot[p];
                rate[i] = m.pRate[p];
            }
            List<int[]> kept = new ArrayList<>();
            for (Map.Entry<String, Integer> e : pl.entrySet()) {
                int w = m.wIndex.get(e.getKey());
                if (e.getValue() > 0 && m.eligible(w, reg, prov, spot[i])) {
                    kept.add(new int[] {w, e.getValue()});
                }
            }
            wl[i] = kept.stream().mapToInt(a -> a[0]).toArray();
            cnt[i] = kept.stream().mapToInt(a -> a[1]).toArray();
        }
        // per workload limits
        List<List<int[]>> byW = new ArrayList<>();
        for (int w = 0; w < m.W; w++) {
            byW.add(new ArrayList<>());
        }
        for (int i = 0; i < no + nr; i++) {
            for (int j = 0; j < wl[i].length; j++) {
                byW.get(wl[i][j]).add(new int[] {i, j});
            }
        }
        for (int w = 0; w < m.W; w++) {
            List<int[]> refs = byW.get(w);
            // trim order: spot with highest rate first, then rented on-demand, then owned
            refs.sort(Comparator.comparingDouble((int[] r) -> spot[r[0]] ? -1 - rate[r[0]] : pool[r[0]] >= 0 ? 0 : 1));
            // pool spread
            Map<Integer, Integer> perPool = new java.util.HashMap<>();
            for (int[] r : refs) {
                if (spot[r[0]]) {
                    int p = pool[r[0]];
                    int have = perPool.getOrDefault(p, 0);
                    int c = cnt[r[0]][r[1]];
                    int keep = Math.max(0, Math.min(c, m.poolMax[w] - have));
                    cnt[r[0]][r[1]] = keep;
                    perPool.put(p, have + keep);
                }
            }
            // spot share: count, then remove from the first (highest rate) until within
            int spotTotal = 0;
            for (int[] r : refs) {
                if (spot[r[0]]) {
                    spotTotal += cnt[r[0]][r[1]];
                }
            }
            for (int[] r : refs) {
                if (spotTotal <= m.spotMax[w]) {
                    break;
                }
                if (spot[r[0]]) {
                    int c = cnt[r[0]][r[1]];
                    int drop = Math.min(c, spotTotal - m.spotMax[w]);
                    cnt[r[0]][r[1]] = c - drop;
                    spotTotal -= drop;
                }
            }
            int total = 0;
            for (int[] r : refs) {
                total += cnt[r[0]][r[1]];
            }
            for (int[] r : refs) {
                if (total <= m.rep[w]) {
                    break;
                }
                int c = cnt[r[0]][r[1]];
                int drop = Math.min(c, total - m.rep[w]);
                cnt[r[0]][r[1]] = c - drop;
                total -= drop;
            }
        }
        for (int i = 0; i < no + nr; i++) {
            if (i < no) {
                ownedKeptW[i] = wl[i];
                ownedKeptC[i] = cnt[i];
            } else {
                rentedKeptW[i - no] = wl[i];
                rentedKeptC[i - no] = cnt[i];
            }
        }
    }

    // ------------------------------------------------------------------ candidates

    /** Top-k eligible offers for w by cost per replica, and top-k by price per replica (for the budget case). */
    int[] candidates(int w, int k) {
        return candidates(w, k, null, null);
    }

    /**
     * As {@link #candidates(int, int)}, skipping the pools in {@code skip} and, when {@code s} is given, the pools
     * that state cannot use for w (sold out, dearer than the budget left, spot limits reached).
     */
    private int[] candidates(int w, int k, State s, boolean[] skip) {
        if (m.rep[w] == 0) {
            return new int[0];
        }
        if (k >= m.O && s == null) {
            return allCandidates(w);
        }
        int cap = capFor(w, k);
        return merge(topLists(w, cap, s, skip, false), cap);
    }

    /** List length (each way) for k candidates: more when the spot pool spread needs many pools. */
    private int capFor(int w, int k) {
        int cap = Math.max(1, k);
        if (m.spotMax[w] > 0 && k < m.O) {
            // a workload capped to a few replicas per spot pool needs at least spotMax / poolMax spot pools
            int pools = (m.spotMax[w] + m.poolMax[w] - 1) / Math.max(1, m.poolMax[w]);
            cap = Math.max(cap, Math.min(SPREAD_K_MAX, pools + pools / 2));
        }
        return cap;
    }

    /**
     * The cap offers usable by w that are cheapest by cost per replica (node cost shared by the replicas of w that
     * fill it, plus interruptions) and the cap cheapest by price per replica, each sorted (ties: lower index first).
     * A shorter list is a prefix of a longer one.
     */
    private int[][] topLists(int w, int cap, State s, boolean[] skip, boolean shared) {
        int n = m.rep[w];
        if (selIds == null) {
            selIds = new int[m.O];
            selIds2 = new int[m.O];
            selCost = new double[m.O];
            selPrice = new double[m.O];
        }
        if (shared && selIds3 == null) {
            selIds3 = new int[m.O];
            selIds4 = new int[m.O];
            selCost3 = new double[m.O];
            selPrice4 = new double[m.O];
        }
        int cnt = 0;
        // whole groups of offers a workload may not use are skipped (the lists do not depend on the visit order)
        for (int[] cell : m.cellPools) {
            if (!m.eligiblePool(w, cell[0])) {
                continue;
            }
            for (int p : cell) {
                if (m.pAvail[p] == 0 || (skip != null && skip[p])) {
                    continue;
                }
                if (s != null && (s.newCount[p] >= m.pAvail[p] || s.spotRoomPool(w, p) <= 0
                        || (m.budget != null && s.spend + m.pPrice[p] > m.budget + Model.EPS))) {
                    continue;
                }
                int f = m.fit(w, m.pV[p], m.pM[p]);
                if (f <= 0) {
                    continue;
                }
                int kk = Math.min(f, n);
                if (m.pSpot[p]) {
                    kk = Math.min(kk, Math.min(m.spotMax[w], m.poolMax[w]));
                    if (kk <= 0) {
                        continue;
                    }
                }
                double c = m.pNodeCost[p] / kk + m.pReplicaCost[p];
                selIds[cnt] = p;
                selIds2[cnt] = p;
                selCost[cnt] = c;
                selPrice[cnt] = m.pPrice[p] / kk + 1e-12 * c;
                if (shared) {
                    // priced by the share of the node a replica takes, as if other workloads filled the rest
                    double share = Math.max(m.wv[w] / m.pV[p], m.wm[w] / m.pM[p]);
                    double cs = m.pNodeCost[p] * share + m.pReplicaCost[p];
                    selIds3[cnt] = p;
                    selIds4[cnt] = p;
                    selCost3[cnt] = cs;
                    selPrice4[cnt] = m.pPrice[p] * share + 1e-12 * cs;
                }
                cnt++;
            }
        }
        int nc = selectSmallest(selCost, selIds, cnt, cap);
        int np = selectSmallest(selPrice, selIds2, cnt, cap);
        if (!shared) {
            return new int[][] {Arrays.copyOf(selIds, nc), Arrays.copyOf(selIds2, np)};
        }
        int ns = selectSmallest(selCost3, selIds3, cnt, cap);
        int nsp = selectSmallest(selPrice4, selIds4, cnt, cap);
        return new int[][] {Arrays.copyOf(selIds, nc), Arrays.copyOf(selIds2, np), Arrays.copyOf(selIds3, ns),
            Arrays.copyOf(selIds4, nsp)};
    }

    /** The first cap of each list, by cost first, without duplicates. */
    private int[] merge(int[][] lists, int cap) {
        int nc = Math.min(cap, lists[0].length);
        int np = Math.min(cap, lists[1].length);
        int[] out = new int[nc + np];
        int o = 0;
        if (candStamp == null) {
            candStamp = new int[m.P];
        }
        candEpoch++;
        for (int i = 0; i < nc; i++) {
            out[o++] = lists[0][i];
            candStamp[lists[0][i]] = candEpoch;
        }
        for (int i = 0; i < np; i++) {
            if (candStamp[lists[1][i]] != candEpoch) {
                out[o++] = lists[1][i];
            }
        }
        return Arrays.copyOf(out, o);
    }

    /** Buffers of {@link #candidates(int, int, State, boolean[])}. */
    private int[] selIds;
    private int[] selIds3;
    private int[] selIds4;
    private double[] selCost3;
    private double[] selPrice4;
    private int[] selIds2;
    private double[] selCost;
    private double[] selPrice;

    /**
     * Moves the k smallest (value, id) pairs of the first n to the front, sorted (quickselect, then a quicksort);
     * returns min(n, k). Ids are unique, so the order is total.
     */
    static int selectSmallest(double[] v, int[] id, int n, int k) {
        if (n > 16 * k && k > 0) {
            n = prefilter(v, id, n, k);
        }
        if (n > k) {
            int lo = 0;
            int hi = n - 1;
            int target = k - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                double pv = v[mid];
                int pid = id[mid];
                int i = lo;
                int j = hi;
                while (i <= j) {
                    while (v[i] < pv || (v[i] == pv && id[i] < pid)) {
                        i++;
                    }
                    while (pv < v[j] || (pv == v[j] && pid < id[j])) {
                        j--;
                    }
                    if (i <= j) {
                        swap(v, id, i, j);
                        i++;
                        j--;
                    }
                }
                if (target <= j) {
                    hi = j;
                } else if (target >= i) {
                    lo = i;
                } else {
                    break;
                }
            }
            n = k;
        }
        sortPairs(v, id, 0, n - 1);
        return n;
    }

    private static void swap(double[] v, int[] id, int i, int j) {
        double tv = v[i];
        v[i] = v[j];
        v[j] = tv;
        int ti = id[i];
        id[i] = id[j];
        id[j] = ti;
    }

    /**
     * Moves to the front the pairs whose value is at most a threshold and returns how many; the k smallest are among
     * them (n when fewer than k are: then all are kept). The threshold is a value of an evenly spaced sample, taken a
     * little above the sample's share of k, so that a long list (up to 15,000 offers for 24–240 candidates) is
     * narrowed in one pass before the quickselect.
     */
    private static int prefilter(double[] v, int[] id, int n, int k) {
        int step = n / (4 * k);
        int ns = n / step;
        double[] sample = new double[ns];
        for (int i = 0; i < ns; i++) {
            sample[i] = v[i * step];
        }
        // the sample's (2k/step)-th smallest value: about 2k of all values lie at or below it
        int r = Math.min(ns - 1, (2 * k + step - 1) / step);
        int[] sid = new int[ns];
        for (int i = 0; i < ns; i++) {
            sid[i] = i;
        }
        selectSmallest(sample, sid, ns, r + 1);
        double t = sample[r];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (v[i] <= t) {
                swap(v, id, i, j);
                j++;
            }
        }
        // too few at or below it (an unlucky sample): all of them (the selection does not depend on their order)
        return j < k ? n : j;
    }

    /**
     * Sorts the (value, id) pairs of [lo, hi] by value, then id: quicksort down to short ranges, which insertion
     * sort finishes (the lists of workloads capped per spot pool hold up to a few hundred pools, where insertion sort
     * alone is quadratic).
     */
    static void sortPairs(double[] v, int[] id, int lo, int hi) {
        while (hi - lo > 16) {
            int mid = (lo + hi) >>> 1;
            double pv = v[mid];
            int pid = id[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (v[i] < pv || (v[i] == pv && id[i] < pid)) {
                    i++;
                }
                while (pv < v[j] || (pv == v[j] && pid < id[j])) {
                    j--;
                }
                if (i <= j) {
                    swap(v, id, i, j);
                    i++;
                    j--;
                }
            }
            // recurse into the shorter side, loop on the longer one
            if (j - lo < hi - i) {
                sortPairs(v, id, lo, j);
                lo = i;
            } else {
                sortPairs(v, id, i, hi);
                hi = j;
            }
        }
        for (int a = lo + 1; a <= hi; a++) {
            double x = v[a];
            int xi = id[a];
            int b = a - 1;
            while (b >= lo && (v[b] > x || (v[b] == x && id[b] > xi))) {
                v[b + 1] = v[b];
                id[b + 1] = id[b];
                b--;
            }
            v[b + 1] = x;
            id[b + 1] = xi;
        }
    }

    /** Marks of the pools already in the list being built by {@link #candidates(int, int, State, boolean[])}. */
    private int[] candStamp;
    private int candEpoch;

    /** Every eligible offer for w, cheapest cost per replica first. */
    private int[] allCandidates(int w) {
        int n = m.rep[w];
        int[] ids = new int[m.O];
        double[] costs = new double[m.O];
        int c = 0;
        for (int p = 0; p < m.O; p++) {
            if (m.pAvail[p] == 0 || !m.eligiblePool(w, p)) {
                continue;
            }
            int kk = Math.min(m.fit(w, m.pV[p], m.pM[p]), n);
            if (m.pSpot[p]) {
                kk = Math.min(kk, Math.min(m.spotMax[w], m.poolMax[w]));
            }
            if (kk <= 0) {
                continue;
            }
            ids[c] = p;
            costs[c] = m.pNodeCost[p] / kk + m.pReplicaCost[p];
            c++;
        }
        Integer[] idx = new Integer[c];
        for (int i = 0; i < c; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> costs[i]).thenComparingInt(i -> ids[i]));
        int[] out = new int[c];
        for (int i = 0; i < c; i++) {
            out[i] = ids[idx[i]];
        }
        return out;
    }

    private static int insertTop(int[] ids, double[] vals, int n, int cap, int id, double v) {
        if (n == cap && v >= vals[n - 1]) {
            return n;
        }
        int i = n == cap ? cap - 1 : n;
        while (i > 0 && vals[i - 1] > v) {
            ids[i] = ids[i - 1];
            vals[i] = vals[i - 1];
            i--;
        }
        ids[i] = id;
        vals[i] = v;
        return n == cap ? n : n + 1;
    }

    // ------------------------------------------------------------------ state building

    State fresh(boolean keep) {
        State s = new State(m);
        Scenario sc = m.scenario;
        for (int i = 0; i < sc.ownedNodes().size(); i++) {
            OwnedNode o = sc.ownedNodes().get(i);
            int[][] before = before(o.placements());
            Node n = new Node(Node.OWNED, -1, i, o.vcpus(), o.memoryGiB(), m.region(o.region()),
                    m.provider(o.provider()), false, 0, 0, before[0], before[1]);
            s.addNode(n);
            s.owned.add(n);
            n.open = true;
            for (int j = 0; keep && j < ownedKeptW[i].length; j++) {
                s.place(n, ownedKeptW[i][j], ownedKeptC[i][j]);
            }
        }
        for (int i = 0; i < sc.rentedNodes().size(); i++) {
            RentedNode r = sc.rentedNodes().get(i);
            int p = m.pIndex.get(r.offerId());
            int[][] before = before(r.placements());
            Node n = new Node(Node.RENTED, p, i, m.pV[p], m.pM[p], m.pReg[p], m.pProv[p], m.pSpot[p],
                    m.pNodeCost[p], m.pReplicaCost[p], before[0], before[1]);
            s.addNode(n);
            s.rented.add(n);
            int kept = 0;
            for (int c : rentedKeptC[i]) {
                kept += c;
            }
            if (kept > 0 && keep) {
                s.open(n);
                for (int j = 0; j < rentedKeptW[i].length; j++) {
                    s.place(n, rentedKeptW[i][j], rentedKeptC[i][j]);
                }
            } else {
                // closed = released unless re-opened
                s.open(n);
                s.close(n);
            }
        }
        // a kept node that costs more than placing its replicas afresh (or leaving them unplaced) is released
        for (Node n : s.rented) {
            if (n.open && n.nodeCost + interruptionOf(n) > 1.5 * elsewhere(n)) {
                clear(s, n);
                s.close(n);
            }
        }
        // budget repair: release kept nodes with the least value per dollar until within budget
        if (m.budget != null && s.spend > m.budget + Model.EPS) {
            List<Node> open = new ArrayList<>();
            for (Node n : s.rented) {
                if (n.open) {
                    open.add(n);
                }
            }
            open.sort(Comparator.comparingDouble((Node n) -> value(n) / Math.max(1e-12, m.pPrice[n.pool])));
            for (Node n : open) {
                if (s.spend <= m.budget + Model.EPS) {
                    break;
                }
                if (m.pPrice[n.pool] <= 0) {
                    continue;
                }
                clear(s, n);
                s.close(n);
            }
        }
        return s;
    }

    private double elsewhere(Node n) {
        double c = 0;
        for (int i = 0; i < n.an; i++) {
            int w = n.aw[i];
            c += n.ac[i] * Math.min(m.uCost[w], freshPerReplica[w] + m.moveCost);
        }
        return c;
    }

    private double interruptionOf(Node n) {
        double c = 0;
        for (int i = 0; i < n.an; i++) {
            c += n.ac[i] * n.replicaCost;
        }
        return c;
    }

    private double value(Node n) {
        double v = 0;
        for (int i = 0; i < n.an; i++) {
            v += n.ac[i] * m.uCost[n.aw[i]];
        }
        return v;
    }

    private int[][] before(Map<String, Integer> pl) {
        int[] w = new int[pl.size()];
        int[] c = new int[pl.size()];
        int i = 0;
        for (Map.Entry<String, Integer> e : pl.entrySet()) {
            w[i] = m.wIndex.get(e.getKey());
            c[i] = e.getValue();
            i++;
        }
        return new int[][] {w, c};
    }

    static void clear(State s, Node n) {
        while (n.an > 0) {
            s.place(n, n.aw[n.an - 1], -n.ac[n.an - 1]);
        }
    }

    State construct(double lam, boolean keep) {
        return construct(lam, keep, order);
    }

    State construct(double lam, boolean keep, Integer[] ord) {
        long t = System.nanoTime();
        this.lambda = lam;
        State s = fresh(keep);
        s.lambda = lam;
        if (lam > 0 && !m.scenario.ownedNodes().isEmpty()) {
            // the free room goes to the workloads that save most per share of it, the dollars by ord
            roomOnly = true;
            insertAll(s, ownedOrd != null ? ownedOrd : ownedOrder(lam));
            roomOnly = false;
        }
        insertAll(s, ord);
        if (lam > 0) {
            fillBudget(s, lam);
        }
        lastConstructNanos = System.nanoTime() - t;
        if (recomb != null) {
            recomb.add(s);
        }
        return s;
    }

    /**
     * A state from scratch ({@code keep} false) or from the kept placements whose free room of owned and kept nodes
     * goes first to the workloads that save most per share of it ({@link #ownedOrder}); the starting point of the
     * node-first and split-price starts.
     */
    State freshWithOwnedRoom(double lam, boolean keep) {
        lambda = lam;
        State s = fresh(keep);
        s.lambda = lam;
        roomOnly = true;
        insertAll(s, ownedOrder(lam));
        roomOnly = false;
        return s;
    }

    /**
     * The budget price lambda is an estimate: a construction under it may leave part of the budget unspent. What is
     * left goes to the unplaced replicas, most objective saved per dollar first, priced without lambda (the budget
     * itself stays a hard check).
     */
    void fillBudget(State s, double lam) {
        double keep = lambda;
        lambda = 0;
        for (int e : valueOrder(lam)) {
            // (lam > 0: a plain order; entries of the owned tiers only come with lam <= 0)
            if (s.unpl[entryWorkload(e)] > 0 && m.budget - s.spend > Model.EPS) {
                insertEntry(s, e);
            }
        }
        lambda = keep;
    }

    private long lastConstructNanos;
    /** The restarts' perturbed order for the owned room (null: {@link #ownedOrder}). */
    private Integer[] ownedOrd;

    /** Whether scarce shared resources (budget, owned capacity) make the insertion order matter beyond packing. */
    boolean valueOrderMatters() {
        return m.budget != null || !m.scenario.ownedNodes().isEmpty();
    }

    /**
     * Workloads by the value of the scarce resources they compete for, highest first. With a budget price lambda > 0:
     * objective saved per dollar of hourly price, (unplaced cost - cost) / price per replica of the workload's best
     * option at lambda (workloads that stay unplaced at lambda come last). Without: what a replica costs elsewhere
     * (its cheapest fresh option, at most its unplaced cost) per share of the owned capacity it takes, with the two
     * entries of {@link #ownedOrder} for a workload whose spot share holds only part of its replicas (consumers decode
     * entries with {@link #entryWorkload} and {@link #insertEntry}, or take {@link #workloadsOf}). Ties and equal
     * values keep the largest-first order.
     */
    Integer[] valueOrder(double lam) {
        return valueOrder(lam, lam <= 0, lam <= 0);
    }

    /**
     * Workloads by what they save per share of the owned capacity they take: what a replica would cost elsewhere (at
     * the budget price lam, at most its unplaced cost), per share of the owned capacity, highest first. With a binding
     * budget this decides who gets the free room, the {@link #valueOrder(double)} key who gets the dollars. A workload
     * whose spot share holds some but not all of its replicas has two entries (see {@link #insertEntry}): the
     * replicas the spot share cannot hold, valued at its on-demand alternative (an owned replica spares an on-demand
     * one), encoded {@code -w - 1}; and the others ({@code w}), valued at its spot alternative. Valued as one entry at
     * the on-demand alternative, a workload allowed 49 of 55 replicas on spot took the owned room for all 55 where the
     * LP gives it to an on-demand-bound workload (1,000-offer seed 1: 19 replicas worth 50 $/h each left unplaced).
     */
    Integer[] ownedOrder(double lam) {
        return valueOrder(lam, true, true);
    }

    private Integer[] valueOrder(double lam, boolean forOwned, boolean entries) {
        double ownV = 0;
        double ownM = 0;
        for (OwnedNode o : m.scenario.ownedNodes()) {
            ownV += o.vcpus();
            ownM += o.memoryGiB();
        }
        double[] key = new double[m.W];
        double[] odKey = entries ? new double[m.W] : null;
        int split = 0;
        for (int w = 0; w < m.W; w++) {
            if (!forOwned) {
                key[w] = workloadKey(w, lam, false, false, ownV, ownM);
            } else if (!entries || !tiered(w)) {
                key[w] = workloadKey(w, lam, true, m.spotMax[w] < m.rep[w], ownV, ownM);
            } else {
                // the replicas its spot share cannot hold spare on-demand ones, the others spot ones
                odKey[w] = workloadKey(w, lam, true, true, ownV, ownM);
                key[w] = workloadKey(w, lam, true, false, ownV, ownM);
                split++;
            }
        }
        Integer[] o = new Integer[m.W + split];
        int n = 0;
        for (int w : order) {
            o[n++] = w;
            if (entries && tiered(w)) {
                o[n++] = -w - 1;
            }
        }
        Arrays.sort(o, Comparator.comparingDouble((Integer e) -> e >= 0 ? -key[e] : -odKey[-e - 1]));
        return o;
    }

    /**
     * The order key of a workload: with forOwned, what a replica would cost elsewhere (at the budget price, at most
     * its unplaced cost; only on-demand offers with onDemandOnly) per share of the owned capacity; otherwise the
     * objective saved per dollar of its best option at lam.
     */
    private double workloadKey(int w, double lam, boolean forOwned, boolean onDemandOnly, double ownV, double ownM) {
        double lamH = lam * m.H;
        double best = m.uCost[w];
        double price = 0;
        double c0 = m.uCost[w];
        boolean found = false;
        for (int p : cand[w]) {
            if (onDemandOnly && m.pSpot[p]) {
                continue;
            }
            int k = Math.min(m.fit(w, m.pV[p], m.pM[p]), Math.max(1, m.rep[w]));
            if (m.pSpot[p]) {
                k = Math.min(k, Math.min(m.spotMax[w], m.poolMax[w]));
            }
            if (k <= 0) {
                continue;
            }
            double c = (m.pNodeCost[p] + lamH * m.pPrice[p]) / k + m.pReplicaCost[p];
            if (c < best) {
                best = c;
                price = m.pPrice[p] / k;
                c0 = m.pNodeCost[p] / k + m.pReplicaCost[p];
                found = true;
            }
        }
        if (!forOwned) {
            return !found ? -1 : price <= 0 ? Double.MAX_VALUE : (m.uCost[w] - c0) / price;
        }
        double size = (ownV > 0 ? m.wv[w] / ownV : 0) + (ownM > 0 ? m.wm[w] / ownM : 0);
        return Math.min(m.uCost[w], found ? best : m.uCost[w]) / Math.max(1e-12, size);
    }

    /** The workloads of an order with entries ({@link #ownedOrder}), each once, in the order of its first entry. */
    Integer[] workloadsOf(Integer[] ord) {
        if (ord.length == m.W) {
            return ord;
        }
        boolean[] seen = new boolean[m.W];
        Integer[] o = new Integer[m.W];
        int n = 0;
        for (int e : ord) {
            int w = entryWorkload(e);
            if (!seen[w]) {
                seen[w] = true;
                o[n++] = w;
            }
        }
        return o;
    }

    /** Whether w has the two entries of {@link #ownedOrder}: its spot share holds some but not all of its replicas. */
    private boolean tiered(int w) {
        return m.spotMax[w] > 0 && m.spotMax[w] < m.rep[w];
    }

    /** Inserts the entries of an order one after the other ({@link #insertEntry}; a plain order is all workloads). */
    void insertAll(State s, Integer[] ord) {
        for (int e : ord) {
            insertEntry(s, e);
        }
    }

    /** The workload of an entry of {@link #ownedOrder}. */
    static int entryWorkload(int e) {
        return e >= 0 ? e : -e - 1;
    }

    /**
     * Inserts the replicas of an entry of {@link #ownedOrder}: all unplaced replicas of its workload, or (a negative
     * entry) only those its spot share cannot hold.
     */
    void insertEntry(State s, int e) {
        int w = entryWorkload(e);
        int need = e >= 0 ? s.unpl[w] : Math.max(0, s.unpl[w] - Math.max(0, m.spotMax[w] - s.spotCnt[w]));
        insert(s, w, need);
    }

    // ------------------------------------------------------------------ insertion

    private boolean full(Node n) {
        return n.capV - n.usedV < m.minWv - Model.EPS || n.capM - n.usedM < m.minWm - Model.EPS;
    }

    /** Places up to need replicas of w at the least cost per replica; the rest stays unplaced. */
    void insert(State s, int w, int need) {
        if (need <= 0) {
            return;
        }
        bReady = false;
        // threshold: the best fresh option
        double thr = Math.min(m.uCost[w], bestFresh(s, w, need, null));
        // A: room on running nodes (owned, kept, new), cheapest per replica first
        int nr = 0;
        for (Node n : s.owned) {
            if (m.eligible(w, n.reg, n.prov, false) && m.fitsOne(w, n.capV - n.usedV, n.capM - n.usedM)) {
                nr = addRoom(nr, n, movedHere(n, w) ? movePrice : 0.0);
            }
        }
        List<Integer> act = s.activePools;
        for (int ai = 0; ai < act.size(); ai++) {
            int p = act.get(ai);
            List<Node> l = s.partial.get(p);
            if (l.isEmpty() || !m.eligiblePool(w, p)) {
                continue; // full or closed nodes of the pool are dropped from its list by the next eligible workload
            }
            for (int i = l.size() - 1; i >= 0; i--) {
                Node n = l.get(i);
                if (!n.open || full(n)) {
                    n.inPartial = false;
                    l.set(i, l.get(l.size() - 1));
                    l.remove(l.size() - 1);
                    continue;
                }
                if (m.fitsOne(w, n.capV - n.usedV, n.capM - n.usedM)) {
                    nr = addRoom(nr, n, n.replicaCost + (movedHere(n, w) ? movePrice : 0.0));
                }
            }
        }
        if (nr > 0) {
            Node[] room = roomNodes;
            double[] cost = roomCost;
            int[] idx = roomIdx;
            for (int i = 0; i < nr; i++) {
                idx[i] = i;
            }
            // a stable order by cost (ties in the order the nodes were found)
            sortStable(cost, idx, nr);
            for (int j = 0; j < nr; j++) {
                int i = idx[j];
                if (cost[i] >= thr) {
                    break;
                }
                Node n = room[i];
                int k = Math.min(need, Math.min(m.fitFree(w, n.capV - n.usedV, n.capM - n.usedM), s.spotRoom(w, n)));
                if (k <= 0) {
                    continue;
                }
                s.place(n, w, k);
                need -= k;
                if (need == 0) {
                    return;
                }
            }
        }
        if (roomOnly) {
            return;
        }
        // B and C: open a node (a released rented node, or a new one)
        Node[] pick = new Node[1];
        while (need > 0) {
            pick[0] = null;
            double best = bestFresh(s, w, need, pick);
            if (best >= m.uCost[w] || pick[0] == null) {
                if (pick[0] == null && (!budgetBlocked || limitBlocked) && widened[w] < MAX_WIDEN && !timeUp()
                        && widen(s, w)) {
                    continue;
                }
                return;
            }
            Node n = pick[0];
            if (n.kind == Node.NEW) {
                n = s.newNode(n.pool);
            }
            int k = Math.min(need, Math.min(m.fit(w, n.capV, n.capM), s.spotRoom(w, n)));
            s.open(n);
            s.place(n, w, k);
            need -= k;
        }
    }

    /** Room scan buffers of insert (nodes with room, their cost per replica, the order). */
    private Node[] roomNodes = new Node[64];
    private double[] roomCost = new double[64];
    private int[] roomIdx = new int[64];
    private int[] roomTmp = new int[64];

    private int addRoom(int nr, Node n, double cost) {
        if (nr == roomNodes.length) {
            roomNodes = Arrays.copyOf(roomNodes, 2 * nr);
            roomCost = Arrays.copyOf(roomCost, 2 * nr);
            roomIdx = new int[2 * nr];
            roomTmp = new int[2 * nr];
        }
        roomNodes[nr] = n;
        roomCost[nr] = cost;
        return nr + 1;
    }

    /** Whether a replica of w placed on n is a move (fewer of its replicas ran there than run there now). */
    private static boolean movedHere(Node n, int w) {
        int b = n.before(w);
        return b == 0 || b <= n.after(w);
    }

    /** Stable merge sort of idx[0..n) by cost[idx[i]] (ascending). */
    private void sortStable(double[] cost, int[] idx, int n) {
        if (n < 2) {
            return;
        }
        int[] a = idx;
        int[] b = roomTmp;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                for (int k = lo; k < hi; k++) {
                    if (i < mid && (j >= hi || cost[a[i]] <= cost[a[j]])) {
                        b[k] = a[i++];
                    } else {
                        b[k] = a[j++];
                    }
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        if (a != idx) {
            System.arraycopy(a, 0, idx, 0, n);
        }
    }

    /** Times a workload's candidate list may grow beyond its first K + K offers. */
    static final int MAX_WIDEN = 4;

    /**
     * Every candidate of w is sold out, over its spot limits or (with others of those) dearer than the budget left:
     * adds the best offers this state can still use (up to K by cost and K by price per replica). Returns whether
     * any was added.
     */
    private boolean widen(State s, int w) {
        widened[w]++;
        boolean[] skip = new boolean[m.O];
        for (int p : cand[w]) {
            skip[p] = true;
        }
        int[] more = candidates(w, K, s, skip);
        if (more.length == 0) {
            widened[w] = MAX_WIDEN;
            return false;
        }
        int[] c = Arrays.copyOf(cand[w], cand[w].length + more.length);
        System.arraycopy(more, 0, c, cand[w].length, more.length);
        cand[w] = c;
        return true;
    }

    /** When set, {@link #insert} only uses the free room of running nodes. */
    boolean roomOnly;

    /** Whether the last {@link #bestFresh} skipped a candidate offer only because of the budget. */
    private boolean budgetBlocked;
    /** Whether the last {@link #bestFresh} skipped a candidate offer because it was sold out or over spot limits. */
    private boolean limitBlocked;

    private Node probe(int p) {
        return new Node(Node.NEW, p, -1, m.pV[p], m.pM[p], m.pReg[p], m.pProv[p], m.pSpot[p], 0, 0, null, null);
    }

    private final java.util.HashMap<Integer, Node> probes = new java.util.HashMap<>();

    private int[] bPools;
    private Node[] bNodes;
    private int bCount;
    private boolean bReady;

    /**
     * The released rented nodes worth considering for w: the ones w ran on before, and one per candidate offer of w
     * (the same shape as a new node, but it may spare a purchase).
     */
    private void collectB(State s, int w) {
        int max = candRented[w].length + rentedBefore[w].length;
        if (bPools == null || bPools.length < max) {
            bPools = new int[Math.max(16, max)];
            bNodes = new Node[bPools.length];
        }
        bCount = 0;
        for (int ri : rentedBefore[w]) {
            Node n = s.rented.get(ri);
            if (!n.open && m.eligiblePool(w, n.pool)) {
                bPools[bCount] = n.pool;
                bNodes[bCount] = n;
                bCount++;
            }
        }
        for (int p : candRented[w]) {
            List<Node> l = s.closedRented.get(p);
            if (l == null || l.isEmpty()) {
                continue;
            }
            Node n = bestClosed(s, p, w);
            if (n != null) {
                bPools[bCount] = p;
                bNodes[bCount] = n;
                bCount++;
            }
        }
    }

    private Node bestClosed(State s, int p, int w) {
        List<Node> l = s.closedRented.get(p);
        Node bestN = null;
        int bestB = -1;
        for (int i = l.size() - 1; i >= 0; i--) {
            Node n = l.get(i);
            if (n.open) {
                l.set(i, l.get(l.size() - 1));
                l.remove(l.size() - 1);
                continue;
            }
            int b = n.before(w);
            if (b > bestB) {
                bestB = b;
                bestN = n;
            }
        }
        return bestN;
    }

    /** Best cost per replica of opening one node for w (released rented node or new node); pick[0] gets it. */
    double bestFresh(State s, int w, int need, Node[] pick) {
        double best = Double.POSITIVE_INFINITY;
        double lamH = lambda * m.H;
        // B: released rented nodes
        if (!bReady) {
            collectB(s, w);
            bReady = true;
        }
        for (int ci = 0; ci < bCount; ci++) {
            int p = bPools[ci];
            Node bestN = bNodes[ci];
            if (bestN.open) {
                bestN = bestClosed(s, p, w);
                if (bestN == null) {
                    continue;
                }
                bNodes[ci] = bestN;
            }
            if (!s.canOpenPool(p, false)) {
                continue;
            }
            int bestB = bestN.before(w);
            int k = Math.min(need, Math.min(m.fit(w, m.pV[p], m.pM[p]), s.spotRoomPool(w, p)));
            if (k <= 0) {
                continue;
            }
            double c = (m.pNodeCost[p] + lamH * m.pPrice[p]) / k + m.pReplicaCost[p]
                    + movePrice * Math.max(0, k - bestB) / k;
            if (c < best) {
                best = c;
                if (pick != null) {
                    pick[0] = bestN;
                }
            }
        }
        // C: new nodes
        budgetBlocked = false;
        limitBlocked = false;
        for (int p : cand[w]) {
            if (!s.canOpenPool(p, true)) {
                boolean soldOut = s.newCount[p] >= m.pAvail[p];
                budgetBlocked |= !soldOut;
                limitBlocked |= soldOut;
                continue;
            }
            int f = m.fit(w, m.pV[p], m.pM[p]);
            double nodeCost = costNoise == null ? m.pNodeCost[p] : m.pNodeCost[p] * costNoise[p];
            double perNode = nodeCost + lamH * m.pPrice[p];
            if (f > 0 && best < Double.POSITIVE_INFINITY) {
                // the cost with the spot rules left out is a lower bound: skip their lookup when it cannot win
                // (the blocked flags only matter when nothing is picked)
                double share0 = sharedNodes ? Math.max(1.0 / f, Math.max(m.wv[w] / m.pV[p], m.wm[w] / m.pM[p]))
                        : 1.0 / Math.min(need, f);
                if (perNode * share0 + m.pReplicaCost[p] + movePrice >= best) {
                    continue;
                }
            }
            int k = Math.min(need, Math.min(f, s.spotRoomPool(w, p)));
            if (k <= 0) {
                limitBlocked = true;
                continue;
            }
            double share = sharedNodes ? Math.max(1.0 / f, Math.max(m.wv[w] / m.pV[p], m.wm[w] / m.pM[p])) : 1.0 / k;
            double c = perNode * share + m.pReplicaCost[p] + movePrice;
            if (c < best) {
                best = c;
                if (pick != null) {
                    pick[0] = probes.computeIfAbsent(p, this::probe);
                }
            }
        }
        return best;
    }

    // ------------------------------------------------------------------ search driver

    /** Whether another construction (taking about as long as the last one) still fits before the deadline. */
    private boolean roomFor(long lastNanos) {
        return System.nanoTime() + lastNanos < constructDeadline;
    }

    State construct(double lam) {
        long t = System.nanoTime();
        // under a budget price, start from scratch first: kept nodes rarely earn their dollars and the time limit may
        // leave room for one construction only
        boolean keepFirst = lam == 0;
        // under a budget the dollars go by value per dollar from the first construction on: the time limit may leave
        // room for this one only, and in a size order the budget goes to whoever comes first (3,000-offer seed 3
        // solved in a fresh JVM: 4.60 M with the size order first, 3.5-3.8 M with this one)
        boolean valueFirst = m.budget != null;
        Integer[] first = valueFirst ? valueOrder(lam, false, false) : order;
        State best = null;
        if (valueFirst && lam > 0) {
            // under a budget price the LP-guided start is the most likely best one and the workload-at-a-time
            // constructions the weakest: it comes first (on 3,000-offer seed 3 the time the first construction took
            // went to the local search instead: 3.62 M -> 3.40 M; on cold solves it would otherwise never run)
            best = splitStart(lam, 0, null);
            if (best != null && !roomFor(lastSplitNanos)) {
                return best;
            }
        }
        t = System.nanoTime();
        State a = construct(lam, keepFirst, first);
        long took = System.nanoTime() - t;
        if (firstConstructNanos < 0) {
            firstConstructNanos = took;
        }
        if (best == null || a.obj < best.obj - 1e-9 * Math.abs(best.obj)) {
            if (best != null) {
                a.budgetHit |= best.budgetHit;
            }
            best = a;
        } else {
            best.budgetHit |= a.budgetHit;
        }
        if (!roomFor(took) || (valueFirst && lam > 0 && took * BUDGET_STARTS_RATIO >= deadline - t0)) {
            // under a budget price, unless constructions are cheap next to the time limit, the time of the other
            // starts goes to the split start at other budget prices and to the local search (3,000-offer seed 3:
            // 3.62 M with them, 3.40 M without)
            return best;
        }
        State b = construct(lam, !keepFirst, first);
        b.budgetHit |= best.budgetHit;
        best.budgetHit = b.budgetHit;
        if (b.obj < best.obj - 1e-9 * Math.abs(best.obj)) {
            best = b;
        }
        if (valueOrderMatters() && roomFor(took)) {
            // scarce owned capacity or budget goes to the workloads that gain most from it (under a budget, this is
            // the size order, for diversity)
            State d = construct(lam, true, valueFirst && lam > 0 ? order : valueOrder(lam));
            d.budgetHit |= best.budgetHit;
            if (d.obj < best.obj - 1e-9 * Math.abs(best.obj)) {
                best = d;
            }
        }
        if (roomFor(took)) {
            // nodes priced by the share a replica takes: favours large efficient nodes that several workloads fill
            sharedNodes = true;
            State e = construct(lam, true, valueOrderMatters() ? valueOrder(lam) : order);
            sharedNodes = false;
            e.budgetHit |= best.budgetHit;
            if (e.obj < best.obj - 1e-9 * Math.abs(best.obj)) {
                best = e;
            }
        }
        if (!(valueFirst && lam > 0)) {
            best = splitStart(lam, took, best);
        }
        if (lam > 0 && !patternsTried && roomFor(took)) {
            patternsTried = true;
            // whole nodes by objective saved per dollar (several workloads per node)
            if (patterns == null) {
                patterns = new PatternConstruction(this, cand);
            }
            Integer[] vo = valueOrder(lam);
            for (boolean keep : new boolean[] {true, false}) {
                if (!roomFor(took)) {
                    break;
                }
                State f = patterns.build(lam, keep, vo);
                f.budgetHit |= best.budgetHit;
                if (f.obj < best.obj - 1e-9 * Math.abs(best.obj)) {
                    best = f;
                }
            }
        }
        if (m.moveCost > 0 && roomFor(took)) {
            // a churn-blind start for diversity, judged by the true objective
            movePrice = 0;
            State c = construct(lam, false);
            movePrice = m.moveCost;
            c.budgetHit |= best.budgetHit;
            if (c.obj < best.obj - 1e-9 * Math.abs(best.obj)) {
                best = c;
            }
        }
        return best;
    }

    /**
     * The split-price (LP-guided) start, when time allows; returns the better of it and best (it alone when best is
     * null). Without a budget only when constructions are cheap next to the time limit (the local search then reaches
     * its optimum early and has time for another start); otherwise its time is missed by the local search.
     */
    private State splitStart(double lam, long took, State best) {
        boolean splitWorth = lam > 0 || took * SPLIT_ZERO_RATIO < deadline - t0;
        if (splitWorth && roomFor(Math.max(took, lastSplitNanos))) {
            // pools bought and filled in both dimensions as the aggregated LP would
            long ts = System.nanoTime();
            if (split == null) {
                split = new SplitPriceConstruction(this, splitCandidates());
            }
            // its equilibrium gets a third of the construction time left
            State g = split.build(lam, valueOrder(lam), Math.max(0, constructDeadline - ts) / 3);
            if (recomb != null && g != null) {
                recomb.add(g);
            }
            lastSplitNanos = System.nanoTime() - ts;
            if (best == null) {
                return g;
            }
            g.budgetHit |= best.budgetHit;
            if (g.obj < best.obj - 1e-9 * Math.abs(best.obj)) {
                best = g;
            }
        }
        return best;
    }

    private PatternConstruction patterns;
    private boolean patternsTried;
    private SplitPriceConstruction split;
    private long lastSplitNanos;
    /**
     * Per workload, the sorted lists behind its candidates (by cost and by price per replica), long enough for the
     * split-price start, and its lists by cost and by price per share of a node; null when offers are few.
     */
    private final int[][][] splitLists;
    /** Candidates per workload (each way) of the split-price start, added to the workload's own list. */
    static final int SPLIT_K = 192;
    /** Without a budget, the split start runs when the first construction took less than 1/200 of the time limit. */
    static final long SPLIT_ZERO_RATIO = 200;
    /**
     * Under a budget price, the starts after the split start and the first construction run only when that
     * construction took less than 1/2000 of the time limit (small scenarios, below about 300 offers here).
     */
    static final long BUDGET_STARTS_RATIO = 2000;

    /**
     * The split-price start charges a replica for the share of a node it takes in the pool's scarce dimension, so a
     * pool that is dear for a workload alone (and so missing from its own list) can be cheap for it in a mix: it gets
     * a wider list (its own candidates, then up to {@value #SPLIT_K} more by cost and by price, then up to as many
     * by cost and by price per share of a node: large nodes that one replica per spot pool would never fill alone).
     */
    private int[][] splitCandidates() {
        int[][] c = new int[m.W][];
        boolean[] seen = new boolean[m.P];
        for (int w = 0; w < m.W; w++) {
            if (splitLists != null && splitLists[w] == null && m.rep[w] > 0) {
                splitLists[w] = topLists(w, capFor(w, SPLIT_K), null, null, true);
            }
            int[][] l = splitLists != null ? splitLists[w] : null;
            int[] more = l != null ? merge(l, capFor(w, SPLIT_K)) : candidates(w, SPLIT_K);
            int[] byShare = l != null ? merge(new int[][] {l[2], l[3]}, capFor(w, SPLIT_K)) : new int[0];
            int[] u = new int[cand[w].length + more.length + byShare.length];
            int n = 0;
            for (int[] list : new int[][] {cand[w], more, byShare}) {
                for (int p : list) {
                    if (!seen[p]) {
                        seen[p] = true;
                        u[n++] = p;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                seen[u[i]] = false;
            }
            c[w] = Arrays.copyOf(u, n);
        }
        return c;
    }

    State run() {
        if (m.budget == null) {
            recomb = new Recombination(this);
        }
        State best;
        if (m.budget == null) {
            best = construct(0);
        } else {
            double lam = estimateLambda();
            best = construct(lam);
            double[] factors = lam == 0 ? new double[] {} : new double[] {0.7, 1.4, 0.5, 2.0, 0.85, 1.2, 0.3, 3.0};
            if (lam == 0 && best.budgetHit) {
                factors = new double[] {};
                double l = 0.05;
                for (int i = 0; i < 8 && System.nanoTime() < constructDeadline; i++, l *= 3) {
                    State s = construct(l);
                    if (s.obj < best.obj) {
                        best = s;
                    }
                }
            }
            long took = System.nanoTime() - t0;
            for (double f : factors) {
                if (!roomFor(took / 2)) {
                    break;
                }
                State s = construct(lam * f);
                if (s.obj < best.obj) {
                    best = s;
                }
            }
            lambda = best.lambda;
        }
        // without a budget, when constructions are dear next to the time limit (no time for restarts): the nodes of
        // all starts recombined into one more start (3,000-offer seed 1: 47,190 -> 45,482 as a start)
        boolean slow = firstConstructNanos * SPLIT_ZERO_RATIO >= deadline - t0;
        if (recomb != null && slow) {
            // more nodes to recombine: up to RECOMBINE_STARTS constructions in a perturbed size order (shared or
            // per-workload node pricing, kept placements or not) while the construction time lasts (8,000-offer seed
            // 2: 7,094-7,114 -> 7,035-7,036)
            java.util.Random rnd = new java.util.Random(0x5eedL);
            for (int k = 0; k < RECOMBINE_STARTS && roomFor(lastConstructNanos); k++) {
                Integer[] ord = perturbed(order, rnd);
                sharedNodes = rnd.nextBoolean();
                State e = construct(0, rnd.nextBoolean(), ord);
                sharedNodes = false;
                if (e.obj < best.obj - 1e-9 * Math.abs(best.obj)) {
                    best = e;
                }
            }
            State r = recombine(best, System.nanoTime() + (long) (RECOMBINE_START * (deadline - t0)));
            if (r != null && r.obj < best.obj - 1e-9 * Math.abs(best.obj)) {
                best = r;
            }
        }
        improve(best);
        if (lambda > 0 && !timeUp()) {
            // the budget is a hard check anyway: let the improvement also price it at 0 to use what is left
            double keep = lambda;
            lambda = 0;
            improve(best);
            lambda = keep;
        }
        // and (not in the small scenarios, which have the pool-first rebuilds) a share of the time is kept for the
        // recombination of the starts and local optima so far, improved as a state of its own (8,000-offer seed 2:
        // 7,114 -> 7,046-7,093)
        long reserve = recomb != null && m.P > POOL_FIRST_MAX_POOLS
                ? (long) (RECOMBINE_END * (deadline - t0)) : 0;
        if (reserve == 0) {
            recomb = null; // no recombination follows: the restarts need not keep their nodes
        }
        lns(best, deadline - reserve);
        if (recomb != null) {
            recomb.add(best);
        }
        cleanup(best);
        // small scenarios: the pool-first rebuilds of the local optimum and the pool-first starts, then the restarts
        // (which leave the time the first round took) and the rebuilds again on the best state
        long tp = System.nanoTime();
        if (poolFirst(best)) {
            improve(best);
        }
        best = poolFirstStarts(best);
        // (at most an eighth of the time limit: in a fresh JVM the first round runs before the JIT has compiled it
        // and takes several times longer than the last one)
        long poolFirstNanos = Math.min(System.nanoTime() - tp, (deadline - t0) / 8);
        best = restarts(best, deadline - poolFirstNanos - reserve);
        if (reserve > 0) {
            State r = recombine(best, System.nanoTime() + reserve / 3);
            if (r != null) {
                improve(r);
                lns(r, deadline);
                cleanup(r);
                if (r.obj < best.obj - 1e-9 * Math.abs(best.obj)) {
                    best = r;
                }
            }
        }
        while (!timeUp() && poolFirst(best)) {
            improve(best);
        }
        // small scenarios, on the best state: nodes released by making room on others (in every improvement pass it
        // cost the restarts their time: 40-offer seed 1 2,568.67 -> 2,598-2,675)
        while (!timeUp() && poolFirstApplies(best) && evictInto(best)) {
            improve(best);
            cleanup(best);
        }
        if (m.budget != null) {
            fillLeft(best);
        }
        return best;
    }

    /** Share of the search time for the recombination of the starts when constructions are dear (no restarts). */
    static final double RECOMBINE_START = 0.1;
    /** Perturbed constructions added for the recombination of the starts (more nodes to combine). */
    static final int RECOMBINE_STARTS = 6;
    /** Share of the search time kept for the recombination after the restarts (and its improvement). */
    static final double RECOMBINE_END = 0.15;
    /** Nodes of the states built so far, as columns (null under a budget: there its greedy plans were worse). */
    private Recombination recomb;
    /** How long the first construction took (-1 until then). */
    private long firstConstructNanos = -1;

    /** The best state the recombination of the nodes seen so far builds before {@code until} (null: none). */
    private State recombine(State best, long until) {
        if (recomb.states() < 2) {
            return null;
        }
        Integer[] ord = valueOrderMatters() ? workloadsOf(valueOrder(0)) : order;
        return recomb.build(best, until, ord);
    }

    /**
     * Last step under a budget: unplaced replicas, most objective saved per dollar first, take what the search left
     * of the budget (each insertion kept only when it lowers the objective).
     */
    private void fillLeft(State s) {
        double keep = lambda;
        lambda = 0;
        for (int w : valueOrder(Math.max(keep, 1e-9))) {
            if (s.unpl[w] > 0 && m.budget - s.spend > Model.EPS) {
                trial(s, () -> insert(s, w, s.unpl[w]));
            }
        }
        lambda = keep;
    }

    /**
     * Small scenarios: once STALL restarts in a row have found nothing better, half of the restarts build their start
     * with every pool's node cost, as the insertion sees it, scaled by a random factor in [1 - NOISE, 1 + NOISE] (the
     * objective and the local search that follows use the true costs). Other starts come from the same few cheapest
     * pools; these try other node mixes (20-offer seed 305: 2.30 % above the optimum without them, at it with them).
     */
    static final double NOISE = 0.3;
    /** Restarts without a gain before the perturbed ones begin (the first ones stay as they were). */
    static final int STALL = 50;
    /** Per pool, the factor on the node cost the insertion sees (null: none). */
    private double[] costNoise;
    private boolean smallForNoise;

    /**
     * Time left after the local optimum (small and medium scenarios) goes to randomized restarts: a construction
     * with a perturbed workload order, kept or fresh placements, shared or per-workload node pricing and (with a
     * budget) a perturbed budget price, then the same improvement; the best state under the objective wins. Stops at
     * the time limit or after 500 restarts without a gain.
     */
    State restarts(State best, long until) {
        java.util.Random rnd = new java.util.Random(0xc0ffeeL);
        smallForNoise = poolFirstApplies(best);
        double lamBest = best.lambda;
        double[] size = new double[m.W];
        for (int w = 0; w < m.W; w++) {
            size[w] = m.wv[w] + m.wm[w] / 4.0;
        }
        Integer[] byValue = valueOrderMatters() ? workloadsOf(valueOrder(lamBest)) : order;
        int lastGain = 0;
        for (int r = 0; r < 10_000 && r - lastGain < 500 && System.nanoTime() + 3 * lastConstructNanos < until;
                r++) {
            Integer[] ord = perturbed(rnd.nextBoolean() ? byValue : order, rnd);
            double lam = m.budget == null || lamBest == 0 ? 0 : lamBest * (0.6 + 0.5 * rnd.nextDouble());
            sharedNodes = rnd.nextBoolean();
            if (lam > 0 && rnd.nextBoolean()) {
                // who gets the owned room: the order by value per share of it, perturbed the same way
                Integer[] own = ownedOrder(lam);
                Map<Integer, Double> ownKey = new HashMap<>();
                for (int i = 0; i < own.length; i++) {
                    ownKey.put(own[i], i + rnd.nextGaussian() * 0.3 * m.W);
                }
                Arrays.sort(own, Comparator.comparingDouble(ownKey::get));
                ownedOrd = own;
            }
            if (smallForNoise && r - lastGain >= STALL && rnd.nextBoolean()) {
                costNoise = new double[m.P];
                for (int p = 0; p < m.P; p++) {
                    costNoise[p] = 1 + NOISE * (2 * rnd.nextDouble() - 1);
                }
            }
            State s = construct(lam, rnd.nextBoolean(), ord);
            costNoise = null;
            sharedNodes = false;
            ownedOrd = null;
            improve(s);
            if (lambda > 0 && !timeUp()) {
                double keep = lambda;
                lambda = 0;
                improve(s);
                lambda = keep;
            }
            lns(s, until);
            cleanup(s);
            if (recomb != null) {
                recomb.add(s);
            }
            if (s.obj < best.obj - 1e-9 * Math.abs(best.obj)) {
                best = s;
                lastGain = r;
            }
        }
        lambda = best.lambda;
        return best;
    }

    /**
     * The workloads of base (each once) in a perturbed order: each moved by a normal deviation of 0.15 times the number
     * of workloads from its rank in base.
     */
    private Integer[] perturbed(Integer[] base, java.util.Random rnd) {
        double[] key = new double[m.W];
        for (int i = 0; i < m.W; i++) {
            key[base[i]] = i + rnd.nextGaussian() * 0.15 * m.W;
        }
        Integer[] ord = order.clone();
        Arrays.sort(ord, Comparator.comparingDouble((Integer w) -> key[w]));
        return ord;
    }

    /**
     * Lagrange multiplier of the budget, estimated on a fractional relaxation: each workload goes to its best offer
     * at cost + lambda x price (or stays unplaced when that is dearer), and lambda is the smallest value whose
     * estimated spend fits the budget.
     */
    double estimateLambda() {
        int[] demand = m.rep.clone();
        for (int i = 0; i < ownedKeptW.length; i++) {
            for (int j = 0; j < ownedKeptW[i].length; j++) {
                demand[ownedKeptW[i][j]] -= ownedKeptC[i][j];
            }
        }
        if (spendEstimate(0, demand) <= m.budget) {
            return 0;
        }
        double lo = 0;
        double hi = 1;
        while (spendEstimate(hi, demand) > m.budget && hi < 1e9) {
            lo = hi;
            hi *= 4;
        }
        for (int i = 0; i < 50; i++) {
            double mid = (lo + hi) / 2;
            if (spendEstimate(mid, demand) > m.budget) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    private double spendEstimate(double lam, int[] demand) {
        double spend = 0;
        double lamH = lam * m.H;
        for (int w = 0; w < m.W; w++) {
            if (demand[w] <= 0) {
                continue;
            }
            double best = m.uCost[w];
            double price = 0;
            for (int p : cand[w]) {
                int k = Math.min(m.fit(w, m.pV[p], m.pM[p]), demand[w]);
                if (k <= 0) {
                    continue;
                }
                double c = (m.pNodeCost[p] + lamH * m.pPrice[p]) / k + m.pReplicaCost[p] + m.moveCost;
                if (c < best) {
                    best = c;
                    price = m.pPrice[p] / k;
                }
            }
            spend += price * demand[w];
        }
        return spend;
    }

    /** Phase marker (kept as a hook for profiling; does nothing). */
    void cleanup(State s) {
        for (Node n : s.nodes) {
            if (n.kind != Node.OWNED && n.open && n.an == 0) {
                s.close(n);
            }
        }
        reuseReleased(s);
        returnHome(s);
        restoreReleased(s);
    }

    /**
     * Replicas placed on a node where fewer of them ran are moves; when another open node of the workload now holds
     * fewer replicas than ran on it and has room, they go back there (kept when the objective drops: moves saved
     * against any difference in the nodes' per-replica costs).
     */
    boolean returnHome(State s) {
        if (m.moveCost <= 0) {
            return false;
        }
        Map<Integer, List<Node>> deficit = new HashMap<>();
        for (Node n : s.nodes) {
            for (int i = 0; n.open && i < n.bw.length; i++) {
                if (n.after(n.bw[i]) < n.bc[i]) {
                    deficit.computeIfAbsent(n.bw[i], k -> new ArrayList<>()).add(n);
                }
            }
        }
        if (deficit.isEmpty()) {
            return false;
        }
        boolean improved = false;
        for (Node a : s.nodes) {
            if (!a.open || a.an == 0 || timeUp()) {
                continue;
            }
            int[] ws = Arrays.copyOf(a.aw, a.an);
            for (int w : ws) {
                List<Node> to = deficit.get(w);
                for (int j = 0; to != null && j < to.size(); j++) {
                    Node b = to.get(j);
                    int k = Math.min(a.after(w) - a.before(w), b.before(w) - b.after(w));
                    if (b == a || !a.open || !b.open || k <= 0 || !m.eligible(w, b.reg, b.prov, b.spot)) {
                        continue;
                    }
                    k = Math.min(k, m.fitFree(w, b.capV - b.usedV, b.capM - b.usedM));
                    k = Math.min(k, s.spotRoomForMove(w, a, b));
                    if (k <= 0) {
                        continue;
                    }
                    final int kk = k;
                    improved |= trial(s, () -> {
                        s.place(a, w, -kk);
                        s.place(b, w, kk);
                        if (a.kind != Node.OWNED && a.an == 0) {
                            s.close(a);
                        }
                    });
                }
            }
        }
        return improved;
    }

    /**
     * A new node and a released rented node of the same pool cost the same, but on the rented node the replicas that
     * ran there are no moves: the content of each new node goes to the released node of its pool where it saves most
     * moves (largest saving first).
     */
    void reuseReleased(State s) {
        if (m.moveCost <= 0 || s.closedRentedPools.isEmpty()) {
            return;
        }
        Map<Integer, List<Node>> fresh = new HashMap<>();
        for (Node n : s.nodes) {
            if (n.kind == Node.NEW && n.open && n.an > 0 && s.inClosedRentedPools[n.pool]) {
                fresh.computeIfAbsent(n.pool, k -> new ArrayList<>()).add(n);
            }
        }
        for (Map.Entry<Integer, List<Node>> e : fresh.entrySet()) {
            List<Node> closed = s.closedRented.get(e.getKey());
            while (closed != null) {
                Node bestA = null;
                Node bestR = null;
                int bestSave = 0;
                for (Node a : e.getValue()) {
                    for (Node r : closed) {
                        if (!a.open || r.open || r.an > 0) {
                            continue;
                        }
                        int save = 0;
                        for (int i = 0; i < a.an; i++) {
                            save += Math.min(a.ac[i], r.before(a.aw[i]));
                        }
                        if (save > bestSave) {
                            bestSave = save;
                            bestA = a;
                            bestR = r;
                        }
                    }
                }
                if (bestA == null) {
                    break;
                }
                Node a = bestA;
                Node r = bestR;
                if (!trial(s, () -> {
                    int[] ws = Arrays.copyOf(a.aw, a.an);
                    int[] cs = Arrays.copyOf(a.ac, a.an);
                    clear(s, a);
                    s.close(a);
                    s.open(r);
                    for (int i = 0; i < ws.length; i++) {
                        s.place(r, ws[i], cs[i]);
                    }
                })) {
                    break;
                }
            }
        }
    }

    void improve(State s) {
        boolean improved = true;
        int pass = 0;
        Integer[] byValue = valueOrderMatters() ? valueOrder(lambda) : order;
        Integer[] forOwned = lambda > 0 ? ownedOrder(lambda) : byValue;
        while (improved && !timeUp() && pass < 20) {
            improved = false;
            pass++;
            // 1. retry unplaced
            for (int e : byValue) {
                int w = entryWorkload(e);
                if (s.unpl[w] > 0 && m.rep[w] > 0 && !timeUp()) {
                    improved |= trial(s, () -> insertEntry(s, e));
                }
            }
            // 1b. under a budget: room left in one dimension taken by unplaced replicas in exchange for fewer
            // replicas of another workload
            if (m.budget != null) {
                improved |= fillWaste(s);
            }
            // 2. ruin and recreate one node
            List<Node> open = new ArrayList<>();
            for (Node n : s.nodes) {
                if (n.kind != Node.OWNED && n.open) {
                    open.add(n);
                }
            }
            open.sort(Comparator.comparingDouble((Node n) -> -(n.nodeCost + 1e-9) / (n.total + 1)));
            for (Node n : open) {
                if (timeUp()) {
                    return;
                }
                if (!n.open) {
                    continue;
                }
                improved |= trial(s, () -> {
                    int[] ws = Arrays.copyOf(n.aw, n.an);
                    clear(s, n);
                    s.close(n);
                    reinsert(s, ws);
                });
            }
            // 2b. ruin one owned node and recreate it together with the unplaced replicas, most valuable first
            for (Node n : s.owned) {
                if (timeUp()) {
                    return;
                }
                improved |= trial(s, () -> {
                    boolean[] in = new boolean[m.W];
                    for (int i = 0; i < n.an; i++) {
                        in[n.aw[i]] = true;
                    }
                    clear(s, n);
                    for (int e : forOwned) {
                        int w = entryWorkload(e);
                        if (in[w] || s.unpl[w] > 0) {
                            insertEntry(s, e);
                        }
                    }
                });
            }
            // 2c. move the content of one node, or of two nodes, onto one node of a cheaper pool
            improved |= consolidate(s);
            // 3. ruin and recreate one workload (its replicas on rented/new nodes)
            for (int w : order) {
                if (timeUp()) {
                    return;
                }
                if (m.rep[w] == 0) {
                    continue;
                }
                improved |= trial(s, () -> {
                    for (Node n : s.nodes) {
                        if (n.open && n.kind != Node.OWNED) {
                            int a = n.after(w);
                            if (a > 0) {
                                s.place(n, w, -a);
                                if (n.an == 0) {
                                    s.close(n);
                                }
                            }
                        }
                    }
                    insert(s, w, s.unpl[w]);
                });
            }
            // 4. replicas back to the nodes they ran on
            improved |= returnHome(s);
        }
    }

    /**
     * Small scenarios: the content of a rented or new node n goes onto another open node t, where replicas of other
     * workloads make room by moving to the free room of the remaining open nodes (largest first, one at a time, until
     * n's replicas fit); n is released and what still does not fit is re-inserted. Kept when the objective drops: a
     * node saved for a move or two, which neither the consolidation (whole nodes onto a free node) nor a node ruin
     * (its replicas only into free room) finds.
     */
    boolean evictInto(State s) {
        boolean improved = false;
        List<Node> from = new ArrayList<>();
        for (Node n : s.nodes) {
            if (n.kind != Node.OWNED && n.open && n.an > 0) {
                from.add(n);
            }
        }
        for (Node n : from) {
            for (int ti = 0; ti < s.nodes.size() && n.open; ti++) {
                Node t = s.nodes.get(ti);
                if (timeUp()) {
                    return improved;
                }
                if (t == n || !t.open || n.usedV > t.capV + Model.EPS || n.usedM > t.capM + Model.EPS) {
                    continue;
                }
                improved |= trial(s, () -> evictInto(s, n, t));
            }
        }
        return improved;
    }

    private void evictInto(State s, Node n, Node t) {
        int[] ws = Arrays.copyOf(n.aw, n.an);
        clear(s, n);
        s.close(n);
        boolean[] moving = new boolean[m.W];
        for (int w : ws) {
            moving[w] = true;
        }
        if (!placeOn(s, t, ws)) {
            // room on t: replicas of t's other workloads, largest first, to the free room of other open nodes
            Integer[] us = new Integer[t.an];
            for (int i = 0; i < t.an; i++) {
                us[i] = t.aw[i];
            }
            Arrays.sort(us, Comparator.comparingDouble((Integer u) -> -(m.wv[u] / t.capV + m.wm[u] / t.capM)));
            for (int u : us) {
                if (moving[u]) {
                    continue;
                }
                while (t.after(u) > 0 && moveOneToRoom(s, u, t, n)) {
                    if (placeOn(s, t, ws)) {
                        break;
                    }
                }
                if (placeOn(s, t, ws)) {
                    break;
                }
            }
        }
        for (int w : ws) {
            if (s.unpl[w] > 0) {
                insert(s, w, s.unpl[w]);
            }
        }
    }

    /** Places the unplaced replicas of ws on t as far as it holds them; returns whether none is left. */
    private boolean placeOn(State s, Node t, int[] ws) {
        boolean all = true;
        for (int w : ws) {
            if (s.unpl[w] <= 0) {
                continue;
            }
            if (m.eligible(w, t.reg, t.prov, t.spot)) {
                int k = Math.min(s.unpl[w], Math.min(m.fitFree(w, t.capV - t.usedV, t.capM - t.usedM),
                        s.spotRoom(w, t)));
                if (k > 0) {
                    s.place(t, w, k);
                }
            }
            all &= s.unpl[w] <= 0;
        }
        return all;
    }

    /** Moves one replica of u from t to the free room of another open node (not skip); returns whether it did. */
    private boolean moveOneToRoom(State s, int u, Node t, Node skip) {
        for (Node o : s.nodes) {
            if (o == t || o == skip || !o.open || !m.eligible(u, o.reg, o.prov, o.spot)
                    || m.fitFree(u, o.capV - o.usedV, o.capM - o.usedM) <= 0) {
                continue;
            }
            if (s.spotRoomForMove(u, t, o) <= 0) {
                continue;
            }
            s.place(t, u, -1);
            s.place(o, u, 1);
            return true;
        }
        return false;
    }

    /**
     * The inverse of the node ruin: a released rented node is re-opened and the replicas that ran on it come back
     * (unplaced ones first, then those that are moves where they are now, taken from the dearest nodes per replica
     * first; nodes left empty are released); kept when the objective drops. The workload-at-a-time insertion re-opens
     * a released node for one workload only, so a node whose value is the moves of several workloads stays released.
     * Run once per local optimum (in {@link #cleanup}): inside every improvement pass it cost the medium scenarios
     * their time (+0.23 % geometric mean in paired runs) for the same gain.
     */
    boolean restoreReleased(State s) {
        if (m.moveCost <= 0) {
            return false;
        }
        boolean improved = false;
        for (Node r : s.rented) {
            if (timeUp()) {
                break;
            }
            if (r.open || r.an > 0 || r.bw.length == 0 || !s.canOpenPool(r.pool, false)) {
                continue;
            }
            improved |= trial(s, () -> restore(s, r));
        }
        return improved;
    }

    private void restore(State s, Node r) {
        s.open(r);
        for (int i = 0; i < r.bw.length; i++) {
            int w = r.bw[i];
            if (!m.eligible(w, r.reg, r.prov, r.spot)) {
                continue;
            }
            int want = Math.min(r.bc[i], m.fitFree(w, r.capV - r.usedV, r.capM - r.usedM));
            int k = Math.min(want, s.unpl[w]);
            if (r.spot) {
                k = Math.min(k, s.spotRoom(w, r));
            }
            if (k > 0) {
                s.place(r, w, k);
                want -= k;
            }
            if (want <= 0) {
                continue;
            }
            List<Node> from = new ArrayList<>();
            for (Node n : s.nodes) {
                if (n.open && n != r && n.after(w) > n.before(w)) {
                    from.add(n);
                }
            }
            from.sort(Comparator.comparingDouble((Node n) -> -(n.nodeCost + 1e-9) / (n.total + 1)));
            for (Node n : from) {
                if (want <= 0) {
                    break;
                }
                int t = Math.min(Math.min(want, n.after(w) - n.before(w)), s.spotRoomForMove(w, n, r));
                if (t <= 0) {
                    continue;
                }
                s.place(n, w, -t);
                s.place(r, w, t);
                want -= t;
                if (n.kind != Node.OWNED && n.an == 0) {
                    s.close(n);
                }
            }
        }
    }

    /**
     * Exchanges on nodes whose free room is in one dimension only (a CPU-heavy mix leaves memory, or the other way
     * round, where no unplaced replica fits): per open node, the unplaced workload B and the workload A on the node
     * whose fewest evicted replicas make room for the most replicas of B, counted by objective (B's unplaced cost
     * saved against what A's replicas cost elsewhere: on its best fresh node, at most unplaced); the best exchange per
     * node is tried (A re-inserted, room on running nodes first, possibly a new node within the budget) and kept when
     * the objective drops.
     */
    boolean fillWaste(State s) {
        int nu = 0;
        int[] unplaced = new int[m.W];
        for (int w = 0; w < m.W; w++) {
            if (s.unpl[w] > 0 && m.rep[w] > 0) {
                unplaced[nu++] = w;
            }
        }
        if (nu == 0) {
            return false;
        }
        boolean improved = false;
        for (int ni = 0; ni < s.nodes.size(); ni++) {
            Node x = s.nodes.get(ni);
            if (!x.open || x.an == 0) {
                continue;
            }
            if ((ni & 31) == 0 && timeUp()) {
                return improved;
            }
            double freeV = x.capV - x.usedV;
            double freeM = x.capM - x.usedM;
            double bestGain = 1e-9;
            int bestA = -1;
            int bestB = -1;
            int bestR = 0;
            for (int j = 0; j < nu; j++) {
                int b = unplaced[j];
                if (s.unpl[b] <= 0 || !m.eligible(b, x.reg, x.prov, x.spot) || m.wv[b] > x.capV + Model.EPS
                        || m.wm[b] > x.capM + Model.EPS) {
                    continue;
                }
                int spotRoom = s.spotRoom(b, x);
                if (spotRoom <= 0) {
                    continue;
                }
                double valueB = m.uCost[b] - x.replicaCost - movePrice;
                if (valueB <= 0) {
                    continue;
                }
                // room one replica of B lacks on x
                double dv = m.wv[b] - freeV;
                double dm = m.wm[b] - freeM;
                for (int i = 0; i < x.an; i++) {
                    int a = x.aw[i];
                    if (a == b) {
                        continue;
                    }
                    int r = (int) Math.max(1, Math.max(Math.ceil((dv - Model.EPS) / m.wv[a]),
                            Math.ceil((dm - Model.EPS) / m.wm[a])));
                    if (r > x.ac[i]) {
                        continue;
                    }
                    int k = Math.min(Math.min(s.unpl[b], spotRoom),
                            m.fitFree(b, freeV + r * m.wv[a], freeM + r * m.wm[a]));
                    // what an evicted replica of A costs: a replica on its best fresh node (move included), at most
                    // its unplaced cost
                    double lossA = Math.min(m.uCost[a], freshPerReplica[a] + movePrice);
                    double gain = k * valueB - r * (lossA - x.replicaCost);
                    if (gain > bestGain) {
                        bestGain = gain;
                        bestA = a;
                        bestB = b;
                        bestR = r;
                    }
                }
            }
            if (bestA < 0) {
                continue;
            }
            final int a = bestA;
            final int b = bestB;
            final int r = bestR;
            improved |= trial(s, () -> {
                s.place(x, a, -r);
                int k = Math.min(s.unpl[b],
                        Math.min(m.fitFree(b, x.capV - x.usedV, x.capM - x.usedM), s.spotRoom(b, x)));
                if (k > 0) {
                    s.place(x, b, k);
                }
                insert(s, a, s.unpl[a]);
            });
        }
        return improved;
    }

    /**
     * Consolidation: for each rented/new node, and each pair of them in one region (up to 300 nodes), the cheapest
     * pools whose single node holds the whole content (eligible for every workload on it, capacity, availability,
     * budget, spot rules) are tried; a move is kept only when the objective drops (moves included).
     */
    boolean consolidate(State s) {
        List<Node> open = new ArrayList<>();
        for (Node n : s.nodes) {
            if (n.kind != Node.OWNED && n.open && n.an > 0) {
                open.add(n);
            }
        }
        if (open.isEmpty() || open.size() > 300) {
            return false;
        }
        boolean improved = false;
        for (Node n : open) {
            if (timeUp()) {
                return improved;
            }
            if (n.open && n.an > 0) {
                improved |= repack(s, n, null);
            }
        }
        for (int i = 0; i < open.size(); i++) {
            for (int j = i + 1; j < open.size(); j++) {
                if (timeUp()) {
                    return improved;
                }
                Node a = open.get(i);
                Node b = open.get(j);
                if (a.reg == b.reg && a.open && b.open && a.an > 0 && b.an > 0) {
                    improved |= repack(s, a, b);
                }
            }
        }
        return improved;
    }

    /** Pools and open rented nodes up to which the pool-first rebuilds run (two per pool and round). */
    static final int POOL_FIRST_MAX_POOLS = 64;
    static final int POOL_FIRST_MAX_NODES = 40;

    private boolean poolFirstApplies(State s) {
        if (m.P > POOL_FIRST_MAX_POOLS) {
            return false;
        }
        int open = 0;
        for (Node n : s.nodes) {
            if (n.kind != Node.OWNED && n.open) {
                open++;
            }
        }
        return open <= POOL_FIRST_MAX_NODES;
    }

    /**
     * Pool-first rebuilds of a state, for small scenarios: for each pool and both greedy fills of
     * {@link #rebuildAround}, kept when the objective drops.
     */
    boolean poolFirst(State s) {
        if (!poolFirstApplies(s)) {
            return false;
        }
        boolean improved = false;
        for (int q = 0; q < GREEDY_FILLS * m.P && !timeUp(); q++) {
            int p = q / GREEDY_FILLS;
            int fill = q % GREEDY_FILLS;
            if (s.canOpenPool(p, true)) {
                improved |= trial(s, () -> rebuildAround(s, p, fill));
            }
        }
        return improved;
    }

    /**
     * Pool-first starts, for small scenarios: {@link #rebuildAround} each pool (all three fills) from scratch,
     * then the budget fill and the same improvement as a restart; the best state under the objective wins.
     */
    State poolFirstStarts(State best) {
        if (!poolFirstApplies(best)) {
            return best;
        }
        double lam = best.lambda;
        for (int q = 0; q < START_FILLS * m.P && !timeUp(); q++) {
            int p = q / START_FILLS;
            int fill = q % START_FILLS;
            lambda = lam;
            State s = fresh(false);
            s.lambda = lam;
            if (!s.canOpenPool(p, true)) {
                continue;
            }
            rebuildAround(s, p, fill);
            if (lam > 0) {
                fillBudget(s, lam);
            }
            improve(s);
            if (lambda > 0 && !timeUp()) {
                lambda = 0;
                improve(s);
                lambda = lam;
            }
            cleanup(s);
            if (s.obj < best.obj - 1e-9 * Math.abs(best.obj)) {
                best = s;
            }
        }
        lambda = best.lambda;
        return best;
    }

    /** Fills of {@link #rebuildAround}: largest share first, most unplaced cost saved per share first, knapsack. */
    static final int FILL_BY_SIZE = 0;
    static final int FILL_KNAPSACK = 2;
    /**
     * The rebuilds of a state use the two greedy fills (with the knapsack fill there too, 40-offer seed 1 had time for
     * fewer restarts and ended 1.2 % higher; there alone it did not reach 20-offer seed 341's optimum).
     */
    static final int GREEDY_FILLS = 2;
    /** The pool-first starts use all three (20-offer seed 341: 6.5 % above the optimum without the knapsack fill). */
    static final int START_FILLS = 3;

    /**
     * Rebuild around pool p: the owned nodes and the open rented or new nodes of p's region are emptied, one node of p
     * is opened and filled first (largest share of the node first, or most unplaced cost saved per share first; within
     * the spot rules) or, with the knapsack fill, nodes of p are opened one by one, each with the mix of an exact
     * knapsack ({@link #knapsackFill}), while a node saves more than it costs; the owned room goes to the workloads
     * that gain most from it and the rest is inserted as usual. It reaches the restructurings that no single-node move
     * does: a large node several workloads share, which frees owned room for others.
     */
    private void rebuildAround(State s, int pool, int fill) {
        boolean bySize = fill == FILL_BY_SIZE;
        for (Node n : s.nodes) {
            if (n.open && (n.kind == Node.OWNED || n.reg == m.pReg[pool])) {
                clear(s, n);
                if (n.kind != Node.OWNED) {
                    s.close(n);
                }
            }
        }
        if (!s.canOpenPool(pool, true)) {
            return;
        }
        Node t = s.newNode(pool);
        s.open(t);
        Integer[] items = new Integer[m.W];
        int ni = 0;
        for (int w = 0; w < m.W; w++) {
            if (s.unpl[w] > 0 && m.eligiblePool(w, pool)) {
                items[ni++] = w;
            }
        }
        if (fill == FILL_KNAPSACK) {
            // nodes of the pool, each with the mix that saves most, while a node saves more than it costs
            while (knapsackFill(s, t, items, ni) && s.canOpenPool(pool, true)) {
                t = s.newNode(pool);
                s.open(t);
            }
            ni = 0;
        }
        Arrays.sort(items, 0, ni, Comparator.comparingDouble((Integer w) -> {
            double share = m.wv[w] / m.pV[pool] + m.wm[w] / m.pM[pool];
            return bySize ? -share : -(m.uCost[w] - m.pReplicaCost[pool]) / share;
        }));
        for (int i = 0; i < ni; i++) {
            int w = items[i];
            int k = Math.min(s.unpl[w], Math.min(m.fitFree(w, t.capV - t.usedV, t.capM - t.usedM),
                    s.spotRoom(w, t)));
            if (k > 0) {
                s.place(t, w, k);
            }
        }
        roomOnly = true;
        insertAll(s, lambda > 0 ? ownedOrder(lambda) : valueOrderMatters() ? valueOrder(lambda) : order);
        roomOnly = false;
        insertAll(s, valueOrderMatters() ? valueOrder(lambda) : order);
        if (t.an == 0) {
            s.close(t);
        }
    }

    /** Knapsack nodes per fill: far more than a small scenario needs (at most a few workloads per pool). */
    static final long KNAPSACK_NODES = 20_000;
    /** Items of one knapsack fill at most. */
    static final int KNAPSACK_ITEMS = 24;

    /**
     * Fills node t with the mix of items[0, ni) that saves most, when it saves more than the node costs (with the
     * budget price); returns whether it did. A replica is worth the place elsewhere it spares less its cost here: the
     * unplaced replicas of a workload would take the cheapest places on nodes of their own in other pools, as far as
     * the spread, the spot share and the availability allow ({@link #alternatives}), so the first replica here spares
     * the dearest of them and each further one a cheaper one (session 12: 20-offer seed 339 from 2.60 % above the
     * optimum to 0.65 %; a workload capped at two replicas per spot pool puts its third one on a dearer node than the
     * first two, so a node taking three of them spares that one). The node gets the counts of an exact
     * two-dimensional knapsack ({@link NodeKnapsack}) over groups of replicas of equal worth, within the spot rules.
     */
    private boolean knapsackFill(State s, Node t, Integer[] items, int ni) {
        double lamH = lambda * m.H;
        // items: (workload, group) with the value of the replicas of that group, largest values first per workload
        List<double[]> groups = new ArrayList<>();
        for (int i = 0; i < ni; i++) {
            int w = items[i];
            int room = Math.max(0, Math.min(s.unpl[w], s.spotRoom(w, t)));
            if (room == 0) {
                continue;
            }
            double[] alt = alternatives(s, w, t.pool, lamH);
            // alt: the costs of the replicas' places elsewhere, dearest first; a replica here spares the dearest
            int taken = 0;
            for (int j = 0; j < alt.length && taken < room; ) {
                int e = j;
                while (e < alt.length && e - j < room - taken && alt[e] == alt[j]) {
                    e++;
                }
                double v = Math.max(0, alt[j] - m.pReplicaCost[t.pool] - movePrice);
                if (v > 0) {
                    groups.add(new double[] {i, v, e - j});
                }
                taken += e - j;
                j = e;
            }
        }
        int ng = groups.size();
        Integer[] sel = new Integer[ng];
        for (int g = 0; g < ng; g++) {
            sel[g] = g;
        }
        int ns = ng;
        if (ns > KNAPSACK_ITEMS) {
            // the ones worth most per share of the node (the pool-first rule bounds pools and nodes, not workloads)
            Arrays.sort(sel, 0, ns, Comparator.comparingDouble((Integer g) -> {
                int w = items[(int) groups.get(g)[0]];
                return -groups.get(g)[1] / (m.wv[w] / t.capV + m.wm[w] / t.capM);
            }));
            ns = KNAPSACK_ITEMS;
        }
        double[] sv = new double[ns];
        double[] sa = new double[ns];
        double[] sb = new double[ns];
        int[] sc = new int[ns];
        for (int j = 0; j < ns; j++) {
            double[] g = groups.get(sel[j]);
            int w = items[(int) g[0]];
            sv[j] = g[1];
            sa[j] = m.wv[w];
            sb[j] = m.wm[w];
            sc[j] = (int) g[2];
        }
        NodeKnapsack ks = new NodeKnapsack(sv, sa, sb, sc, t.capV - t.usedV, t.capM - t.usedM, KNAPSACK_NODES);
        if (ks.value() <= t.nodeCost + lamH * m.pPrice[t.pool]) {
            return false;
        }
        int[] k = ks.counts();
        for (int j = 0; j < ns; j++) {
            if (k[j] > 0) {
                s.place(t, items[(int) groups.get(sel[j])[0]], k[j]);
            }
        }
        return true;
    }

    /**
     * What the unplaced replicas of w would cost elsewhere, one entry per replica, dearest first: the candidate pools
     * other than {@code except} by cost per replica of a node of their own, each taking what its spot rules (spread
     * per pool, spot share in all) and its availability allow, the rest at the unplaced cost. A replica placed on a
     * node of {@code except} spares the dearest of these places, so the replicas of one workload are worth less and
     * less there (the third replica of a workload capped at two per spot pool spares a dearer node than the first).
     */
    private double[] alternatives(State s, int w, int except, double lamH) {
        int need = Math.max(0, s.unpl[w]);
        int[] c = cand[w];
        double[] cost = new double[c.length];
        int[] room = new int[c.length];
        int[] pools = new int[c.length];
        Integer[] idx = new Integer[c.length];
        int n = 0;
        for (int j = 0; j < c.length; j++) {
            int p = c[j];
            if (p == except) {
                continue;
            }
            int k = Math.min(m.fit(w, m.pV[p], m.pM[p]), s.spotRoomPool(w, p));
            if (k <= 0) {
                continue;
            }
            cost[n] = (m.pNodeCost[p] + lamH * m.pPrice[p]) / Math.min(k, need) + m.pReplicaCost[p] + movePrice;
            long nodes = m.pAvail[p] == Integer.MAX_VALUE ? need : Math.max(0, m.pAvail[p] - s.newCount[p]);
            room[n] = (int) Math.min(need, Math.min(nodes * Math.min(k, need),
                    m.pSpot[p] ? s.spotRoomPool(w, p) : Integer.MAX_VALUE));
            pools[n] = p;
            idx[n] = n;
            n++;
        }
        Arrays.sort(idx, 0, n, Comparator.comparingDouble((Integer j) -> cost[j]));
        // filled cheapest first from the end, so that the array reads dearest first
        double[] alt = new double[need];
        int filled = 0;
        int spotLeft = m.spotMax[w] - s.spotCnt[w];
        for (int j = 0; j < n && filled < need; j++) {
            int i = idx[j];
            int p = pools[i];
            int take = Math.min(room[i], need - filled);
            if (m.pSpot[p]) {
                take = Math.min(take, Math.max(0, spotLeft));
                spotLeft -= take;
            }
            for (int r = 0; r < take; r++) {
                alt[need - 1 - filled++] = Math.min(cost[i], m.uCost[w]);
            }
        }
        while (filled < need) {
            alt[need - 1 - filled++] = m.uCost[w];
        }
        return alt;
    }

    private boolean repack(State s, Node a, Node b) {
        double needV = a.usedV + (b == null ? 0 : b.usedV);
        double needM = a.usedM + (b == null ? 0 : b.usedM);
        double current = a.nodeCost + (b == null ? 0 : b.nodeCost);
        int[] ws = new int[a.an + (b == null ? 0 : b.an)];
        int nw = 0;
        for (int i = 0; i < a.an; i++) {
            ws[nw++] = a.aw[i];
        }
        for (int i = 0; b != null && i < b.an; i++) {
            if (a.after(b.aw[i]) == 0) {
                ws[nw++] = b.aw[i];
            }
        }
        // the three cheapest fitting pools among the candidates of the workloads
        int[] top = {-1, -1, -1};
        double[] topCost = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        for (int i = 0; i < nw; i++) {
            for (int p : cand[ws[i]]) {
                double c = m.pNodeCost[p];
                if (c >= current - 1e-12 || c >= topCost[2] || needV > m.pV[p] + Model.EPS
                        || needM > m.pM[p] + Model.EPS || (b == null && p == a.pool)) {
                    continue;
                }
                boolean ok = true;
                for (int k = 0; k < nw && ok; k++) {
                    ok = m.eligiblePool(ws[k], p);
                }
                if (!ok || p == top[0] || p == top[1] || p == top[2]) {
                    continue;
                }
                int at = 2;
                while (at > 0 && topCost[at - 1] > c) {
                    top[at] = top[at - 1];
                    topCost[at] = topCost[at - 1];
                    at--;
                }
                top[at] = p;
                topCost[at] = c;
            }
        }
        for (int p : top) {
            if (p < 0 || !a.open || (b != null && !b.open)) {
                continue;
            }
            final int[] wsF = Arrays.copyOf(ws, nw);
            if (trial(s, () -> {
                int[] cnt = new int[wsF.length];
                for (int i = 0; i < wsF.length; i++) {
                    cnt[i] = a.after(wsF[i]) + (b == null ? 0 : b.after(wsF[i]));
                }
                clear(s, a);
                s.close(a);
                if (b != null) {
                    clear(s, b);
                    s.close(b);
                }
                if (!s.canOpenPool(p, true)) {
                    return; // everything stays unplaced: the trial is rejected
                }
                Node t = s.newNode(p);
                s.open(t);
                for (int i = 0; i < wsF.length; i++) {
                    int k = Math.min(cnt[i], s.spotRoom(wsF[i], t));
                    if (k > 0) {
                        s.place(t, wsF[i], k);
                    }
                }
                for (int w : wsF) {
                    if (s.unpl[w] > 0) {
                        insert(s, w, s.unpl[w]);
                    }
                }
            })) {
                return true;
            }
        }
        return false;
    }

    /** Large-neighbourhood search: ruin a few random nodes, recreate greedily, keep if better. */
    void lns(State s, long until) {
        java.util.Random rnd = new java.util.Random(0x5eedL);
        List<Node> pool = new ArrayList<>();
        int maxIters = 0;
        for (int it = 0; !timeUp() && System.nanoTime() < until; it++) {
            if (it % 64 == 0) {
                pool.clear();
                for (Node n : s.nodes) {
                    if (n.open && n.an > 0) {
                        pool.add(n);
                    }
                }
                if (it == 0) {
                    maxIters = Math.min(20_000, 40 * pool.size() + 200);
                }
            }
            if (it >= maxIters || pool.isEmpty()) {
                return;
            }
            int r = 1 + rnd.nextInt(Math.min(6, pool.size()));
            List<Node> ruin = new ArrayList<>(r);
            Node seed = pool.get(rnd.nextInt(pool.size()));
            ruin.add(seed);
            // neighbours: nodes sharing a workload with the seed (sampled), else random
            for (int tries = 0; ruin.size() < r && tries < 4 * r; tries++) {
                Node c = pool.get(rnd.nextInt(pool.size()));
                if (ruin.contains(c)) {
                    continue;
                }
                boolean shares = false;
                for (int i = 0; i < seed.an && !shares; i++) {
                    shares = c.after(seed.aw[i]) > 0;
                }
                if (shares || tries >= 2 * r || c.pool == seed.pool) {
                    ruin.add(c);
                }
            }
            double lamKeep = lambda;
            if (lamKeep > 0 && rnd.nextBoolean()) {
                lambda = 0;
            }
            int recreate = rnd.nextInt(4); // 0: node by node, 1: random workload order, else largest first
            long shuffleSeed = rnd.nextLong();
            trial(s, () -> {
                java.util.LinkedHashSet<Integer> ws = new java.util.LinkedHashSet<>();
                for (Node n : ruin) {
                    if (!n.open) {
                        continue;
                    }
                    for (int i = 0; i < n.an; i++) {
                        ws.add(n.aw[i]);
                    }
                    clear(s, n);
                    if (n.kind != Node.OWNED) {
                        s.close(n);
                    }
                }
                int[] ruined = ws.stream().mapToInt(Integer::intValue).toArray();
                if (recreate == 0) {
                    patternReinsert(s, ruined);
                } else {
                    reinsert(s, ruined, recreate == 1 ? new java.util.Random(shuffleSeed) : null);
                }
            });
            lambda = lamKeep;
        }
    }

    /** Pools per workload that the node-by-node recreate of the large-neighbourhood search considers. */
    static final int PATTERN_POOLS = 12;

    /**
     * Node-by-node recreate: the cheapest way to place each ruined workload on nodes of its own (its cost per replica
     * on its best single-workload node, capped at the unplaced cost) is what a shared node saves; nodes are opened one
     * at a time on the pool whose one node, filled most saving per share first, saves most over its cost; what no
     * node saves on is inserted as usual. It builds the mixed nodes (a memory-heavy and a CPU-heavy workload on one
     * node) that the workload-at-a-time insertion does not.
     */
    void patternReinsert(State s, int[] ws) {
        double lamH = lambda * m.H;
        double[] value = new double[ws.length];
        java.util.LinkedHashSet<Integer> pools = new java.util.LinkedHashSet<>();
        for (int i = 0; i < ws.length; i++) {
            int w = ws[i];
            double best = m.uCost[w];
            int[] c = cand[w];
            for (int j = 0; j < c.length; j++) {
                int p = c[j];
                int k = Math.min(m.fit(w, m.pV[p], m.pM[p]), s.spotRoomPool(w, p));
                if (k <= 0) {
                    continue;
                }
                best = Math.min(best, (m.pNodeCost[p] + lamH * m.pPrice[p]) / Math.min(k, Math.max(1, m.rep[w]))
                        + m.pReplicaCost[p] + movePrice);
                if (j < PATTERN_POOLS) {
                    pools.add(p);
                }
            }
            value[i] = best;
        }
        Integer[] idx = new Integer[ws.length];
        int[] take = new int[ws.length];
        int[] bestTake = new int[ws.length];
        while (true) {
            int bestP = -1;
            double bestSave = 1e-9;
            for (int p : pools) {
                if (!s.canOpenPool(p, true)) {
                    continue;
                }
                int n = 0;
                for (int i = 0; i < ws.length; i++) {
                    if (s.unpl[ws[i]] > 0 && m.eligiblePool(ws[i], p)
                            && value[i] > m.pReplicaCost[p] + movePrice) {
                        idx[n++] = i;
                    }
                }
                final int pool = p;
                Arrays.sort(idx, 0, n, Comparator.comparingDouble((Integer i) -> -(value[i] - m.pReplicaCost[pool]
                        - movePrice) / (m.wv[ws[i]] / m.pV[pool] + m.wm[ws[i]] / m.pM[pool])));
                double freeV = m.pV[p];
                double freeM = m.pM[p];
                double save = -(m.pNodeCost[p] + lamH * m.pPrice[p]);
                Arrays.fill(take, 0);
                for (int j = 0; j < n; j++) {
                    int i = idx[j];
                    int w = ws[i];
                    int k = Math.min(s.unpl[w], Math.min(m.fitFree(w, freeV, freeM), s.spotRoomPool(w, p)));
                    if (k <= 0) {
                        continue;
                    }
                    take[i] = k;
                    freeV -= k * m.wv[w];
                    freeM -= k * m.wm[w];
                    save += k * (value[i] - m.pReplicaCost[p] - movePrice);
                }
                if (save > bestSave) {
                    bestSave = save;
                    bestP = p;
                    System.arraycopy(take, 0, bestTake, 0, ws.length);
                }
            }
            if (bestP < 0) {
                break;
            }
            Node t = s.newNode(bestP);
            s.open(t);
            for (int i = 0; i < ws.length; i++) {
                if (bestTake[i] > 0) {
                    s.place(t, ws[i], bestTake[i]);
                }
            }
        }
        reinsert(s, ws);
    }

    private void reinsert(State s, int[] ws) {
        reinsert(s, ws, null);
    }

    /** Re-inserts the ruined workloads, largest first or (with {@code shuffle}) in a random order. */
    private void reinsert(State s, int[] ws, java.util.Random shuffle) {
        Integer[] o = new Integer[ws.length];
        for (int i = 0; i < ws.length; i++) {
            o[i] = ws[i];
        }
        if (shuffle == null) {
            Arrays.sort(o, Comparator.comparingDouble((Integer w) -> -(m.wv[w] + m.wm[w] / 4.0)));
        } else {
            java.util.Collections.shuffle(Arrays.asList(o), shuffle);
        }
        for (int w : o) {
            insert(s, w, s.unpl[w]);
        }
        spendFreedBudget(s);
    }

    private Integer[] budgetOrder;

    /**
     * Under a binding budget, dollars freed by a ruin go to the unplaced replicas that save most per dollar (not only
     * to the ruined workloads); at most a few workloads are tried per move.
     */
    private void spendFreedBudget(State s) {
        if (m.budget == null || !s.budgetHit) {
            return;
        }
        if (budgetOrder == null) {
            budgetOrder = valueOrder(Math.max(lambda, 1e-9));
        }
        int tried = 0;
        for (int i = 0; i < budgetOrder.length && tried < 8 && m.budget - s.spend > Model.EPS; i++) {
            int w = budgetOrder[i];
            if (s.unpl[w] > 0) {
                tried++;
                insert(s, w, s.unpl[w]);
            }
        }
    }

    private boolean trial(State s, Runnable move) {
        double before = s.obj;
        int mark = s.mark();
        move.run();
        // empty opened nodes are waste
        if (s.obj < before - 1e-9 * Math.max(1, Math.abs(before))) {
            s.commit();
            return true;
        }
        s.rollback(mark);
        s.commit();
        return false;
    }
}
