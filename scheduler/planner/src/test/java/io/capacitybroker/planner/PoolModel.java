package io.capacitybroker.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario aggregated per pool, for the lower bounds of {@link PoolBounds} (test/benchmark code). Built from the
 * scenario records only (no planner internals), so that a bug in the planner's own model cannot leak into its
 * yardstick.
 *
 * <p>A pool is an offer, or the shape of rented nodes whose offer vanished (keyed by offer id and shape, so two
 * rented nodes that carry different shapes under one vanished id are two pools; their spread limit is then applied
 * per pool, which only relaxes rule 5). Per pool: how many nodes can run at most ({@code yUb} = rented nodes of the
 * pool + new nodes allowed), node cost over the horizon, interruption cost per replica.
 */
final class PoolModel {
    static final double EPS = 1e-9;

    final Scenario s;
    final double H;
    final double moveCost;
    final Double budget;

    final int W;
    final Workload[] wl;
    final int[] rep;
    final double[] wv;
    final double[] wm;
    final double[] uCost; // $ per unplaced replica over the horizon
    final int[] spotMax;
    final int[] poolMax;

    final int P;
    final String[] pOffer;
    final String[] pProv;
    final String[] pReg;
    final boolean[] pSpot;
    final double[] pV;
    final double[] pM;
    final double[] pPrice;
    final double[] yCost; // $ per node over the horizon (price and carbon)
    final double[] xCost; // $ per replica over the horizon (expected interruptions)
    final int[] pRented; // rented nodes of the pool in the scenario
    final long[] pNewMax; // new nodes allowed (Long.MAX_VALUE = no limit)
    final long[] yUb; // nodes of the pool an optimal plan can run (see constructor)
    final Map<Long, Integer> beforePool = new HashMap<>(); // w * P + p -> replicas of w on rented nodes of p
    final Map<Integer, List<Integer>> rentedOfPool = new HashMap<>(); // pool -> rented node indices
    final int[] rentedPool; // rented node -> its pool
    final int[][] rentedW; // rented node -> workloads placed on it in the scenario
    final int[][] rentedB; // rented node -> their replicas (parallel to rentedW)

    final int O;
    final OwnedNode[] owned;
    final int[][] beforeOwned; // [o][w]

    private final boolean[][] eligible; // [w][p], also false when one replica does not fit
    final int[][] eligiblePools; // per workload

    PoolModel(Scenario s) {
        this.s = s;
        Policy pol = s.policy();
        H = s.horizonHours();
        moveCost = pol.moveCostPerReplica();
        budget = pol.budgetPerHour();
        List<Workload> ws = s.workloads();
        W = ws.size();
        wl = ws.toArray(new Workload[0]);
        rep = new int[W];
        wv = new double[W];
        wm = new double[W];
        uCost = new double[W];
        spotMax = new int[W];
        poolMax = new int[W];
        Map<String, Integer> wIndex = new HashMap<>();
        for (int w = 0; w < W; w++) {
            rep[w] = wl[w].replicas();
            wv[w] = wl[w].vcpus();
            wm[w] = wl[w].memoryGiB();
            uCost[w] = H * wl[w].unplacedCost(pol);
            spotMax[w] = wl[w].maxSpotReplicas();
            poolMax[w] = wl[w].maxPerSpotPool(pol);
            wIndex.put(wl[w].id(), w);
        }
        record Pool(String offer, String provider, String region, boolean spot, double v, double m, double price,
                double rate, double co2, long newMax) {
        }
        Map<String, Pool> pools = new LinkedHashMap<>();
        Map<String, String> keyOfOffer = new HashMap<>();
        for (Offer o : s.offers()) {
            pools.put(o.id(), new Pool(o.id(), o.provider(), o.region(), o.spot(), o.vcpus(), o.memoryGiB(),
                    o.pricePerHour(), o.interruptionRatePerHour(), o.co2GramsPerHour(),
                    o.available() == null ? Long.MAX_VALUE : o.available()));
            keyOfOffer.put(o.id(), o.id());
        }
        List<String> rentedKey = new ArrayList<>();
        for (RentedNode r : s.rentedNodes()) {
            String key = r.offerId();
            if (r.shape() != null) {
                NodeShape sh = r.shape();
                key = r.offerId() + "\u0000" + sh;
                pools.putIfAbsent(key, new Pool(r.offerId(), sh.provider(), sh.region(), sh.market() == Market.SPOT,
                        sh.vcpus(), sh.memoryGiB(), sh.pricePerHour(), sh.interruptionRatePerHour(),
                        sh.co2GramsPerHour(), 0));
            }
            rentedKey.add(key);
        }
        P = pools.size();
        pOffer = new String[P];
        pProv = new String[P];
        pReg = new String[P];
        pSpot = new boolean[P];
        pV = new double[P];
        pM = new double[P];
        pPrice = new double[P];
        yCost = new double[P];
        xCost = new double[P];
        pRented = new int[P];
        pNewMax = new long[P];
        yUb = new long[P];
        Map<String, Integer> pIndex = new HashMap<>();
        int p = 0;
        for (Map.Entry<String, Pool> e : pools.entrySet()) {
            Pool x = e.getValue();
            pIndex.put(e.getKey(), p);
            pOffer[p] = x.offer;
            pProv[p] = x.provider;
            pReg[p] = x.region;
            pSpot[p] = x.spot;
            pV[p] = x.v;
            pM[p] = x.m;
            pPrice[p] = x.price;
            yCost[p] = H * (x.price + x.co2 * pol.carbonPricePerTonne() / 1e6);
            xCost[p] = x.spot ? H * x.rate * pol.interruptionCostPerReplica() : 0;
            pNewMax[p] = x.newMax;
            p++;
        }
        int rn = s.rentedNodes().size();
        rentedPool = new int[rn];
        rentedW = new int[rn][];
        rentedB = new int[rn][];
        for (int i = 0; i < rn; i++) {
            RentedNode r = s.rentedNodes().get(i);
            int q = pIndex.get(rentedKey.get(i));
            pRented[q]++;
            rentedPool[i] = q;
            rentedOfPool.computeIfAbsent(q, k -> new ArrayList<>()).add(i);
            rentedW[i] = new int[r.placements().size()];
            rentedB[i] = new int[r.placements().size()];
            int j = 0;
            for (Map.Entry<String, Integer> e : r.placements().entrySet()) {
                int w = wIndex.get(e.getKey());
                beforePool.merge((long) w * P + q, e.getValue(), Integer::sum);
                rentedW[i][j] = w;
                rentedB[i][j++] = e.getValue();
            }
        }
        eligible = new boolean[W][P];
        eligiblePools = new int[W][];
        for (int w = 0; w < W; w++) {
            List<Integer> l = new ArrayList<>();
            for (int q = 0; q < P; q++) {
                boolean ok = rep[w] > 0 && wl[w].allowsRegion(pReg[q]) && wl[w].allowsProvider(pProv[q])
                        && (!pSpot[q] || spotMax[w] > 0) && fit(w, q) > 0 && (pRented[q] > 0 || pNewMax[q] > 0);
                eligible[w][q] = ok;
                if (ok) {
                    l.add(q);
                }
            }
            eligiblePools[w] = l.stream().mapToInt(Integer::intValue).toArray();
        }
        // An optimal plan needs at most sum_w ceil(rep_w / fit_wp) new nodes of pool p: the replicas on its new
        // nodes can always be repacked into that many nodes holding one workload each (same replicas per pool,
        // no more moves, fewer or equal nodes, less or equal spend), so some optimal plan keeps this limit.
        for (int q = 0; q < P; q++) {
            long need = 0;
            for (int w = 0; w < W; w++) {
                if (eligible[w][q]) {
                    int f = fit(w, q);
                    need += (rep[w] + f - 1) / f;
                }
            }
            yUb[q] = pRented[q] + Math.min(pNewMax[q], need);
        }
        O = s.ownedNodes().size();
        owned = s.ownedNodes().toArray(new OwnedNode[0]);
        beforeOwned = new int[O][W];
        for (int o = 0; o < O; o++) {
            for (Map.Entry<String, Integer> e : owned[o].placements().entrySet()) {
                beforeOwned[o][wIndex.get(e.getKey())] += e.getValue();
            }
        }
    }

    boolean eligible(int w, int p) {
        return eligible[w][p];
    }

    boolean eligibleOwned(int w, int o) {
        OwnedNode n = owned[o];
        return rep[w] > 0 && wl[w].allowsRegion(n.region()) && wl[w].allowsProvider(n.provider())
                && fit(w, n.vcpus(), n.memoryGiB()) > 0;
    }

    int fit(int w, int p) {
        return fit(w, pV[p], pM[p]);
    }

    /** Replicas of w that fit in an empty node of (v, m), with the contract's 1e-9 tolerance. */
    int fit(int w, double v, double m) {
        long k = (long) Math.floor(Math.min((v + EPS) / wv[w], (m + EPS) / wm[w]));
        while (k > 0 && (k * wv[w] > v + EPS || k * wm[w] > m + EPS)) {
            k--;
        }
        return (int) Math.max(0, Math.min(k, Integer.MAX_VALUE));
    }

    int before(int w, int p) {
        return beforePool.getOrDefault((long) w * P + p, 0);
    }

    /** Upper bound of x[w,p] (replicas of w on nodes of pool p). */
    long xUb(int w, int p) {
        long ub = rep[w];
        if (pSpot[p]) {
            ub = Math.min(ub, Math.min(spotMax[w], poolMax[w]));
        }
        return Math.min(ub, fit(w, p) * yUb[p]);
    }

    /** Objective coefficient of x[w,p] when no replica of w ran on pool p before (then every replica is a move). */
    double xCostFresh(int p) {
        return xCost[p] + moveCost;
    }
}
