package io.capacitybroker.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The scenario compiled into arrays: workloads, pools (offers then vanished pools), owned and rented nodes. */
final class Model {

    static final double EPS = 1e-9;

    final Scenario scenario;
    final double H;
    final double moveCost;
    final double dollarsPerGram;
    final double interruptionCost;
    final Double budget;

    final int W;
    final String[] wId;
    final double[] wv;
    final double[] wm;
    final int[] rep;
    final double[] uCost; // objective $ per unplaced replica over the horizon
    final int[] spotMax;
    final int[] poolMax;
    final boolean[] allowSpot;
    final boolean[][] regOk;
    final boolean[][] provOk;
    final Map<String, Integer> wIndex = new HashMap<>();

    final int O; // offers are pools 0..O-1
    final int P; // then vanished pools O..P-1
    final String[] pId;
    final int[] pReg;
    final int[] pProv;
    final boolean[] pSpot;
    final double[] pV;
    final double[] pM;
    final double[] pPrice;
    final double[] pRate;
    final double[] pNodeCost; // objective $ per node over the horizon
    final double[] pReplicaCost; // objective $ per replica over the horizon (interruptions)
    final int[] pAvail;
    final Map<String, Integer> pIndex = new HashMap<>();

    final List<String> regions = new ArrayList<>();
    final List<String> providers = new ArrayList<>();
    private final Map<String, Integer> regionIds = new HashMap<>();
    private final Map<String, Integer> providerIds = new HashMap<>();

    /** Per workload, the offers worth considering (set by the search). */
    int[][] candidates;
    /** The offers in groups of one region, provider and market (a workload may use all of a group or none). */
    final int[][] cellPools;

    final double minWv;
    final double minWm;

    Model(Scenario s, PlannerOptions opt) {
        this.scenario = s;
        Policy pol = s.policy();
        H = s.horizonHours();
        moveCost = opt.ignoreChurn() ? 0 : pol.moveCostPerReplica();
        dollarsPerGram = opt.ignoreCarbon() ? 0 : pol.dollarsPerGram();
        interruptionCost = pol.interruptionCostPerReplica();
        budget = pol.budgetPerHour();

        List<Workload> wls = s.workloads();
        W = wls.size();
        wId = new String[W];
        wv = new double[W];
        wm = new double[W];
        rep = new int[W];
        uCost = new double[W];
        spotMax = new int[W];
        poolMax = new int[W];
        allowSpot = new boolean[W];
        double mv = Double.MAX_VALUE;
        double mm = Double.MAX_VALUE;
        for (int w = 0; w < W; w++) {
            Workload x = wls.get(w);
            wId[w] = x.id();
            wIndex.put(x.id(), w);
            wv[w] = x.vcpus();
            wm[w] = x.memoryGiB();
            rep[w] = x.replicas();
            uCost[w] = H * x.unplacedCost(pol);
            spotMax[w] = x.maxSpotReplicas();
            poolMax[w] = x.maxPerSpotPool(pol);
            allowSpot[w] = x.spot();
            if (x.replicas() > 0) {
                mv = Math.min(mv, x.vcpus());
                mm = Math.min(mm, x.memoryGiB());
            }
        }
        minWv = mv;
        minWm = mm;

        // pools
        List<Offer> offers = s.offers();
        O = offers.size();
        List<RentedNode> vanished = new ArrayList<>();
        Map<String, Integer> vanishedIdx = new HashMap<>();
        for (RentedNode r : s.rentedNodes()) {
            if (r.shape() != null && !vanishedIdx.containsKey(r.offerId())) {
                vanishedIdx.put(r.offerId(), O + vanished.size());
                vanished.add(r);
            }
        }
        P = O + vanished.size();
        pId = new String[P];
        pReg = new int[P];
        pProv = new int[P];
        pSpot = new boolean[P];
        pV = new double[P];
        pM = new double[P];
        pPrice = new double[P];
        pRate = new double[P];
        pNodeCost = new double[P];
        pReplicaCost = new double[P];
        pAvail = new int[P];
        for (int p = 0; p < P; p++) {
            double co2;
            if (p < O) {
                Offer o = offers.get(p);
                pId[p] = o.id();
                pReg[p] = region(o.region());
                pProv[p] = provider(o.provider());
                pSpot[p] = o.spot();
                pV[p] = o.vcpus();
                pM[p] = o.memoryGiB();
                pPrice[p] = o.pricePerHour();
                pRate[p] = o.interruptionRatePerHour();
                pAvail[p] = o.available() == null ? Integer.MAX_VALUE : o.available();
                co2 = o.co2GramsPerHour();
            } else {
                RentedNode r = vanished.get(p - O);
                NodeShape sh = r.shape();
                pId[p] = r.offerId();
                pReg[p] = region(sh.region());
                pProv[p] = provider(sh.provider());
                pSpot[p] = sh.market() == Market.SPOT;
                pV[p] = sh.vcpus();
                pM[p] = sh.memoryGiB();
                pPrice[p] = sh.pricePerHour();
                pRate[p] = sh.interruptionRatePerHour();
                pAvail[p] = 0;
                co2 = sh.co2GramsPerHour();
            }
            pIndex.put(pId[p], p);
            pNodeCost[p] = H * (pPrice[p] + co2 * dollarsPerGram);
            pReplicaCost[p] = pSpot[p] ? H * pRate[p] * interruptionCost : 0;
        }
        for (OwnedNode o : s.ownedNodes()) {
            region(o.region());
            provider(o.provider());
        }
        // the offers grouped by region, provider and market (each group in index order)
        Map<Long, List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int p = 0; p < O; p++) {
            long key = ((long) pReg[p] * providers.size() + pProv[p]) * 2 + (pSpot[p] ? 1 : 0);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        cellPools = new int[groups.size()][];
        int ci = 0;
        for (List<Integer> g : groups.values()) {
            cellPools[ci++] = g.stream().mapToInt(Integer::intValue).toArray();
        }
        regOk = new boolean[W][];
        provOk = new boolean[W][];
        for (int w = 0; w < W; w++) {
            Workload x = wls.get(w);
            regOk[w] = new boolean[regions.size()];
            provOk[w] = new boolean[providers.size()];
            for (int r = 0; r < regions.size(); r++) {
                regOk[w][r] = x.allowsRegion(regions.get(r));
            }
            for (int r = 0; r < providers.size(); r++) {
                provOk[w][r] = x.allowsProvider(providers.get(r));
            }
        }
    }

    int region(String r) {
        return regionIds.computeIfAbsent(r, k -> {
            regions.add(k);
            return regions.size() - 1;
        });
    }

    int provider(String r) {
        return providerIds.computeIfAbsent(r, k -> {
            providers.add(k);
            return providers.size() - 1;
        });
    }

    boolean eligible(int w, int reg, int prov, boolean spot) {
        return regOk[w][reg] && provOk[w][prov] && (!spot || allowSpot[w]);
    }

    boolean eligiblePool(int w, int p) {
        return eligible(w, pReg[p], pProv[p], pSpot[p]);
    }

    /** How many replicas of w fit in an empty node of capacity (v, m). */
    int fit(int w, double v, double m) {
        return fitFree(w, v, m);
    }

    /** Whether one replica of w fits the free room (the same as fitFree(w, freeV, freeM) > 0, without divisions). */
    boolean fitsOne(int w, double freeV, double freeM) {
        return wv[w] <= freeV + EPS && wm[w] <= freeM + EPS;
    }

    int fitFree(int w, double freeV, double freeM) {
        double a = Math.floor((freeV + EPS) / wv[w]);
        double b = Math.floor((freeM + EPS) / wm[w]);
        long k = (long) Math.min(a, b);
        if (k <= 0) {
            return 0;
        }
        while (k > 0 && (k * wv[w] > freeV + EPS || k * wm[w] > freeM + EPS)) {
            k--;
        }
        return (int) Math.min(k, Integer.MAX_VALUE);
    }
}
