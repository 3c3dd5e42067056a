package io.capacitybroker.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the plan's {@code explanations}: per workload, where its replicas went (by pool), the next best offer and
 * what it would have cost, and which rules bound. Shape documented in docs/planner.md.
 */
final class Explainer {

    private Explainer() {
    }

    static Object explain(Model m, State s, Reasons reasons, List<PlanNode> planNodes) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "capacity-broker/plan-explanations@1");
        root.put("units", "costPerReplicaHour: $ per replica-hour = node price and carbon shared by the replicas "
                + "that fill one node, plus expected interruption cost; extraCostPerHour: $ per hour");
        Map<String, Object> wls = new LinkedHashMap<>();
        // where each workload went, per pool (or owned node)
        List<Map<String, int[]>> where = new ArrayList<>();
        List<Map<Integer, Integer>> spotPools = new ArrayList<>();
        for (int w = 0; w < m.W; w++) {
            where.add(new LinkedHashMap<>());
            spotPools.add(new HashMap<>());
        }
        for (Node n : s.nodes) {
            if (!n.open || n.an == 0) {
                continue;
            }
            String key = n.kind == Node.OWNED ? "owned:" + m.scenario.ownedNodes().get(n.ref).id()
                    : (n.kind == Node.RENTED ? "rented:" : "new:") + m.pId[n.pool];
            for (int i = 0; i < n.an; i++) {
                if (n.spot) {
                    spotPools.get(n.aw[i]).merge(n.pool, n.ac[i], Integer::sum);
                }
                int[] c = where.get(n.aw[i]).computeIfAbsent(key, k -> new int[2]);
                c[0] += n.ac[i];
                c[1]++;
            }
        }
        for (int w = 0; w < m.W; w++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("replicas", m.rep[w]);
            e.put("placed", m.rep[w] - s.unpl[w]);
            e.put("unplaced", s.unpl[w]);
            List<Object> pls = new ArrayList<>();
            double weighted = 0;
            int placed = 0;
            java.util.Set<Integer> usedPools = new java.util.HashSet<>();
            for (Map.Entry<String, int[]> x : where.get(w).entrySet()) {
                Map<String, Object> pe = new LinkedHashMap<>();
                String key = x.getKey();
                int colon = key.indexOf(':');
                String src = key.substring(0, colon);
                String id = key.substring(colon + 1);
                pe.put("source", src);
                double cost = 0;
                if (src.equals("owned")) {
                    pe.put("node", id);
                    pe.put("market", "owned");
                } else {
                    int p = m.pIndex.get(id);
                    usedPools.add(p);
                    pe.put("offerId", id);
                    pe.put("market", m.pSpot[p] ? "spot" : "on_demand");
                    pe.put("region", m.regions.get(m.pReg[p]));
                    cost = perReplicaHour(m, w, p);
                }
                pe.put("nodes", x.getValue()[1]);
                pe.put("replicas", x.getValue()[0]);
                pe.put("costPerReplicaHour", round(cost));
                weighted += cost * x.getValue()[0];
                placed += x.getValue()[0];
                pls.add(pe);
            }
            e.put("placements", pls);
            double avg = placed == 0 ? 0 : weighted / placed;
            // next best: cheapest eligible offer not used by this workload
            int alt = -1;
            double altCost = Double.POSITIVE_INFINITY;
            int[] cands = m.candidates != null && m.O > 500 ? m.candidates[w] : null;
            java.util.Set<String> cheaperBlockedBy = new java.util.TreeSet<>();
            double reference = placed > 0 ? avg : m.uCost[w] / m.H;
            int nc = cands != null ? cands.length : m.O;
            for (int ci = 0; ci < nc; ci++) {
                int p = cands != null ? cands[ci] : ci;
                if (usedPools.contains(p) || !m.eligiblePool(w, p) || m.fit(w, m.pV[p], m.pM[p]) <= 0) {
                    continue;
                }
                double c = perReplicaHour(m, w, p);
                if (c < altCost) {
                    altCost = c;
                    alt = p;
                }
                if (c < reference - 1e-12) {
                    cheaperBlockedBy.add(blockingCode(m, s, w, p));
                }
            }
            if (alt >= 0) {
                Map<String, Object> nb = new LinkedHashMap<>();
                nb.put("offerId", m.pId[alt]);
                nb.put("market", m.pSpot[alt] ? "spot" : "on_demand");
                nb.put("region", m.regions.get(m.pReg[alt]));
                nb.put("costPerReplicaHour", round(altCost));
                int count = Math.max(1, placed);
                nb.put("extraCostPerHour", round((altCost - avg) * count));
                nb.put("moveCostOnce", round(m.moveCost * count));
                nb.put("whyNot", whyNot(m, s, w, alt, altCost, reference, placed));
                e.put("nextBest", nb);
            } else {
                e.put("nextBest", null);
            }
            List<String> bind = binding(m, s, w, spotPools.get(w));
            for (String b : cheaperBlockedBy) {
                if (!b.equals("cost") && !bind.contains(b)) {
                    bind.add(b);
                }
            }
            bind.remove("cost");
            if (bind.isEmpty() && s.unpl[w] > 0) {
                bind.add("cost");
            }
            e.put("binding", bind);
            if (s.unpl[w] > 0) {
                e.put("reason", reasons.reason(w));
            }
            wls.put(m.wId[w], e);
        }
        root.put("workloads", wls);
        return root;
    }

    static double perReplicaHour(Model m, int w, int p) {
        int k = Math.max(1, Math.min(m.fit(w, m.pV[p], m.pM[p]), Math.max(1, m.rep[w])));
        return (m.pNodeCost[p] / k + m.pReplicaCost[p]) / m.H;
    }

    private static double round(double d) {
        return Math.round(d * 1e6) / 1e6;
    }

    /** The rule code that keeps w off offer p (cheap: no message). */
    private static String blockingCode(Model m, State s, int w, int p) {
        if (p < m.O && s.newCount[p] >= m.pAvail[p]) {
            return "available";
        }
        if (m.pSpot[p] && s.spotCnt[w] >= m.spotMax[w]) {
            return "spotShare";
        }
        if (m.pSpot[p] && s.poolCount(w, p) >= m.poolMax[w]) {
            return "poolSpread";
        }
        if (m.budget != null && s.spend + m.pPrice[p] > m.budget + Model.EPS) {
            return "budgetPerHour";
        }
        return "cost";
    }

    private static String whyNot(Model m, State s, int w, int p, double altCost, double avg, int placed) {
        if (p < m.O && s.newCount[p] >= m.pAvail[p]) {
            return "available: the offer is sold out";
        }
        if (m.pSpot[p] && s.spotCnt[w] >= m.spotMax[w]) {
            return "spotShare: the workload is at its maximum spot share";
        }
        if (m.pSpot[p] && s.poolCount(w, p) >= m.poolMax[w]) {
            return "poolSpread: the pool holds its maximum share";
        }
        if (m.budget != null && s.spend + m.pPrice[p] > m.budget + Model.EPS) {
            return "budgetPerHour: one more node would exceed the budget";
        }
        if (placed == 0) {
            return "cost: " + Reasons.fmt(altCost) + " $ per replica-hour (plus moves) is more than the unplaced cost "
                    + Reasons.fmt(avg);
        }
        if (altCost >= avg) {
            return "cost: more expensive per replica than the chosen placement";
        }
        return "cost: cheaper per full node, but the replicas fit better where they are (packing, moves)";
    }

    private static List<String> binding(Model m, State s, int w, Map<Integer, Integer> pools) {
        List<String> b = new ArrayList<>();
        Workload wl = m.scenario.workloads().get(w);
        if (wl.regions() != null) {
            b.add("region");
        }
        if (wl.providers() != null) {
            b.add("provider");
        }
        if (!m.allowSpot[w]) {
            b.add("spotShare (spot not allowed)");
        } else if (m.spotMax[w] < m.rep[w] && s.spotCnt[w] >= m.spotMax[w]) {
            b.add("spotShare");
        }
        for (int c : pools.values()) {
            if (c >= m.poolMax[w] && m.poolMax[w] < m.rep[w]) {
                b.add("poolSpread");
                break;
            }
        }
        for (int p : pools.keySet()) {
            if (p < m.O && s.newCount[p] >= m.pAvail[p] && m.pAvail[p] < Integer.MAX_VALUE) {
                b.add("available");
                break;
            }
        }
        if (m.budget != null && s.unpl[w] > 0 && m.budget - s.spend < 1) {
            b.add("budgetPerHour");
        }
        if (s.unpl[w] > 0 && b.isEmpty()) {
            b.add("cost");
        }
        return b;
    }
}
