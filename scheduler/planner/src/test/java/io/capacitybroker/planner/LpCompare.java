package io.capacitybroker.planner;

import java.util.*;

/** Diagnostic: compares the planner's plan with R's LP solution (where the objective goes). */
public final class LpCompare {
    public static void main(String[] args) {
        for (String a : args) {
            String json = PlannerBenchmark.scenarioJson(a);
            Scenario s = ScenarioReader.read(json);
            Plan p = Planner.plan(s);
            PoolModel m = new PoolModel(s);
            PoolBounds.Lp lp = PoolBounds.lp(m, 8, 4, Long.getLong("lpMillis", 60_000));
            System.out.println("== " + a + " policy " + s.policy() + " H " + m.H + " moveCost " + m.moveCost);
            System.out.println(lp);
            Map<String, Integer> poolIdx = new HashMap<>();
            for (int q = 0; q < m.P; q++) {
                poolIdx.put(m.pOffer[q], q);
            }
            Map<String, Integer> wIdx = new HashMap<>();
            for (int w = 0; w < m.W; w++) {
                wIdx.put(m.wl[w].id(), w);
            }
            // LP breakdown
            double lpNode = 0, lpSpend = 0, lpInt = 0, lpUnp = 0, lpUnpN = 0;
            for (int q = 0; q < m.P; q++) {
                lpNode += lp.yValue[q] * m.yCost[q];
                lpSpend += lp.yValue[q] * m.pPrice[q];
            }
            double[] lpPlaced = new double[m.W];
            double[] lpSpot = new double[m.W];
            for (var e : lp.xValue.entrySet()) {
                long k = e.getKey();
                if (k >= 0) {
                    int w = (int) (k / m.P), q = (int) (k % m.P);
                    lpInt += e.getValue() * m.xCost[q];
                    lpPlaced[w] += e.getValue();
                    if (m.pSpot[q]) lpSpot[w] += e.getValue();
                } else {
                    long kk = -1 - k;
                    lpPlaced[(int) (kk / m.O)] += e.getValue();
                }
            }
            for (int w = 0; w < m.W; w++) {
                lpUnp += lp.uValue[w] * m.uCost[w];
                lpUnpN += lp.uValue[w];
            }
            System.out.printf("LP  : node %.1f spend/h %.3f interrupt %.1f unplaced %.1f (%.1f replicas) master %.1f%n",
                    lpNode, lpSpend, lpInt, lpUnp, lpUnpN, lp.masterObjective);
            // planner breakdown
            double plNode = 0, plSpend = 0, plInt = 0, plUnp = 0, wasteMax = 0, wasteMin = 0;
            double[] plPlaced = new double[m.W];
            double[] plSpot = new double[m.W];
            Map<Integer, Integer> plNodes = new TreeMap<>();
            Map<Integer, Double> plUseV = new HashMap<>(), plUseM = new HashMap<>();
            Map<Long, Double> lpUseV = new HashMap<>();
            double[] lpV = new double[m.P], lpM = new double[m.P];
            for (var e : lp.xValue.entrySet()) { long k = e.getKey(); if (k >= 0) { int w = (int) (k / m.P), q = (int) (k % m.P); lpV[q] += m.wv[w] * e.getValue(); lpM[q] += m.wm[w] * e.getValue(); } }
            for (PlanNode n : p.nodes()) {
                if (n.source() == PlanNode.Source.OWNED) {
                    for (var e : n.placements().entrySet()) plPlaced[wIdx.get(e.getKey())] += e.getValue();
                    continue;
                }
                String off = n.offerId();
                Integer q = off == null ? null : poolIdx.get(off);
                if (q == null) {
                    // vanished pool: the pool of the rented node with this id
                    for (int r = 0; r < s.rentedNodes().size(); r++) {
                        if (s.rentedNodes().get(r).id().equals(n.id())) {
                            for (var e : m.rentedOfPool.entrySet()) {
                                if (e.getValue().contains(r)) q = e.getKey();
                            }
                        }
                    }
                }
                if (q == null) { System.out.println("unknown pool for node " + n.id() + " " + off); continue; }
                plNode += m.yCost[q];
                plSpend += m.pPrice[q];
                plNodes.merge(q, 1, Integer::sum);
                double uv = 0, um = 0;
                for (var e : n.placements().entrySet()) { int w = wIdx.get(e.getKey()); uv += m.wv[w] * e.getValue(); um += m.wm[w] * e.getValue(); }
                plUseV.merge(q, uv, Double::sum); plUseM.merge(q, um, Double::sum);
                wasteMax += m.pPrice[q] * (1 - Math.max(uv / m.pV[q], um / m.pM[q]));
                wasteMin += m.pPrice[q] * (1 - Math.min(uv / m.pV[q], um / m.pM[q]));
                for (var e : n.placements().entrySet()) {
                    int w = wIdx.get(e.getKey());
                    plPlaced[w] += e.getValue();
                    plInt += e.getValue() * m.xCost[q];
                    if (m.pSpot[q]) plSpot[w] += e.getValue();
                }
            }
            for (var e : p.unplaced().entrySet()) plUnp += e.getValue() * m.uCost[wIdx.get(e.getKey())];
            System.out.printf("PLAN waste: $/h of capacity unused in both dims %.4f, in one dim %.4f%n", wasteMax, wasteMin);
            System.out.printf("PLAN: node %.1f spend/h %.3f interrupt %.1f unplaced %.1f (%d replicas) moves %d objective %.1f%n",
                    plNode, plSpend, plInt, plUnp, p.summary().unplacedReplicas(), p.summary().moves(), p.summary().objective());
            if (m.budget != null) {
                double left = m.budget - plSpend;
                System.out.printf("budget left %.4f%n", left);
                for (var e : p.unplaced().entrySet()) {
                    int w = wIdx.get(e.getKey());
                    double best = Double.MAX_VALUE; int bq = -1; int bk = 0;
                    for (int q : m.eligiblePools[w]) {
                        int k = Math.min(e.getValue(), m.fit(w, q));
                        if (m.pSpot[q]) k = Math.min(k, (int) Math.min(m.spotMax[w] - plSpot[w], m.poolMax[w]));
                        if (k <= 0 || plNodes.getOrDefault(q, 0) - m.pRented[q] >= m.pNewMax[q]) continue;
                        double c = m.pPrice[q] / k;
                        if (m.pPrice[q] <= left && c < best) { best = c; bq = q; bk = k; }
                    }
                    if (bq >= 0 && Boolean.getBoolean("unpl")) System.out.printf("   unplaced %s %d: %s k %d price/replica %.5f value/$ %.0f%n", e.getKey(), e.getValue(), m.pOffer[bq], bk, best, m.uCost[w] / m.H / best);
                }
            }
            // owned nodes: LP vs plan per workload
            double[] lpOwn = new double[m.W];
            double[] plOwn = new double[m.W];
            for (var e : lp.xValue.entrySet()) if (e.getKey() < 0) lpOwn[(int) ((-1 - e.getKey()) / m.O)] += e.getValue();
            for (PlanNode n : p.nodes()) if (n.source() == PlanNode.Source.OWNED) for (var e : n.placements().entrySet()) plOwn[wIdx.get(e.getKey())] += e.getValue();
            if (Boolean.getBoolean("owned")) for (int w = 0; w < m.W; w++) if (Math.abs(lpOwn[w] - plOwn[w]) > 0.5) System.out.printf("   owned %s v %.2f m %.2f uCost/h %.1f spot %s: LP %.1f plan %.0f%n", m.wl[w].id(), m.wv[w], m.wm[w], m.uCost[w] / m.H, m.wl[w].spot(), lpOwn[w], plOwn[w]);
            // per-workload differences in placed replicas (value terms)
            List<Integer> ws = new ArrayList<>();
            for (int w = 0; w < m.W; w++) ws.add(w);
            ws.sort(Comparator.comparingDouble(w -> -Math.abs(lpPlaced[w] - plPlaced[w]) * m.uCost[w]));
            for (int k = 0; k < Math.min(Integer.getInteger("top", 15), ws.size()); k++) {
                int w = ws.get(k);
                Workload wl = m.wl[w];
                System.out.printf("  %s rep %d v %.2f m %.2f uCost %.1f spot %s max %d perPool %d regions %s prov %s | LP placed %.1f (spot %.1f) plan %.0f (spot %.0f)%n",
                        wl.id(), m.rep[w], m.wv[w], m.wm[w], m.uCost[w], wl.spot(), m.spotMax[w], m.poolMax[w],
                        wl.regions(), wl.providers(), lpPlaced[w], lpSpot[w], plPlaced[w], plSpot[w]);
            }
            // LP pools vs plan pools
            System.out.println(" LP pools (y>0.01):");
            List<Integer> qs = new ArrayList<>();
            for (int q = 0; q < m.P; q++) if (lp.yValue[q] > 0.01 || plNodes.containsKey(q)) qs.add(q);
            qs.sort(Comparator.comparingDouble(q -> -(lp.yValue[q] * m.pPrice[q])));
            for (int q : qs) {
                int pn = plNodes.getOrDefault(q, 0);
                System.out.printf("   %-50s spot %s v %.0f m %.0f price %.4f rented %d newMax %d | LP y %.2f fill v %.2f m %.2f | plan %d fill v %.2f m %.2f%n",
                        m.pOffer[q], m.pSpot[q], m.pV[q], m.pM[q], m.pPrice[q], m.pRented[q], m.pNewMax[q], lp.yValue[q],
                        lpV[q] / Math.max(1e-9, lp.yValue[q] * m.pV[q]), lpM[q] / Math.max(1e-9, lp.yValue[q] * m.pM[q]),
                        pn, plUseV.getOrDefault(q, 0.0) / Math.max(1e-9, pn * m.pV[q]), plUseM.getOrDefault(q, 0.0) / Math.max(1e-9, pn * m.pM[q]));
                if (Boolean.getBoolean("detail")) {
                    for (var e : lp.xValue.entrySet()) { long k = e.getKey(); if (k >= 0 && (int) (k % m.P) == q) System.out.printf("        LP %s %.2f%n", m.wl[(int) (k / m.P)].id(), e.getValue()); }
                    Map<String, Integer> tot = new TreeMap<>();
                    for (PlanNode n : p.nodes()) if (n.offerId() != null && n.offerId().equals(m.pOffer[q])) for (var e : n.placements().entrySet()) tot.merge(e.getKey(), e.getValue(), Integer::sum);
                    for (var e : tot.entrySet()) System.out.printf("        PL %s %d%n", e.getKey(), e.getValue());
                }
            }
        }
    }
}
