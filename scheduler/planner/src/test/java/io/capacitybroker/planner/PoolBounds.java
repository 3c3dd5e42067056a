package io.capacitybroker.planner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;

/**
 * Lower bounds of the contract's objective that work at every benchmark size (test/benchmark code, OR-Tools).
 *
 * <h2>The aggregated relaxation R</h2>
 * Variables: {@code y[p]} nodes of pool p that run (kept rented + new), {@code x[w,p]} replicas of workload w on
 * nodes of pool p, {@code x[w,o]} replicas of w on owned node o, {@code u[w]} unplaced replicas, {@code mv} moves.
 * Every feasible plan maps to a point of R whose objective is at most the plan's objective, step by step:
 * <ol>
 * <li><b>Nodes of a pool are merged.</b> All nodes of a pool have the pool's shape, so the capacity rule of each
 * node summed over the pool gives {@code Σ_w vcpus_w x[w,p] ≤ vcpus_p y[p]} (and memory); a node holds at most
 * fit(w,p) = floor(min(vcpus_p / vcpus_w, mem_p / mem_w)) replicas of w, so summed over the pool
 * {@code x[w,p] ≤ fit(w,p) y[p]}. Which replica sits on which node is forgotten: R allows packings no real plan
 * has, never the reverse.</li>
 * <li><b>Kept and new nodes are merged</b>: they cost the same ({@code H × (price + co2 × carbon)}), so
 * {@code y[p] ≤ rented nodes of p + new nodes allowed}, where new nodes allowed = min(available, Σ_w ceil(rep_w /
 * fit(w,p))). The second term keeps every optimal plan: the replicas on new nodes of a pool can always be repacked
 * one workload per node into that many nodes without raising any cost term or breaking any rule.</li>
 * <li><b>Moves are counted per pool, against the kept rented nodes</b>: {@code keep[r] ∈ [0, 1]} per rented node r
 * (1 when the plan keeps it), {@code y[p] ≥ Σ_{r of p} keep[r]} (a kept node is a node of its pool) and
 * {@code mv[w,p] ≥ x[w,p] − Σ_{r of p} b[w,r] keep[r]} with b[w,r] the replicas of w on r in the scenario. A plan's
 * moves on p are Σ_n max(0, a_n − b_n) over its kept and new nodes ≥ max(0, Σ a_n − Σ_kept b_n) = max(0, x[w,p] −
 * Σ_r b[w,r] keep[r]). When no replica of w ran on p the move cost is put on x directly (every replica there is a
 * move). Owned nodes stay individual (exact moves and capacity). (Until session 8 the row was {@code mv ≥ x − B[w,p]}
 * with B the replicas on ALL rented nodes of p, as if every rented node were kept: a fraction of one node then kept
 * the replicas of several without a move. On 1,000-offer seed 2, where moves are two thirds of the objective, the
 * LP bound rose from 11,465 to 12,068.)</li>
 * <li><b>Rules kept exactly</b>: counts ({@code Σ x + u = replicas}), eligibility (no column for an ineligible or
 * too small pool), spot share ({@code Σ_spot x[w,p] ≤ floor(maxSpotShare × replicas)}), pool spread as the bound
 * {@code x[w,p] ≤ max(1, ceil(maxSpotPoolShare × replicas))} per spot pool, availability (in the bound of y), budget
 * ({@code Σ price_p y[p] ≤ budget}).</li>
 * <li><b>Objective</b>: {@code Σ yCost_p y[p] + Σ H rate_p interruptionCost x[w,p] (spot) + moveCost × mv +
 * Σ H unplacedCost_w u[w]}: the contract's objective, with moves counted as in step 3 (never more).</li>
 * </ol>
 * So opt(R) ≤ the optimum of every feasible plan, and the same holds for R with integer y, x and binary keep (a plan
 * has integer node and replica counts and keeps a rented node or not): {@link #milp} solves that one.
 *
 * <h2>How the LP bound is computed (column generation, Lagrangian value)</h2>
 * The LP drops the per-pair rows {@code x[w,p] ≤ fit(w,p) y[p]} (dropping rows only relaxes further; with them GLOP
 * was about 25 times slower; {@code -DfitRows=true} keeps them); the integer bound keeps them.
 * R has one column per eligible (workload, pool) pair: 10^5–10^7 at the benchmark sizes. {@link #lp} solves the LP
 * relaxation of R by column generation: the master holds every pool variable and row, the owned and move columns,
 * and for each workload its K cheapest pools (cost per replica of a node filled with it) plus every pool it ran on;
 * after each GLOP solve all other pairs are priced with the duals and the most negative ones are added, until no
 * reduced cost is negative. The bound reported is not GLOP's objective but the Lagrangian value computed here in
 * Java from the duals π (projected to their valid signs): {@code L(π) = Σ_rows π_i rhs_i + Σ_columns min(0, d_j) ub_j}
 * with {@code d_j = c_j − π A_j} over ALL columns, priced-out ones included. Weak duality makes L(π) ≤ opt(LP) for
 * every sign-feasible π, so the bound is valid at every iteration (also when the time limit stops the column
 * generation, or GLOP's solution is slightly off), and equals opt(LP) at convergence. Pool rows have a zero right
 * hand side, so their duals can be re-chosen per pool to raise L (useful before convergence).
 *
 * <h2>The integer bound (reduced-cost fixing)</h2>
 * For every plan x (as a point of R): {@code obj(x) ≥ L(π) + Σ_{d_j > 0} d_j x_j}. With UB the checked objective of
 * a real plan, a column with {@code d_j > UB − L} is 0 in every plan better than UB, and an integer column is at
 * most {@code floor((UB − L) / d_j)}. {@link #milp} solves integer R restricted that way with SCIP (or another
 * OR-Tools MIP solver) under a time limit and reports min(UB, the solver's proven dual bound): if the true optimum
 * z* is below UB, the restricted model contains the optimal point of integer R, so its dual bound is ≤ z*; otherwise
 * z* = UB (a plan reaches UB and nothing is below z*).
 */
final class PoolBounds {

    /** Result of the LP bound: the valid bound, whether column generation converged, and the duals. */
    static final class Lp {
        double bound = Double.NEGATIVE_INFINITY;
        double masterObjective = Double.NaN;
        boolean converged;
        int iterations;
        int columns;
        long pairs;
        long millis;
        String status = "";
        Duals duals;
        /** Primal solution of the last master: per pool nodes, per (w * P + p) replicas, per workload unplaced. */
        double[] yValue;
        Map<Long, Double> xValue = new HashMap<>();
        double[] uValue;
        double[] keepValue; // per rented node
        /**
         * The Lagrangian value at the best duals with each pool's node count an integer (see integerPoolTerm): a
         * lower bound of every plan's objective, at least {@link #bound}, but not of the LP.
         */
        double integerBound = Double.NEGATIVE_INFINITY;

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "LP bound %.4f (integer nodes %.4f; master %.4f, %s, %d iterations, %d of %d columns, %d ms)", bound,
                    integerBound, masterObjective, converged ? "converged" : "not converged: " + status, iterations,
                    columns, pairs, millis);
        }
    }

    /** Sign-feasible duals and the per-pool choices that gave {@link Lp#bound}. */
    static final class Duals {
        double[] count;
        double[] spot;
        double budget;
        double[] poolV;
        double[] poolM;
        boolean[] poolFit; // whether the fit-row duals of the master apply to the pool
        double[] ownV;
        double[] ownM;
        Map<Long, Double> fit = new HashMap<>();
        Map<Long, Double> move = new HashMap<>(); // w * P + p -> dual of the move row of a pair in the master
        double[] link; // per pool: dual of y[p] - sum of keep[r] >= 0 (>= 0; 0 when the pool has no such row)
        boolean[] keepCol; // per rented node: whether keep[r] is a column of the model

        double reducedX(PoolModel m, int w, int p) {
            long key = (long) w * m.P + p;
            Double mv = move.get(key);
            double c = mv == null ? m.xCostFresh(p) : m.xCost[p] + mv;
            double d = c - count[w] - (m.pSpot[p] ? spot[w] : 0) - m.wv[w] * poolV[p] - m.wm[w] * poolM[p];
            if (poolFit[p]) {
                d -= fit.getOrDefault(key, 0.0);
            }
            return d;
        }

        /** Reduced cost of keep[r], rented node r kept (cost 0, -1 in its pool's link row, b in its move rows). */
        double reducedKeep(PoolModel m, int r) {
            int p = m.rentedPool[r];
            double d = link[p];
            for (int j = 0; j < m.rentedW[r].length; j++) {
                d -= move.getOrDefault((long) m.rentedW[r][j] * m.P + p, 0.0) * m.rentedB[r][j];
            }
            return d;
        }

        /** Reduced cost of y[p] for every pool. */
        double[] reducedY(PoolModel m) {
            double[] d = new double[m.P];
            for (int p = 0; p < m.P; p++) {
                d[p] = m.yCost[p] - budget * m.pPrice[p] + m.pV[p] * poolV[p] + m.pM[p] * poolM[p] - link[p];
            }
            for (Map.Entry<Long, Double> e : fit.entrySet()) {
                int p = (int) (e.getKey() % m.P);
                if (poolFit[p]) {
                    d[p] += m.fit((int) (e.getKey() / m.P), p) * e.getValue();
                }
            }
            return d;
        }
    }

    private PoolBounds() {
    }

    static boolean FIT_ROWS = Boolean.getBoolean("fitRows");
    /**
     * Whether the integer bound keeps replicas, nodes and unplaced counts integer (default) or only which rented nodes
     * are kept ({@code -DmilpKeepOnly=true}: a weaker but much smaller MILP, still a relaxation of every plan).
     */
    static boolean INTEGER_REPLICAS = !Boolean.getBoolean("milpKeepOnly");

    // ------------------------------------------------------------------------------------------------ LP bound

    private static final class Col {
        final int w;
        final int p; // pool, or -1 - o for owned node o
        MPVariable x;
        MPConstraint fitRow;
        MPVariable mv;
        MPConstraint mvRow;
        int before;

        Col(int w, int p) {
            this.w = w;
            this.p = p;
        }
    }

    /**
     * LP relaxation of R by column generation with GLOP.
     *
     * @param k         initial candidate pools per workload
     * @param perRound  columns added per workload and round
     * @param millis    time limit (the bound stays valid when it stops early)
     */
    static Lp lp(PoolModel m, int k, int perRound, long millis) {
        OrTools.load();
        long t0 = System.nanoTime();
        long deadline = t0 + millis * 1_000_000L;
        Lp res = new Lp();
        MPSolver solver = MPSolver.createSolver("GLOP");
        MPObjective obj = solver.objective();
        obj.setMinimization();
        double inf = MPSolver.infinity();
        int W = m.W;
        int P = m.P;
        MPConstraint[] count = new MPConstraint[W];
        MPConstraint[] spot = new MPConstraint[W];
        MPVariable[] u = new MPVariable[W];
        for (int w = 0; w < W; w++) {
            if (m.rep[w] == 0) {
                continue;
            }
            count[w] = solver.makeConstraint(m.rep[w], m.rep[w]);
            u[w] = solver.makeNumVar(0, m.rep[w], "");
            count[w].setCoefficient(u[w], 1);
            obj.setCoefficient(u[w], m.uCost[w]);
            spot[w] = solver.makeConstraint(-inf, m.spotMax[w]);
        }
        MPConstraint budget = m.budget == null ? null : solver.makeConstraint(-inf, m.budget);
        MPVariable[] y = new MPVariable[P];
        MPConstraint[] capV = new MPConstraint[P];
        MPConstraint[] capM = new MPConstraint[P];
        boolean[] poolUsed = new boolean[P];
        for (int w = 0; w < W; w++) {
            for (int p : m.eligiblePools[w]) {
                poolUsed[p] = true;
            }
        }
        for (int p = 0; p < P; p++) {
            if (!poolUsed[p]) {
                continue;
            }
            y[p] = solver.makeNumVar(0, m.yUb[p], "");
            obj.setCoefficient(y[p], m.yCost[p]);
            capV[p] = solver.makeConstraint(-inf, 0);
            capM[p] = solver.makeConstraint(-inf, 0);
            capV[p].setCoefficient(y[p], -m.pV[p]);
            capM[p].setCoefficient(y[p], -m.pM[p]);
            if (budget != null) {
                budget.setCoefficient(y[p], m.pPrice[p]);
            }
        }
        MPConstraint[] link = new MPConstraint[P];
        MPVariable[] keepVar = keepColumns(solver, m, y, link);
        MPConstraint[] ownV = new MPConstraint[m.O];
        MPConstraint[] ownM = new MPConstraint[m.O];
        for (int o = 0; o < m.O; o++) {
            ownV[o] = solver.makeConstraint(-inf, m.owned[o].vcpus());
            ownM[o] = solver.makeConstraint(-inf, m.owned[o].memoryGiB());
        }
        List<Col> cols = new ArrayList<>();
        Map<Long, Col> inMaster = new HashMap<>();
        BitSet[] master = new BitSet[W];
        for (int w = 0; w < W; w++) {
            master[w] = new BitSet();
            if (m.rep[w] == 0) {
                continue;
            }
            for (int o = 0; o < m.O; o++) {
                if (!m.eligibleOwned(w, o)) {
                    continue;
                }
                Col c = new Col(w, -1 - o);
                c.before = m.beforeOwned[o][w];
                c.x = solver.makeNumVar(0, Math.min(m.rep[w], m.fit(w, m.owned[o].vcpus(), m.owned[o].memoryGiB())), "");
                count[w].setCoefficient(c.x, 1);
                ownV[o].setCoefficient(c.x, m.wv[w]);
                ownM[o].setCoefficient(c.x, m.wm[w]);
                addMove(solver, obj, m, c, keepVar);
                cols.add(c);
            }
            // initial pools: the K cheapest per replica of a node filled with w, and every pool w ran on
            int[] el = m.eligiblePools[w];
            res.pairs += el.length;
            Integer[] idx = new Integer[el.length];
            double[] key = new double[el.length];
            for (int i = 0; i < el.length; i++) {
                int p = el[i];
                idx[i] = i;
                long f = Math.min(m.fit(w, p), m.xUb(w, p));
                key[i] = m.yCost[p] / Math.max(1, f) + m.xCostFresh(p);
            }
            Arrays.sort(idx, (a, b) -> Double.compare(key[a], key[b]));
            for (int i = 0; i < idx.length; i++) {
                int p = el[idx[i]];
                if (i < k || m.before(w, p) > 0) {
                    addPoolColumn(solver, obj, m, w, p, count, spot, capV, capM, y, keepVar, cols, inMaster, master);
                }
            }
        }
        // constant part of the Lagrangian over rows that never change shape
        MPSolverParameters params = new MPSolverParameters();
        double tol = 1e-7 * (1 + maxCost(m));
        while (true) {
            MPSolver.ResultStatus st = solver.solve(params);
            res.iterations++;
            if (st != MPSolver.ResultStatus.OPTIMAL) {
                res.status = st.toString();
                break;
            }
            res.masterObjective = obj.value();
            res.yValue = new double[P];
            for (int p = 0; p < P; p++) {
                res.yValue[p] = y[p] == null ? 0 : y[p].solutionValue();
            }
            res.keepValue = new double[keepVar.length];
            for (int r = 0; r < keepVar.length; r++) {
                res.keepValue[r] = keepVar[r] == null ? 0 : keepVar[r].solutionValue();
            }
            res.uValue = new double[W];
            for (int w = 0; w < W; w++) {
                res.uValue[w] = u[w] == null ? 0 : u[w].solutionValue();
            }
            res.xValue.clear();
            for (Col c : cols) {
                double v = c.x.solutionValue();
                if (v > 1e-9) {
                    res.xValue.put(c.p >= 0 ? (long) c.w * P + c.p : -1 - ((long) c.w * m.O + (-1 - c.p)), v);
                }
            }
            Duals d = readDuals(m, solver, count, spot, budget, capV, capM, ownV, ownM, cols, link, keepVar);
            Pricing pr;
            if (SMOOTHING > 0 && res.duals != null) {
                // Wentges smoothing: price at a point between the best duals so far (the stability centre) and the
                // master's; every sign-feasible point gives a valid Lagrangian value, and the centre only moves when
                // that value improves. When nothing prices out there (a mis-price), price at the master's duals.
                pr = price(m, mix(SMOOTHING, res.duals, d), cols, master, perRound, tol, false);
                if (pr.bound > res.bound) {
                    res.bound = pr.bound;
                    res.duals = pr.duals;
                }
                if (pr.best.isEmpty()) {
                    pr = price(m, d, cols, master, perRound, tol, false);
                }
            } else {
                pr = price(m, d, cols, master, perRound, tol, false);
            }
            if (pr.bound > res.bound) {
                res.bound = pr.bound;
                res.duals = pr.duals;
            }
            if (pr.best.isEmpty()) {
                res.converged = true;
                res.status = "OPTIMAL";
                break;
            }
            if (System.nanoTime() > deadline) {
                res.status = "time limit";
                break;
            }
            // add per workload the best-scored negative columns
            for (int w = 0; w < W; w++) {
                List<double[]> l = pr.best.get(w);
                if (l == null) {
                    continue;
                }
                l.sort((a, b) -> Double.compare(a[1], b[1]));
                for (int i = 0; i < Math.min(perRound, l.size()); i++) {
                    addPoolColumn(solver, obj, m, w, (int) l.get(i)[0], count, spot, capV, capM, y, keepVar, cols,
                            inMaster, master);
                }
            }
        }
        if (res.duals != null) {
            // at the best duals: the pool terms with integer node counts (a bound for plans, not for the LP)
            res.integerBound = Math.max(res.bound,
                    price(m, res.duals, cols, master, perRound, tol, true).integerL);
        }
        res.columns = cols.size();
        res.millis = (System.nanoTime() - t0) / 1_000_000L;
        solver.delete();
        return res;
    }

    private static double maxCost(PoolModel m) {
        double c = m.moveCost;
        for (double v : m.uCost) {
            c = Math.max(c, v);
        }
        for (double v : m.yCost) {
            c = Math.max(c, v);
        }
        return c;
    }

    /**
     * The kept rented nodes: keep[r] in [0, 1] (cost 0; binary in a plan) for every rented node of a pool that has
     * a y column, and per such pool the link row {@code y[p] − Σ_{r of p} keep[r] ≥ 0} (a kept node is a node of
     * its pool). Without a move cost nothing depends on which node is kept: no columns.
     */
    private static MPVariable[] keepColumns(MPSolver solver, PoolModel m, MPVariable[] y, MPConstraint[] link) {
        MPVariable[] keepVar = new MPVariable[m.rentedPool.length];
        if (m.moveCost <= 0) {
            return keepVar;
        }
        for (int r = 0; r < keepVar.length; r++) {
            int p = m.rentedPool[r];
            if (y[p] == null) {
                continue;
            }
            if (link[p] == null) {
                link[p] = solver.makeConstraint(0, MPSolver.infinity());
                link[p].setCoefficient(y[p], 1);
            }
            keepVar[r] = solver.makeNumVar(0, 1, "");
            link[p].setCoefficient(keepVar[r], -1);
        }
        return keepVar;
    }

    private static void addMove(MPSolver solver, MPObjective obj, PoolModel m, Col c, MPVariable[] keepVar) {
        if (m.moveCost <= 0) {
            return;
        }
        if (c.before == 0) {
            obj.setCoefficient(c.x, (c.p >= 0 ? m.xCost[c.p] : 0) + m.moveCost);
            return;
        }
        obj.setCoefficient(c.x, c.p >= 0 ? m.xCost[c.p] : 0);
        c.mv = solver.makeNumVar(0, m.rep[c.w], "");
        obj.setCoefficient(c.mv, m.moveCost);
        if (c.p >= 0) {
            // mv[w,p] ≥ x[w,p] − Σ_{r of p} b[w,r] keep[r]: only the replicas on KEPT nodes can stay
            c.mvRow = solver.makeConstraint(0, MPSolver.infinity());
            keepTerms(m, c.w, c.p, keepVar, c.mvRow);
        } else {
            c.mvRow = solver.makeConstraint(-c.before, MPSolver.infinity());
        }
        c.mvRow.setCoefficient(c.mv, 1);
        c.mvRow.setCoefficient(c.x, -1);
    }

    /** Adds b[w,r] keep[r] to a move row of (w, p) for the rented nodes r of p that held w and have a column. */
    private static void keepTerms(PoolModel m, int w, int p, MPVariable[] keepVar, MPConstraint row) {
        for (int r : m.rentedOfPool.getOrDefault(p, List.of())) {
            if (keepVar[r] == null) {
                continue;
            }
            for (int j = 0; j < m.rentedW[r].length; j++) {
                if (m.rentedW[r][j] == w) {
                    row.setCoefficient(keepVar[r], m.rentedB[r][j]);
                }
            }
        }
    }

    private static void addPoolColumn(MPSolver solver, MPObjective obj, PoolModel m, int w, int p,
            MPConstraint[] count, MPConstraint[] spot, MPConstraint[] capV, MPConstraint[] capM, MPVariable[] y,
            MPVariable[] keepVar, List<Col> cols, Map<Long, Col> inMaster, BitSet[] master) {
        long key = (long) w * m.P + p;
        if (inMaster.containsKey(key)) {
            return;
        }
        Col c = new Col(w, p);
        c.before = m.before(w, p);
        c.x = solver.makeNumVar(0, m.xUb(w, p), "");
        obj.setCoefficient(c.x, m.xCost[p]);
        count[w].setCoefficient(c.x, 1);
        if (m.pSpot[p]) {
            spot[w].setCoefficient(c.x, 1);
        }
        capV[p].setCoefficient(c.x, m.wv[w]);
        capM[p].setCoefficient(c.x, m.wm[w]);
        if (FIT_ROWS) {
            c.fitRow = solver.makeConstraint(-MPSolver.infinity(), 0);
            c.fitRow.setCoefficient(c.x, 1);
            c.fitRow.setCoefficient(y[p], -m.fit(w, p));
        }
        addMove(solver, obj, m, c, keepVar);
        cols.add(c);
        inMaster.put(key, c);
        master[w].set(p);
    }

    private static double le(double pi) {
        return Math.min(0, pi);
    }

    private static double ge(double pi) {
        return Math.max(0, pi);
    }

    private static Duals readDuals(PoolModel m, MPSolver solver, MPConstraint[] count, MPConstraint[] spot,
            MPConstraint budget, MPConstraint[] capV, MPConstraint[] capM, MPConstraint[] ownV, MPConstraint[] ownM,
            List<Col> cols, MPConstraint[] link, MPVariable[] keepVar) {
        Duals d = new Duals();
        d.count = new double[m.W];
        d.spot = new double[m.W];
        for (int w = 0; w < m.W; w++) {
            if (count[w] != null) {
                d.count[w] = count[w].dualValue();
                d.spot[w] = le(spot[w].dualValue());
            }
        }
        d.budget = budget == null ? 0 : le(budget.dualValue());
        d.poolV = new double[m.P];
        d.poolM = new double[m.P];
        d.poolFit = new boolean[m.P];
        Arrays.fill(d.poolFit, true);
        for (int p = 0; p < m.P; p++) {
            if (capV[p] != null) {
                d.poolV[p] = le(capV[p].dualValue());
                d.poolM[p] = le(capM[p].dualValue());
            }
        }
        d.ownV = new double[m.O];
        d.ownM = new double[m.O];
        for (int o = 0; o < m.O; o++) {
            d.ownV[o] = le(ownV[o].dualValue());
            d.ownM[o] = le(ownM[o].dualValue());
        }
        d.link = new double[m.P];
        for (int p = 0; p < m.P; p++) {
            if (link[p] != null) {
                d.link[p] = ge(link[p].dualValue());
            }
        }
        d.keepCol = new boolean[keepVar.length];
        for (int r = 0; r < keepVar.length; r++) {
            d.keepCol[r] = keepVar[r] != null;
        }
        for (Col c : cols) {
            long key = c.p >= 0 ? (long) c.w * m.P + c.p : -1 - ((long) c.w * m.O + (-1 - c.p));
            if (c.fitRow != null) {
                d.fit.put(key, le(c.fitRow.dualValue()));
            }
            if (c.mvRow != null) {
                d.move.put(key, ge(c.mvRow.dualValue()));
            }
        }
        return d;
    }

    private static final class Pricing {
        double bound;
        double integerL; // with the integer-node pool terms (valid for plans only)
        double poolL; // the pool terms in bound
        Duals duals;
        Map<Integer, List<double[]>> best = new HashMap<>(); // w -> (pool, score)
    }

    private static final double[] ALPHAS = {0, 0.25, 0.5, 0.75, 1};

    /** Prices every pair, returns the Lagrangian bound (with per-pool dual re-choice) and the negative columns. */
    private static Pricing price(PoolModel m, Duals d, List<Col> cols, BitSet[] master, int keepPerWorkload,
            double tol, boolean integerNodes) {
        Pricing pr = new Pricing();
        // for the integer-node bound: per pool, the pairs with a negative reduced cost before capacity (g, ub)
        Map<Integer, List<double[]>> items = integerNodes && !FIT_ROWS ? new HashMap<>() : null;
        double L = 0;
        for (int w = 0; w < m.W; w++) {
            if (m.rep[w] == 0) {
                continue;
            }
            L += d.count[w] * m.rep[w] + d.spot[w] * m.spotMax[w];
            L += Math.min(0, m.uCost[w] - d.count[w]) * m.rep[w];
        }
        if (m.budget != null) {
            L += d.budget * m.budget;
        }
        for (int o = 0; o < m.O; o++) {
            L += d.ownV[o] * m.owned[o].vcpus() + d.ownM[o] * m.owned[o].memoryGiB();
        }
        // owned columns and move columns
        for (Col c : cols) {
            if (c.mv != null) {
                long key = c.p >= 0 ? (long) c.w * m.P + c.p : -1 - ((long) c.w * m.O + (-1 - c.p));
                double pim = d.move.get(key);
                if (c.p < 0) {
                    L += pim * -c.before; // pool move rows have right-hand side 0 (the keep columns hold b)
                }
                L += Math.min(0, m.moveCost - pim) * m.rep[c.w];
            }
            if (c.p < 0) {
                int o = -1 - c.p;
                long key = -1 - ((long) c.w * m.O + o);
                double cx = c.mv == null ? m.moveCost : d.move.get(key);
                double dx = cx - d.count[c.w] - m.wv[c.w] * d.ownV[o] - m.wm[c.w] * d.ownM[o];
                L += Math.min(0, dx) * Math.min(m.rep[c.w],
                        m.fit(c.w, m.owned[o].vcpus(), m.owned[o].memoryGiB()));
            }
        }
        for (int r = 0; r < d.keepCol.length; r++) {
            if (d.keepCol[r]) {
                L += Math.min(0, d.reducedKeep(m, r));
            }
        }
        // pools: (a) the master's duals; (b) for each alpha, capacity duals that price a node at its cost (less
        // the link dual, when that is positive)
        int P = m.P;
        int A = ALPHAS.length;
        double[] contribA = new double[P];
        double[][] contribB = new double[A][P];
        double[] cPrime = new double[P];
        double[] cB = new double[P];
        for (int p = 0; p < P; p++) {
            cPrime[p] = m.yCost[p] - d.budget * m.pPrice[p] - d.link[p];
            cB[p] = Math.max(0, cPrime[p]);
        }
        Map<Integer, Double> fitSumY = new HashMap<>(); // sum over fit rows of fit * pi per pool
        for (Col c : cols) {
            if (c.p >= 0 && c.fitRow != null) {
                long key = (long) c.w * P + c.p;
                fitSumY.merge(c.p, m.fit(c.w, c.p) * d.fit.get(key), Double::sum);
            }
        }
        for (int w = 0; w < m.W; w++) {
            if (m.rep[w] == 0) {
                continue;
            }
            List<double[]> neg = null;
            for (int p : m.eligiblePools[w]) {
                long key = (long) w * P + p;
                boolean inM = master[w].get(p);
                double g;
                double fitPi = 0;
                if (inM) {
                    Double mv = d.move.get(key);
                    g = (mv == null ? m.xCostFresh(p) : m.xCost[p] + mv) - d.count[w] - (m.pSpot[p] ? d.spot[w] : 0);
                    fitPi = d.fit.getOrDefault(key, 0.0);
                } else {
                    g = m.xCostFresh(p) - d.count[w] - (m.pSpot[p] ? d.spot[w] : 0);
                }
                double ub = m.xUb(w, p);
                double dA = g - m.wv[w] * d.poolV[p] - m.wm[w] * d.poolM[p] - fitPi;
                if (items != null && g < 0 && ub > 0) {
                    items.computeIfAbsent(p, k -> new ArrayList<>()).add(new double[] {g, w, ub});
                }
                if (dA < 0) {
                    contribA[p] += dA * ub;
                }
                double c = cB[p];
                for (int a = 0; a < A; a++) {
                    double dB = g + m.wv[w] * ALPHAS[a] * c / m.pV[p] + m.wm[w] * (1 - ALPHAS[a]) * c / m.pM[p];
                    if (dB < 0) {
                        contribB[a][p] += dB * ub;
                    }
                }
                if (!inM && dA < -tol) {
                    double dy = cPrime[p] + m.pV[p] * d.poolV[p] + m.pM[p] * d.poolM[p] + fitSumY.getOrDefault(p, 0.0);
                    double share = Math.max(m.wv[w] / m.pV[p], Math.max(m.wm[w] / m.pM[p], 1.0 / m.fit(w, p)));
                    double score = dA + Math.max(0, dy) * share;
                    if (neg == null) {
                        neg = new ArrayList<>();
                        pr.best.put(w, neg);
                    }
                    if (neg.size() < keepPerWorkload) {
                        neg.add(new double[] {p, score});
                    } else {
                        // keep the best keepPerWorkload scores (replace the worst)
                        int worst = 0;
                        for (int i = 1; i < neg.size(); i++) {
                            if (neg.get(i)[1] > neg.get(worst)[1]) {
                                worst = i;
                            }
                        }
                        if (score < neg.get(worst)[1]) {
                            neg.set(worst, new double[] {p, score});
                        }
                    }
                }
            }
        }
        Duals out = copy(d);
        for (int p = 0; p < P; p++) {
            double dyA = cPrime[p] + m.pV[p] * d.poolV[p] + m.pM[p] * d.poolM[p] + fitSumY.getOrDefault(p, 0.0);
            double a = contribA[p] + Math.min(0, dyA) * m.yUb[p];
            double bestB = Double.NEGATIVE_INFINITY;
            int bestAlpha = -1;
            for (int k = 0; k < A; k++) {
                if (contribB[k][p] > bestB) {
                    bestB = contribB[k][p];
                    bestAlpha = k;
                }
            }
            bestB += Math.min(0, cPrime[p]) * m.yUb[p];
            if (items != null) {
                // the integer-node value of the pool: valid for plans (integer node counts), not for the LP
                double c = integerPoolTerm(m, p, cPrime[p], items.get(p), d);
                pr.integerL += Math.max(c, Math.max(a, bestB));
            }
            if (bestB > a) {
                L += bestB;
                pr.poolL += bestB;
                out.poolV[p] = -ALPHAS[bestAlpha] * cB[p] / m.pV[p];
                out.poolM[p] = -(1 - ALPHAS[bestAlpha]) * cB[p] / m.pM[p];
                out.poolFit[p] = false;
            } else {
                L += a;
                pr.poolL += a;
            }
        }
        pr.bound = L;
        pr.integerL += L - pr.poolL;
        pr.duals = out;
        return pr;
    }

    private static final double[] SCALES = {0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 5};

    /**
     * A lower bound of the pool's Lagrangian subproblem with its capacity rows kept and the node count an INTEGER:
     * min over y ∈ {0, …, yUb} and 0 ≤ x_w ≤ ub_w with Σ vcpus_w x_w ≤ V y, Σ mem_w x_w ≤ M y of c·y + Σ g_w x_w.
     * y = 0 gives 0. For y ≥ 1 and any capacity prices α, β ≥ 0 (weak duality of the inner LP), the inner minimum is
     * at least −(αV + βM)·y + Σ ub_w min(0, g_w + α vcpus_w + β mem_w); the maximum F(y) over a grid of (α, β) is
     * convex in y (a maximum of linear functions), so a ternary search over the integers 1..yUb finds its minimum.
     * Where the LP buys a fraction of a node for a few replicas that their caps (one per spot pool) keep from filling
     * a whole one, a plan must pay the whole node or leave them: this term is then above the LP's.
     */
    private static double integerPoolTerm(PoolModel m, int p, double c, List<double[]> items, Duals d) {
        if (items == null || items.isEmpty()) {
            return Math.min(0, c) * m.yUb[p];
        }
        double cb = Math.max(0, c);
        List<double[]> grid = new ArrayList<>();
        for (double a : ALPHAS) {
            for (double t : SCALES) {
                grid.add(new double[] {t * a * cb / m.pV[p], t * (1 - a) * cb / m.pM[p]});
            }
        }
        for (double t : SCALES) {
            grid.add(new double[] {-t * d.poolV[p], -t * d.poolM[p]});
        }
        int gn = grid.size();
        double[] slope = new double[gn];
        double[] con = new double[gn];
        for (int i = 0; i < gn; i++) {
            double al = grid.get(i)[0];
            double be = grid.get(i)[1];
            slope[i] = c - al * m.pV[p] - be * m.pM[p];
            double sum = 0;
            for (double[] it : items) {
                int w = (int) it[1];
                sum += it[2] * Math.min(0, it[0] + al * m.wv[w] + be * m.wm[w]);
            }
            con[i] = sum;
        }
        long lo = 1;
        long hi = Math.max(1, m.yUb[p]);
        while (hi - lo > 2) {
            long m1 = lo + (hi - lo) / 3;
            long m2 = hi - (hi - lo) / 3;
            if (f(slope, con, m1) <= f(slope, con, m2)) {
                hi = m2;
            } else {
                lo = m1;
            }
        }
        double best = 0; // y = 0
        for (long y = lo; y <= hi; y++) {
            best = Math.min(best, f(slope, con, y));
        }
        return best;
    }

    private static double f(double[] slope, double[] con, long y) {
        double v = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < slope.length; i++) {
            v = Math.max(v, slope[i] * y + con[i]);
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------- integer bound

    /** Result of the integer bound. */
    static final class Milp {
        double bound = Double.NEGATIVE_INFINITY;
        double solverBound = Double.NaN;
        double incumbent = Double.NaN;
        String status = "";
        int pools;
        long columns;
        long millis;

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "MILP bound %.4f (solver bound %.4f, incumbent %.4f, %s, %d pools, %d columns, %d ms)", bound,
                    solverBound, incumbent, status, pools, columns, millis);
        }
    }

    /**
     * Integer R (integer nodes and replicas per pool) restricted by reduced-cost fixing against {@code ub}, solved by
     * an OR-Tools MIP solver ("SCIP", "CP_SAT", "HIGHS") under a time limit. {@code ub} must be the objective of a
     * real feasible plan (checked). Returns max(LP bound, min(ub, proven dual bound)).
     */
    static Milp milp(PoolModel m, Lp lp, double ub, long millis, String solverId, long maxColumns) {
        OrTools.load();
        long t0 = System.nanoTime();
        Milp res = new Milp();
        res.bound = Math.min(lp.bound, ub);
        Duals d = lp.duals;
        if (d == null) {
            res.status = "no LP duals";
            return res;
        }
        // conservative slack: a column is dropped only if d_j exceeds it with a margin
        double slack = ub - lp.bound + 1e-7 * Math.abs(ub) + 1e-7;
        double[] dy = d.reducedY(m);
        boolean[] keep = new boolean[m.P];
        long[] yMax = new long[m.P];
        for (int p = 0; p < m.P; p++) {
            if (dy[p] > slack) {
                continue;
            }
            yMax[p] = dy[p] > 0 ? Math.min(m.yUb[p], (long) Math.floor(slack / dy[p])) : m.yUb[p];
            keep[p] = yMax[p] > 0;
        }
        List<long[]> pairs = new ArrayList<>(); // w, p, ub
        for (int w = 0; w < m.W; w++) {
            for (int p : m.eligiblePools[w]) {
                if (!keep[p]) {
                    continue;
                }
                double dx = d.reducedX(m, w, p);
                if (dx > slack) {
                    continue;
                }
                long xu = Math.min(m.xUb(w, p), m.fit(w, p) * yMax[p]);
                if (dx > 0) {
                    xu = Math.min(xu, (long) Math.floor(slack / dx));
                }
                if (xu > 0) {
                    pairs.add(new long[] {w, p, xu});
                }
            }
        }
        res.columns = pairs.size();
        if (pairs.size() > maxColumns) {
            res.status = "too many columns after fixing";
            res.millis = (System.nanoTime() - t0) / 1_000_000L;
            return res;
        }
        MPSolver solver = MPSolver.createSolver(solverId);
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
            MPVariable u = INTEGER_REPLICAS ? solver.makeIntVar(0, m.rep[w], "") : solver.makeNumVar(0, m.rep[w], "");
            count[w].setCoefficient(u, 1);
            obj.setCoefficient(u, m.uCost[w]);
            spot[w] = solver.makeConstraint(-inf, m.spotMax[w]);
        }
        MPConstraint budget = m.budget == null ? null : solver.makeConstraint(-inf, m.budget);
        MPVariable[] y = new MPVariable[m.P];
        MPConstraint[] capV = new MPConstraint[m.P];
        MPConstraint[] capM = new MPConstraint[m.P];
        // the reduced-cost inequality itself: sum of d_j x_j over the kept columns <= slack
        MPConstraint rc = solver.makeConstraint(-inf, slack);
        for (long[] pr : pairs) {
            int p = (int) pr[1];
            if (y[p] != null) {
                continue;
            }
            y[p] = INTEGER_REPLICAS ? solver.makeIntVar(0, yMax[p], "") : solver.makeNumVar(0, yMax[p], "");
            res.pools++;
            obj.setCoefficient(y[p], m.yCost[p]);
            capV[p] = solver.makeConstraint(-inf, 0);
            capM[p] = solver.makeConstraint(-inf, 0);
            capV[p].setCoefficient(y[p], -m.pV[p]);
            capM[p].setCoefficient(y[p], -m.pM[p]);
            if (budget != null) {
                budget.setCoefficient(y[p], m.pPrice[p]);
            }
            if (dy[p] > 0) {
                rc.setCoefficient(y[p], dy[p]);
            }
        }
        // kept rented nodes: binary, unless reduced-cost fixing drops them (then 0 in every plan better than ub)
        MPVariable[] keepVar = new MPVariable[m.rentedPool.length];
        for (int r = 0; r < keepVar.length; r++) {
            int p = m.rentedPool[r];
            if (!d.keepCol[r] || y[p] == null) {
                continue; // no keep column in R, or the pool has no node in any plan better than ub
            }
            double dk = d.reducedKeep(m, r);
            if (dk > slack) {
                continue;
            }
            keepVar[r] = solver.makeIntVar(0, 1, "");
            MPConstraint l = solver.makeConstraint(0, inf);
            l.setCoefficient(y[p], 1);
            l.setCoefficient(keepVar[r], -1);
            if (dk > 0) {
                rc.setCoefficient(keepVar[r], dk);
            }
        }
        for (long[] pr : pairs) {
            int w = (int) pr[0];
            int p = (int) pr[1];
            MPVariable x = INTEGER_REPLICAS ? solver.makeIntVar(0, pr[2], "") : solver.makeNumVar(0, pr[2], "");
            count[w].setCoefficient(x, 1);
            if (m.pSpot[p]) {
                spot[w].setCoefficient(x, 1);
            }
            capV[p].setCoefficient(x, m.wv[w]);
            capM[p].setCoefficient(x, m.wm[w]);
            MPConstraint f = solver.makeConstraint(-inf, 0);
            f.setCoefficient(x, 1);
            f.setCoefficient(y[p], -m.fit(w, p));
            int before = m.before(w, p);
            MPConstraint mvRow = moveColumn(solver, obj, m, x, m.xCost[p], before, w, true);
            if (mvRow != null) {
                keepTerms(m, w, p, keepVar, mvRow);
            }
            double dx = d.reducedX(m, w, p);
            if (dx > 0) {
                rc.setCoefficient(x, dx);
            }
        }
        for (int o = 0; o < m.O; o++) {
            MPConstraint ov = solver.makeConstraint(-inf, m.owned[o].vcpus());
            MPConstraint om = solver.makeConstraint(-inf, m.owned[o].memoryGiB());
            for (int w = 0; w < m.W; w++) {
                if (!m.eligibleOwned(w, o)) {
                    continue;
                }
                long xu = Math.min(m.rep[w], m.fit(w, m.owned[o].vcpus(), m.owned[o].memoryGiB()));
                MPVariable x = INTEGER_REPLICAS ? solver.makeIntVar(0, xu, "") : solver.makeNumVar(0, xu, "");
                count[w].setCoefficient(x, 1);
                ov.setCoefficient(x, m.wv[w]);
                om.setCoefficient(x, m.wm[w]);
                moveColumn(solver, obj, m, x, 0, m.beforeOwned[o][w], w, false);
            }
        }
        solver.setTimeLimit(Math.max(1, millis - (System.nanoTime() - t0) / 1_000_000L));
        MPSolverParameters params = new MPSolverParameters();
        params.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 1e-7);
        MPSolver.ResultStatus st = solver.solve(params);
        res.status = st.toString();
        if (st == MPSolver.ResultStatus.OPTIMAL || st == MPSolver.ResultStatus.FEASIBLE
                || st == MPSolver.ResultStatus.NOT_SOLVED) {
            double b = obj.bestBound();
            res.solverBound = b;
            if (st != MPSolver.ResultStatus.NOT_SOLVED) {
                res.incumbent = obj.value();
            }
            if (Double.isFinite(b)) {
                res.bound = Math.max(res.bound, Math.min(ub, b));
            }
        }
        // INFEASIBLE cannot happen in exact arithmetic (the plan reaching ub is a point of the restricted model);
        // if the solver says so anyway, only the LP bound is kept
        solver.delete();
        res.millis = (System.nanoTime() - t0) / 1_000_000L;
        return res;
    }

    /** Move cost of a replica column; returns the move row of a pool pair (right-hand side 0, keep terms to add). */
    private static MPConstraint moveColumn(MPSolver solver, MPObjective obj, PoolModel m, MPVariable x, double cost,
            int before, int w, boolean pool) {
        if (m.moveCost <= 0) {
            obj.setCoefficient(x, cost);
        } else if (before == 0) {
            obj.setCoefficient(x, cost + m.moveCost);
        } else {
            obj.setCoefficient(x, cost);
            MPVariable mv = solver.makeNumVar(0, m.rep[w], "");
            obj.setCoefficient(mv, m.moveCost);
            MPConstraint r = solver.makeConstraint(pool ? 0 : -before, MPSolver.infinity());
            r.setCoefficient(mv, 1);
            r.setCoefficient(x, -1);
            return pool ? r : null;
        }
        return null;
    }

    /** Weight of the stability centre in the pricing point of the column generation (0: the master's duals). */
    static final double SMOOTHING = Double.parseDouble(System.getProperty("lpSmoothing", "0.5"));

    /**
     * a·centre + (1 − a)·master, row by row (sign-feasible when both are); rows the centre did not have yet (move rows
     * of columns added since) take the master's value.
     */
    private static Duals mix(double a, Duals centre, Duals master) {
        Duals c = copy(master);
        for (int i = 0; i < c.count.length; i++) {
            c.count[i] = a * centre.count[i] + (1 - a) * master.count[i];
            c.spot[i] = a * centre.spot[i] + (1 - a) * master.spot[i];
        }
        c.budget = a * centre.budget + (1 - a) * master.budget;
        for (int p = 0; p < c.poolV.length; p++) {
            c.poolV[p] = a * centre.poolV[p] + (1 - a) * master.poolV[p];
            c.poolM[p] = a * centre.poolM[p] + (1 - a) * master.poolM[p];
            c.poolFit[p] = centre.poolFit[p] && master.poolFit[p];
            c.link[p] = a * centre.link[p] + (1 - a) * master.link[p];
        }
        for (int o = 0; o < c.ownV.length; o++) {
            c.ownV[o] = a * centre.ownV[o] + (1 - a) * master.ownV[o];
            c.ownM[o] = a * centre.ownM[o] + (1 - a) * master.ownM[o];
        }
        for (var e : c.move.entrySet()) {
            Double old = centre.move.get(e.getKey());
            if (old != null) {
                e.setValue(a * old + (1 - a) * e.getValue());
            }
        }
        for (var e : c.fit.entrySet()) {
            Double old = centre.fit.get(e.getKey());
            if (old != null) {
                e.setValue(a * old + (1 - a) * e.getValue());
            }
        }
        return c;
    }

    private static Duals copy(Duals d) {
        Duals c = new Duals();
        c.count = d.count.clone();
        c.spot = d.spot.clone();
        c.budget = d.budget;
        c.poolV = d.poolV.clone();
        c.poolM = d.poolM.clone();
        c.poolFit = d.poolFit.clone();
        c.ownV = d.ownV.clone();
        c.ownM = d.ownM.clone();
        c.fit = new HashMap<>(d.fit);
        c.move = new HashMap<>(d.move);
        c.link = d.link.clone();
        c.keepCol = d.keepCol.clone();
        return c;
    }
}
