package io.capacitybroker.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

/**
 * Diagnostic (benchmark helper, OR-Tools SCIP, test scope): <b>set-packing recombination</b> of several plans of one
 * scenario. Every node of every plan (owned, kept rented or new, with its placements) is a column; SCIP picks the
 * cheapest multiset of columns under the contract's rules, all of which are linear in such columns: replica counts
 * (the rest unplaced), each owned and rented node at most once, new nodes per pool within {@code available}, spot
 * share per workload, pool spread per workload and spot pool, budget. A column's cost is exact per node: node cost,
 * interruptions, and a move for every replica beyond those that ran on that node. The plans' own columns are the
 * hint, so the result is never worse than the best plan; how much lower it is says how much better plan the nodes
 * the planner already built hold when combined differently.
 *
 * <p>Plans: the planner with its automatic limit, with 0.8 s and 3.2 s, and carbon-blind, churn-blind and both
 * (costs of every column are the true ones). Arguments: {@code size:seed... } ({@link PlannerBenchmark} sizes);
 * {@code -DrecombineMillis=} SCIP's limit (default 30 s). Prints, per scenario, the best plan and the recombination,
 * whose solution is turned into a plan and checked by {@link PlanChecker} (RecombineTest).
 */
public final class RecombineRun {

    private record Col(int kind, int ref, int pool, int[] w, int[] c, double cost, double price, boolean spot) {
    }

    /** The best of the plans, the recombined plan and SCIP's figures. */
    record Result(String plans, double best, int columns, Plan plan, double objective, double bound, boolean optimal,
            long millis) {
    }

    public static void main(String[] args) {
        OrTools.load();
        long millis = Long.getLong("recombineMillis", 30_000);
        Planner.plan(ScenarioReader.read(ScenarioGenerator.generate(99, PlannerBenchmark.SIZES[2])));
        PlannerOptions d = PlannerOptions.defaults();
        List<PlannerOptions> variants = List.of(d, d.withTimeLimitMillis(800), d.withTimeLimitMillis(3_200),
                d.blind(true, false), d.blind(false, true), d.blind(true, true));
        for (String a : args) {
            String json = PlannerBenchmark.scenarioJson(a);
            Result r = recombine(json, variants, millis);
            PlanChecker.Result c = PlanChecker.check(json, PlanWriter.writeCompact(r.plan()));
            System.out.printf(Locale.ROOT,
                    "%s plans%s: best %.2f; %d columns; recombined %.2f (SCIP %s in %d ms, bound %.2f): %+.3f %%;"
                            + " its plan %s, checked objective %.2f%n",
                    a, r.plans(), r.best(), r.columns(), r.objective(), r.optimal() ? "optimal" : "stopped",
                    r.millis(), r.bound(), 100 * (r.objective() - r.best()) / Math.abs(r.best()),
                    c.ok() ? "valid" : "INVALID " + c.errors(), c.objective());
        }
    }

    /** Plans the scenario once per option set and recombines the nodes of all plans (SCIP limit {@code millis}). */
    static Result recombine(String json, List<PlannerOptions> variants, long millis) {
        OrTools.load();
        Scenario s = ScenarioReader.read(json);
        Model m = new Model(s, PlannerOptions.defaults());
        Map<String, Col> cols = new LinkedHashMap<>();
        List<Map<String, Integer>> plans = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestPlan = -1;
        StringBuilder each = new StringBuilder();
        for (PlannerOptions o : variants) {
            Plan p = Planner.plan(s, o);
            PlanChecker.Result r = PlanChecker.check(json, PlanWriter.writeCompact(p));
            if (!r.ok()) {
                throw new IllegalStateException("invalid plan: " + r.errors());
            }
            each.append(String.format(Locale.ROOT, " %.2f", r.objective()));
            Map<String, Integer> use = new HashMap<>();
            double own = 0;
            for (int w = 0; w < m.W; w++) {
                own += m.uCost[w] * m.rep[w];
            }
            for (PlanNode n : p.nodes()) {
                if (n.placements().isEmpty()) {
                    continue;
                }
                Col c = column(m, s, n);
                String key = key(c);
                cols.putIfAbsent(key, c);
                use.merge(key, 1, Integer::sum);
                own += c.cost;
                for (int i = 0; i < c.w.length; i++) {
                    own -= c.c[i] * m.uCost[c.w[i]];
                }
            }
            // the columns' costs must reproduce the checker's objective of every plan
            if (Math.abs(own - r.objective()) > 1e-6 * Math.max(1, Math.abs(r.objective()))) {
                throw new IllegalStateException("column costs " + own + " != checked objective " + r.objective());
            }
            plans.add(use);
            if (r.objective() < best) {
                best = r.objective();
                bestPlan = plans.size() - 1;
            }
        }
        long t = System.currentTimeMillis();
        List<Col> list = new ArrayList<>(cols.values());
        int[] z = new int[list.size()];
        double[] res = solve(m, list, new ArrayList<>(cols.keySet()), plans.get(bestPlan), millis, z);
        return new Result(each.toString(), best, list.size(), toPlan(m, s, list, z), res[0], res[1], res[2] > 0,
                System.currentTimeMillis() - t);
    }

    /** The MIP's columns as a plan: owned and kept rented nodes by id, new nodes numbered, the rest released. */
    private static Plan toPlan(Model m, Scenario s, List<Col> cols, int[] z) {
        List<PlanNode> nodes = new ArrayList<>();
        boolean[] kept = new boolean[s.rentedNodes().size()];
        int[] placed = new int[m.W];
        int fresh = 0;
        for (int j = 0; j < cols.size(); j++) {
            Col c = cols.get(j);
            Map<String, Integer> pl = new LinkedHashMap<>();
            for (int i = 0; i < c.w.length; i++) {
                pl.put(m.wId[c.w[i]], c.c[i]);
                placed[c.w[i]] += z[j] * c.c[i];
            }
            for (int k = 0; k < z[j]; k++) {
                if (c.kind == Node.OWNED) {
                    nodes.add(new PlanNode(s.ownedNodes().get(c.ref).id(), PlanNode.Source.OWNED, null, pl));
                } else if (c.kind == Node.RENTED) {
                    kept[c.ref] = true;
                    RentedNode rn = s.rentedNodes().get(c.ref);
                    nodes.add(new PlanNode(rn.id(), PlanNode.Source.RENTED, rn.offerId(), pl));
                } else {
                    nodes.add(new PlanNode("recombined-" + (++fresh), PlanNode.Source.NEW, m.pId[c.pool], pl));
                }
            }
        }
        List<String> release = new ArrayList<>();
        for (int r = 0; r < kept.length; r++) {
            if (!kept[r]) {
                release.add(s.rentedNodes().get(r).id());
            }
        }
        Map<String, Integer> unplaced = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (int w = 0; w < m.W; w++) {
            if (m.rep[w] > placed[w]) {
                unplaced.put(m.wId[w], m.rep[w] - placed[w]);
                reasons.put(m.wId[w], "cost: left unplaced by the recombination");
            }
        }
        return new Plan(nodes, release, unplaced, reasons, PlanEvaluator.summarize(s, nodes, unplaced), 0, null);
    }

    private static Col column(Model m, Scenario s, PlanNode n) {
        Map<String, Integer> before = Map.of();
        int kind;
        int ref = -1;
        int pool;
        if (n.source() == PlanNode.Source.OWNED) {
            kind = Node.OWNED;
            for (int i = 0; i < s.ownedNodes().size(); i++) {
                if (s.ownedNodes().get(i).id().equals(n.id())) {
                    ref = i;
                    before = s.ownedNodes().get(i).placements();
                }
            }
            pool = -1;
        } else if (n.source() == PlanNode.Source.RENTED) {
            kind = Node.RENTED;
            String offer = null;
            for (int i = 0; i < s.rentedNodes().size(); i++) {
                if (s.rentedNodes().get(i).id().equals(n.id())) {
                    ref = i;
                    before = s.rentedNodes().get(i).placements();
                    offer = s.rentedNodes().get(i).offerId();
                }
            }
            pool = m.pIndex.get(offer);
        } else {
            kind = Node.NEW;
            pool = m.pIndex.get(n.offerId());
        }
        TreeMap<Integer, Integer> pl = new TreeMap<>();
        n.placements().forEach((id, k) -> pl.put(m.wIndex.get(id), k));
        int[] w = new int[pl.size()];
        int[] c = new int[pl.size()];
        double cost = pool < 0 ? 0 : m.pNodeCost[pool];
        int moves = 0;
        int i = 0;
        for (Map.Entry<Integer, Integer> e : pl.entrySet()) {
            w[i] = e.getKey();
            c[i] = e.getValue();
            cost += pool < 0 ? 0 : c[i] * m.pReplicaCost[pool];
            moves += Math.max(0, c[i] - before.getOrDefault(m.wId[w[i]], 0));
            i++;
        }
        return new Col(kind, ref, pool, w, c, cost + m.moveCost * moves, pool < 0 ? 0 : m.pPrice[pool],
                pool >= 0 && m.pSpot[pool]);
    }

    private static String key(Col c) {
        StringBuilder k = new StringBuilder().append(c.kind).append(':').append(c.kind == Node.NEW ? c.pool : c.ref);
        for (int i = 0; i < c.w.length; i++) {
            k.append(',').append(c.w[i]).append('x').append(c.c[i]);
        }
        return k.toString();
    }

    /** Returns {objective, SCIP's bound, 1 if proven optimal}. */
    private static double[] solve(Model m, List<Col> cols, List<String> keys, Map<String, Integer> hint, long millis,
            int[] out) {
        MPSolver sv = MPSolver.createSolver("SCIP");
        MPObjective obj = sv.objective();
        double inf = MPSolver.infinity();
        MPConstraint[] cnt = new MPConstraint[m.W];
        MPConstraint[] spot = new MPConstraint[m.W];
        for (int w = 0; w < m.W; w++) {
            MPVariable u = sv.makeNumVar(0, m.rep[w], "u" + w);
            obj.setCoefficient(u, m.uCost[w]);
            cnt[w] = sv.makeConstraint(m.rep[w], m.rep[w], "count" + w);
            cnt[w].setCoefficient(u, 1);
            spot[w] = sv.makeConstraint(-inf, m.spotMax[w], "spot" + w);
        }
        MPConstraint budget = m.budget == null ? null : sv.makeConstraint(-inf, m.budget, "budget");
        Map<String, MPConstraint> once = new HashMap<>();
        Map<Long, MPConstraint> spread = new HashMap<>();
        List<MPVariable> hv = new ArrayList<>();
        List<Double> hval = new ArrayList<>();
        MPVariable[] zs = new MPVariable[cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            Col c = cols.get(j);
            int ub = c.kind == Node.NEW ? m.pAvail[c.pool] : 1;
            MPVariable z = sv.makeIntVar(0, ub, "z" + j);
            zs[j] = z;
            obj.setCoefficient(z, c.cost);
            String group = c.kind == Node.NEW ? "pool" + c.pool : c.kind + ":" + c.ref;
            once.computeIfAbsent(group, g -> sv.makeConstraint(-inf, ub, g)).setCoefficient(z, 1);
            if (budget != null) {
                budget.setCoefficient(z, c.price);
            }
            for (int i = 0; i < c.w.length; i++) {
                int w = c.w[i];
                cnt[w].setCoefficient(z, c.c[i]);
                if (c.spot) {
                    spot[w].setCoefficient(z, c.c[i]);
                    spread.computeIfAbsent((long) w * m.P + c.pool, k -> sv.makeConstraint(-inf, m.poolMax[w], "spread"))
                            .setCoefficient(z, c.c[i]);
                }
            }
            Integer h = hint.get(keys.get(j));
            if (h != null) {
                hv.add(z);
                hval.add((double) h);
            }
        }
        sv.setHint(hv.toArray(new MPVariable[0]), hval.stream().mapToDouble(Double::doubleValue).toArray());
        obj.setMinimization();
        sv.setTimeLimit(millis);
        MPSolver.ResultStatus st = sv.solve();
        if (st != MPSolver.ResultStatus.OPTIMAL && st != MPSolver.ResultStatus.FEASIBLE) {
            throw new IllegalStateException("SCIP: " + st);
        }
        for (int j = 0; j < zs.length; j++) {
            out[j] = (int) Math.round(zs[j].solutionValue());
        }
        return new double[] {obj.value(), obj.bestBound(), st == MPSolver.ResultStatus.OPTIMAL ? 1 : 0};
    }
}
