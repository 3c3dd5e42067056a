package io.capacitybroker.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;

/**
 * Exact node-indexed MILP of the contract solved by SCIP through OR-Tools (test/benchmark code): a binary per rented
 * node (kept) and per potential new node, integer replicas per (node, workload), exact moves per node, spot share,
 * pool spread per offer id, availability (copies of new nodes), budget. Potential new nodes per pool: min(available,
 * Σ_w ceil(rep_w / fit)), which keeps an optimal plan (see {@link PoolModel}); copies of one pool are opened in
 * order (symmetry breaking), and {@code x[n,w] ≤ min(fit, replicas) × open[n]} tightens the relaxation.
 *
 * <p>With an upper bound UB (the checked objective of a real plan) and an LP of {@link PoolBounds}, the model is
 * pruned by the reduced-cost inequality {@code obj ≥ L + Σ d_j X_j} over the aggregated columns (pairs with
 * {@code d > UB − L} dropped, nodes per pool capped by {@code (UB − L) / d_y}); the optimum is then
 * min(UB, optimum of the pruned model), for the reason given in {@link PoolBounds}.
 */
final class ExactScip {

    record Result(double objective, double bound, boolean optimal, String status, long millis, int nodes) {
    }

    private ExactScip() {
    }

    static Result solve(Scenario s, long millis) {
        return solve(new PoolModel(s), null, Double.POSITIVE_INFINITY, millis);
    }

    static Result solve(PoolModel m, PoolBounds.Lp lp, double ub, long millis) {
        OrTools.load();
        long t0 = System.nanoTime();
        boolean prune = lp != null && lp.duals != null && Double.isFinite(ub);
        double slack = prune ? ub - lp.bound + 1e-7 * Math.abs(ub) + 1e-7 : Double.POSITIVE_INFINITY;
        double[] dy = prune ? lp.duals.reducedY(m) : null;
        MPSolver solver = MPSolver.createSolver("SCIP");
        MPObjective obj = solver.objective();
        obj.setMinimization();
        double inf = MPSolver.infinity();
        MPConstraint[] count = new MPConstraint[m.W];
        MPConstraint[] spot = new MPConstraint[m.W];
        for (int w = 0; w < m.W; w++) {
            if (m.rep[w] == 0) {
                continue;
            }
            count[w] = solver.makeConstraint(m.rep[w], m.rep[w]);
            MPVariable u = solver.makeIntVar(0, m.rep[w], "");
            count[w].setCoefficient(u, 1);
            obj.setCoefficient(u, m.uCost[w]);
            spot[w] = solver.makeConstraint(-inf, m.spotMax[w]);
        }
        MPConstraint budget = m.budget == null ? null : solver.makeConstraint(-inf, m.budget);
        Map<String, MPConstraint> spread = new HashMap<>();
        MPConstraint rc = prune ? solver.makeConstraint(-inf, slack) : null;
        int nodes = 0;
        for (int o = 0; o < m.O; o++) {
            OwnedNode n = m.owned[o];
            nodes++;
            node(solver, obj, m, null, -1, n.vcpus(), n.memoryGiB(), m.beforeOwned[o], count, spot, spread, rc,
                    lp, slack, o, n.id());
        }
        for (int p = 0; p < m.P; p++) {
            boolean any = false;
            for (int w = 0; w < m.W; w++) {
                any |= m.eligible(w, p) && (!prune || lp.duals.reducedX(m, w, p) <= slack);
            }
            if (!any) {
                continue; // rented nodes of this pool are released: nothing may run there
            }
            long cap = m.yUb[p];
            if (prune && dy[p] > slack) {
                continue;
            }
            if (prune && dy[p] > 0) {
                cap = Math.min(cap, (long) Math.floor(slack / dy[p]));
            }
            if (cap <= 0) {
                continue;
            }
            MPConstraint poolCap = solver.makeConstraint(-inf, cap);
            List<MPVariable> opens = new ArrayList<>();
            for (int ri : m.rentedOfPool.getOrDefault(p, List.of())) {
                RentedNode r = m.s.rentedNodes().get(ri);
                int[] before = new int[m.W];
                Map<String, Integer> pl = r.placements();
                for (int w = 0; w < m.W; w++) {
                    before[w] = pl.getOrDefault(m.wl[w].id(), 0);
                }
                MPVariable open = solver.makeBoolVar("open " + r.id());
                opens.add(open);
                nodes++;
                node(solver, obj, m, open, p, m.pV[p], m.pM[p], before, count, spot, spread, rc, lp, slack, -1,
                        r.id());
            }
            long copies = Math.min(cap, m.yUb[p] - m.pRented[p]);
            MPVariable prev = null;
            int[] none = new int[m.W];
            for (long i = 0; i < copies; i++) {
                MPVariable open = solver.makeBoolVar("open " + m.pOffer[p] + "#" + i);
                opens.add(open);
                nodes++;
                node(solver, obj, m, open, p, m.pV[p], m.pM[p], none, count, spot, spread, rc, lp, slack, -1,
                        m.pOffer[p] + "#" + i);
                if (prev != null) {
                    MPConstraint sym = solver.makeConstraint(0, inf);
                    sym.setCoefficient(prev, 1);
                    sym.setCoefficient(open, -1);
                }
                prev = open;
            }
            for (MPVariable v : opens) {
                poolCap.setCoefficient(v, 1);
                if (budget != null) {
                    budget.setCoefficient(v, m.pPrice[p]);
                }
                if (rc != null && dy[p] > 0) {
                    rc.setCoefficient(v, dy[p]);
                }
            }
        }
        solver.setTimeLimit(Math.max(1, millis));
        MPSolverParameters params = new MPSolverParameters();
        params.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 1e-9);
        MPSolver.ResultStatus st = solver.solve(params);
        double value = Double.NaN;
        double bound = Double.NaN;
        if (st == MPSolver.ResultStatus.OPTIMAL || st == MPSolver.ResultStatus.FEASIBLE) {
            value = obj.value();
            bound = obj.bestBound();
            if (Boolean.getBoolean("exact.print")) {
                for (MPVariable v : solver.variables()) {
                    if (Math.abs(v.solutionValue()) > 1e-6 && !v.name().isEmpty()) {
                        System.out.println("  " + v.name() + " = " + v.solutionValue());
                    }
                }
            }
        } else if (st == MPSolver.ResultStatus.NOT_SOLVED) {
            bound = obj.bestBound();
        }
        if (prune) {
            value = Double.isNaN(value) ? ub : Math.min(value, ub);
            bound = Double.isNaN(bound) ? Double.NaN : Math.min(bound, ub);
        }
        solver.delete();
        return new Result(value, bound, st == MPSolver.ResultStatus.OPTIMAL, st.toString(),
                (System.nanoTime() - t0) / 1_000_000L, nodes);
    }

    /** Replica variables of one node (owned: open == null, pool == -1). */
    private static void node(MPSolver solver, MPObjective obj, PoolModel m, MPVariable open, int p, double v,
            double mem, int[] before, MPConstraint[] count, MPConstraint[] spot, Map<String, MPConstraint> spread,
            MPConstraint rc, PoolBounds.Lp lp, double slack, int ownedIndex, String label) {
        double inf = MPSolver.infinity();
        MPConstraint cv = solver.makeConstraint(-inf, open == null ? v : 0);
        MPConstraint cm = solver.makeConstraint(-inf, open == null ? mem : 0);
        if (open != null) {
            cv.setCoefficient(open, -v);
            cm.setCoefficient(open, -mem);
            obj.setCoefficient(open, m.yCost[p]);
        }
        for (int w = 0; w < m.W; w++) {
            boolean ok = p >= 0 ? m.eligible(w, p) : m.eligibleOwned(w, ownedIndex);
            if (!ok) {
                continue;
            }
            double dx = 0;
            if (p >= 0 && rc != null) {
                dx = lp.duals.reducedX(m, w, p);
                if (dx > slack) {
                    continue;
                }
            }
            int f = m.fit(w, v, mem);
            long ub = Math.min(f, m.rep[w]);
            if (p >= 0 && m.pSpot[p]) {
                ub = Math.min(ub, Math.min(m.spotMax[w], m.poolMax[w]));
            }
            if (ub <= 0) {
                continue;
            }
            MPVariable x = solver.makeIntVar(0, ub, label + " " + m.wl[w].id());
            count[w].setCoefficient(x, 1);
            cv.setCoefficient(x, m.wv[w]);
            cm.setCoefficient(x, m.wm[w]);
            if (open != null) {
                MPConstraint link = solver.makeConstraint(-inf, 0);
                link.setCoefficient(x, 1);
                link.setCoefficient(open, -ub);
            }
            if (p >= 0 && m.pSpot[p]) {
                spot[w].setCoefficient(x, 1);
                int wi = w;
                spread.computeIfAbsent(w + "@" + m.pOffer[p],
                        k -> solver.makeConstraint(-inf, m.poolMax[wi])).setCoefficient(x, 1);
            }
            double cost = p >= 0 ? m.xCost[p] : 0;
            if (m.moveCost > 0 && before[w] == 0) {
                cost += m.moveCost;
            } else if (m.moveCost > 0) {
                MPVariable mv = solver.makeNumVar(0, m.rep[w], "");
                obj.setCoefficient(mv, m.moveCost);
                MPConstraint r = solver.makeConstraint(-before[w], inf);
                r.setCoefficient(mv, 1);
                r.setCoefficient(x, -1);
            }
            obj.setCoefficient(x, cost);
            if (rc != null && dx > 0) {
                rc.setCoefficient(x, dx);
            }
        }
    }
}
