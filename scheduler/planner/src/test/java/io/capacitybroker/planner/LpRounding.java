package io.capacitybroker.planner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Diagnostic (test sources): how good is R's LP solution itself, rounded into a plan by a simple rule and without any
 * local search, next to the planner's plan? Answers whether solving the LP inside the planner would pay. Rounding:
 * owned nodes take the floor of the LP's replicas; rented nodes the LP keeps at least half are kept with the replicas
 * the LP leaves on their pool; per pool (most value per dollar first under a budget, else most nodes first) the
 * LP's replicas, rounded to the nearest, go first-fit decreasing into kept nodes, then into new nodes while the budget
 * and availability allow; what is left fills room on open nodes. Usage: {@code LpRounding size:seed...}
 * ({@code -DlpMillis}, {@code -DkeepAt}).
 */
public final class LpRounding {
    public static void main(String[] args) {
        for (String a : args) {
            String json = PlannerBenchmark.scenarioJson(a);
            Scenario s = ScenarioReader.read(json);
            Plan p = Planner.plan(s);
            double planner = PlanChecker.check(json, PlanWriter.writeCompact(p)).objective();
            PoolModel m = new PoolModel(s);
            PoolBounds.Lp lp = PoolBounds.lp(m, 8, 4, Long.getLong("lpMillis", 120_000));
            Plan r = round(m, lp, Double.parseDouble(System.getProperty("keepAt", "0.5")));
            double fracSpend = 0;
            double spend = 0;
            int fracPools = 0;
            for (int q = 0; q < m.P; q++) {
                double y = lp.yValue[q];
                spend += y * m.pPrice[q];
                if (y > 1e-6 && y - Math.floor(y + 1e-9) > 1e-6) {
                    fracPools++;
                    fracSpend += (y - Math.floor(y + 1e-9)) * m.pPrice[q];
                }
            }
            double xFrac = 0;
            double xAll = 0;
            for (Map.Entry<Long, Double> e : lp.xValue.entrySet()) {
                xAll += e.getValue();
                xFrac += e.getValue() - Math.floor(e.getValue() + 1e-9);
            }
            System.out.printf(Locale.ROOT, "   LP: spend %.2f $/h, %d pools with a fractional node count holding %.2f $/h of it;"
                    + " replicas placed %.1f, of which %.1f in fractional parts of (workload, pool) pairs%n", spend,
                    fracPools, fracSpend, xAll, xFrac);
            PlanChecker.Result c = PlanChecker.check(json, PlanWriter.writeCompact(r));
            System.out.printf(Locale.ROOT, "%s planner %.2f LP bound %.2f (master %.2f, %s) rounded %.2f (%+.2f%% vs planner)"
                    + " unplaced %d errors %s%n", a, planner, lp.bound, lp.masterObjective, lp.converged ? "converged"
                    : "stopped", c.objective(), 100 * (c.objective() / planner - 1),
                    r.unplaced().values().stream().mapToInt(Integer::intValue).sum(),
                    c.errors().isEmpty() ? "none" : c.errors().subList(0, Math.min(3, c.errors().size())));
        }
    }

    private static final class N {
        final String id;
        final PlanNode.Source src;
        final String offer;
        final int pool; // -1 owned
        final double capV;
        final double capM;
        final boolean spot;
        double v;
        double mm;
        final Map<Integer, Integer> pl = new LinkedHashMap<>();

        N(String id, PlanNode.Source src, String offer, int pool, double capV, double capM, boolean spot) {
            this.id = id;
            this.src = src;
            this.offer = offer;
            this.pool = pool;
            this.capV = capV;
            this.capM = capM;
            this.spot = spot;
        }
    }

    private static final class R {
        final PoolModel m;
        final int[] unpl;
        final int[] spotUsed;
        final Map<Long, Integer> poolUsed = new HashMap<>();
        double spend;
        final List<N> nodes = new ArrayList<>();
        final long[] newCount;

        R(PoolModel m) {
            this.m = m;
            unpl = m.rep.clone();
            spotUsed = new int[m.W];
            newCount = new long[m.P];
        }

        /** Replicas of w that may go onto node n now (room, unplaced, spot share and spread). */
        int room(N n, int w) {
            int k = Math.min(unpl[w], m.fit(w, n.capV - n.v, n.capM - n.mm));
            if (n.spot) {
                k = Math.min(k, m.spotMax[w] - spotUsed[w]);
                k = Math.min(k, m.poolMax[w] - poolUsed.getOrDefault((long) w * m.P + n.pool, 0));
            }
            return Math.max(0, k);
        }

        void place(N n, int w, int k) {
            if (k <= 0) {
                return;
            }
            n.pl.merge(w, k, Integer::sum);
            n.v += k * m.wv[w];
            n.mm += k * m.wm[w];
            unpl[w] -= k;
            if (n.spot) {
                spotUsed[w] += k;
                poolUsed.merge((long) w * m.P + n.pool, k, Integer::sum);
            }
        }

        boolean affordable(int p) {
            return m.budget == null || spend + m.pPrice[p] <= m.budget + 1e-9;
        }
    }

    static Plan round(PoolModel m, PoolBounds.Lp lp, double keepAt) {
        R st = new R(m);
        // 1. owned nodes: the floor of the LP's replicas
        for (int o = 0; o < m.O; o++) {
            OwnedNode on = m.owned[o];
            N n = new N(on.id(), PlanNode.Source.OWNED, null, -1, on.vcpus(), on.memoryGiB(), false);
            st.nodes.add(n);
            for (int w = 0; w < m.W; w++) {
                Double x = lp.xValue.get(-1 - ((long) w * m.O + o));
                if (x != null) {
                    st.place(n, w, Math.min(st.room(n, w), (int) Math.floor(x + 1e-6)));
                }
            }
        }
        // target replicas per (w, p), rounded to the nearest
        Map<Long, Integer> target = new HashMap<>();
        for (Map.Entry<Long, Double> e : lp.xValue.entrySet()) {
            if (e.getKey() >= 0) {
                int t = (int) Math.floor(e.getValue() + 0.5);
                if (t > 0) {
                    target.put(e.getKey(), t);
                }
            }
        }
        // 2. rented nodes kept at least keepAt, most kept first
        Integer[] rs = new Integer[m.rentedPool.length];
        for (int r = 0; r < rs.length; r++) {
            rs[r] = r;
        }
        double[] kv = lp.keepValue == null ? new double[rs.length] : lp.keepValue;
        Arrays.sort(rs, (a, b) -> Double.compare(kv[b], kv[a]));
        boolean[] kept = new boolean[rs.length];
        List<List<N>> byPool = new ArrayList<>();
        for (int p = 0; p < m.P; p++) {
            byPool.add(new ArrayList<>());
        }
        for (int r : rs) {
            int p = m.rentedPool[r];
            if (kv[r] < keepAt || !st.affordable(p)) {
                continue;
            }
            RentedNode rn = m.s.rentedNodes().get(r);
            N n = new N(rn.id(), PlanNode.Source.RENTED, rn.offerId(), p, m.pV[p], m.pM[p], m.pSpot[p]);
            kept[r] = true;
            st.spend += m.pPrice[p];
            st.nodes.add(n);
            byPool.get(p).add(n);
            for (int j = 0; j < m.rentedW[r].length; j++) {
                int w = m.rentedW[r][j];
                if (!m.eligible(w, p)) {
                    continue;
                }
                long key = (long) w * m.P + p;
                int k = Math.min(Math.min(m.rentedB[r][j], target.getOrDefault(key, 0)), st.room(n, w));
                st.place(n, w, k);
                target.merge(key, -k, Integer::sum);
            }
        }
        // 3. per pool: the LP's replicas into kept nodes, then new nodes
        Map<Integer, List<int[]>> items = new HashMap<>();
        for (Map.Entry<Long, Integer> e : target.entrySet()) {
            if (e.getValue() > 0) {
                int w = (int) (e.getKey() / m.P);
                int p = (int) (e.getKey() % m.P);
                items.computeIfAbsent(p, k -> new ArrayList<>()).add(new int[] {w, e.getValue()});
            }
        }
        List<Integer> pools = new ArrayList<>(items.keySet());
        double[] key = new double[m.P];
        for (int p : pools) {
            double value = 0;
            for (int[] it : items.get(p)) {
                value += it[1] * (m.uCost[it[0]] - m.xCost[p]);
            }
            key[p] = m.budget != null ? value / Math.max(1e-9, lp.yValue[p] * m.pPrice[p]) : lp.yValue[p];
        }
        pools.sort((a, b) -> Double.compare(key[b], key[a]));
        int serial = 0;
        for (int p : pools) {
            List<int[]> l = items.get(p);
            final int q = p;
            l.sort((a, b) -> Double.compare(Math.max(m.wv[b[0]] / m.pV[q], m.wm[b[0]] / m.pM[q]),
                    Math.max(m.wv[a[0]] / m.pV[q], m.wm[a[0]] / m.pM[q])));
            List<N> ns = byPool.get(p);
            for (int[] it : l) {
                int w = it[0];
                int left = it[1];
                for (N n : ns) {
                    int k = Math.min(left, st.room(n, w));
                    st.place(n, w, k);
                    left -= k;
                }
                while (left > 0 && st.newCount[p] < m.pNewMax[p] && st.affordable(p)) {
                    N n = new N("lp-" + (++serial), PlanNode.Source.NEW, m.pOffer[p], p, m.pV[p], m.pM[p], m.pSpot[p]);
                    int k = Math.min(left, st.room(n, w));
                    if (k <= 0) {
                        break;
                    }
                    st.newCount[p]++;
                    st.spend += m.pPrice[p];
                    st.nodes.add(n);
                    ns.add(n);
                    st.place(n, w, k);
                    left -= k;
                }
            }
        }
        // 4. what is left: room on open nodes, dearest unplaced first
        Integer[] ws = new Integer[m.W];
        for (int w = 0; w < m.W; w++) {
            ws[w] = w;
        }
        Arrays.sort(ws, (a, b) -> Double.compare(m.uCost[b], m.uCost[a]));
        for (int w : ws) {
            for (N n : st.nodes) {
                if (st.unpl[w] <= 0) {
                    break;
                }
                boolean ok = n.pool < 0 ? eligibleOwned(m, w, n) : m.eligible(w, n.pool);
                if (ok && (n.pool < 0 ? 0 : m.xCost[n.pool]) + 2 * m.moveCost < m.uCost[w]) {
                    st.place(n, w, st.room(n, w));
                }
            }
        }
        // the plan
        List<PlanNode> out = new ArrayList<>();
        for (N n : st.nodes) {
            if (n.src != PlanNode.Source.OWNED && n.pl.isEmpty()) {
                if (n.src == PlanNode.Source.RENTED) {
                    for (int r = 0; r < kept.length; r++) {
                        if (m.s.rentedNodes().get(r).id().equals(n.id)) {
                            kept[r] = false;
                        }
                    }
                }
                continue;
            }
            Map<String, Integer> pl = new LinkedHashMap<>();
            n.pl.forEach((w, k) -> pl.put(m.wl[w].id(), k));
            out.add(new PlanNode(n.id, n.src, n.offer, pl));
        }
        List<String> release = new ArrayList<>();
        for (int r = 0; r < kept.length; r++) {
            if (!kept[r]) {
                release.add(m.s.rentedNodes().get(r).id());
            }
        }
        Map<String, Integer> unplaced = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (int w = 0; w < m.W; w++) {
            if (st.unpl[w] > 0) {
                unplaced.put(m.wl[w].id(), st.unpl[w]);
                reasons.put(m.wl[w].id(), "cost: left out by the LP rounding");
            }
        }
        Summary summary = PlanEvaluator.summarize(m.s, out, unplaced);
        return new Plan(out, release, unplaced, reasons, summary, 0, null);
    }

    private static boolean eligibleOwned(PoolModel m, int w, N n) {
        for (int o = 0; o < m.O; o++) {
            if (m.owned[o].id().equals(n.id)) {
                return m.eligibleOwned(w, o);
            }
        }
        return false;
    }
}
