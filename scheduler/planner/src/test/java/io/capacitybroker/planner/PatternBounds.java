package io.capacitybroker.planner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;

/**
 * A lower bound of the contract's objective from the Gilmore–Gomory / Dantzig–Wolfe <b>pattern LP</b>
 * (test/benchmark code, OR-Tools GLOP). Much tighter than the aggregated relaxation R of {@link PoolBounds} when the
 * per-node packing matters (R lets replicas of one pool share capacity no single node has).
 *
 * <h2>The pattern relaxation P</h2>
 * Pools as in {@link PoolModel} (offers, and the shapes of rented nodes whose offer vanished), plus every OWNED node
 * o as a pool of its own: node-count bound 1, node cost 0, replica cost 0, the node's capacity, eligibility
 * {@link PoolModel#eligibleOwned}. A <i>pattern</i> a of pool p is a NON-ZERO integer vector a_w ≥ 0 over the
 * workloads eligible for p with {@code Σ_w vcpus_w a_w ≤ vcpus_p + 1e-9}, {@code Σ_w mem_w a_w ≤ mem_p + 1e-9},
 * {@code a_w ≤ replicas_w} and, on a spot pool, {@code a_w ≤ spotMax_w = floor(maxSpotShare × replicas_w)} and
 * {@code a_w ≤ poolMax_w = max(1, ceil(maxSpotPoolShare × replicas_w))}.
 * Variables: {@code z[p,a] ≥ 0} (nodes of p that carry pattern a), {@code u[w] ∈ [0, replicas_w]} (unplaced),
 * move variables {@code mv}. Rows:
 * <ul>
 * <li>counts {@code Σ_{p,a} a_w z[p,a] + u[w] = replicas_w};</li>
 * <li>node counts {@code Σ_a z[p,a] ≤ yUb[p]} ({@link PoolModel#yUb}; 1 for an owned node);</li>
 * <li>spot share {@code Σ_{spot p} Σ_a a_w z[p,a] ≤ spotMax_w};</li>
 * <li>pool spread {@code Σ_a a_w z[p,a] ≤ poolMax_w} per workload and spot pool;</li>
 * <li>budget {@code Σ_p price_p Σ_a z[p,a] ≤ budgetPerHour} (when the policy has one);</li>
 * <li>kept rented nodes: {@code keep[r] ∈ [0, 1]} per rented node r of pool p and the link row
 * {@code Σ_a z[p,a] − Σ_{r of p} keep[r] ≥ 0} (when moves cost something);</li>
 * <li>moves, per (w, p) with B[w,p] = replicas of w on the rented nodes of p in the scenario &gt; 0:
 * {@code mv[w,p] − Σ_a a_w z[p,a] + Σ_{r of p} b[w,r] keep[r] ≥ 0}, {@code mv[w,p] ∈ [0, xUb(w,p)]} (xUb as in
 * {@link PoolModel#xUb}); per owned node exactly: {@code mv[w,o] − Σ_a a_w z[o,a] ≥ −before(o,w)},
 * {@code mv[w,o] ∈ [0, max(0, min(replicas_w, fit) − before)]}. When B[w,p] = 0 (before(o,w) = 0) every replica
 * there is a move: its move cost is put on the pattern. (No move rows when moves cost nothing.)</li>
 * </ul>
 * Objective: {@code Σ z[p,a] (yCost_p + Σ_w a_w (xCost_p + [B[w,p] = 0] moveCost)) + moveCost Σ mv
 * + Σ_w H unplacedCost_w u[w]}.
 *
 * <p><b>Validity (opt(P) ≤ the optimum of the contract).</b> Take an optimal plan that keeps PoolModel's node limit
 * (some optimal plan does: the replicas on new nodes of a pool can be repacked one workload per node into at most
 * Σ_w ceil(rep_w / fit) nodes without raising any cost or breaking any rule, see {@link PoolModel}). Drop its empty
 * nodes: an empty owned node costs nothing, an empty kept rented node costs yCost_p ≥ 0 and only adds to the budget,
 * so the objective does not rise and every rule still holds. Map it to P: {@code z[p,a]} = its kept and new nodes of
 * pool p whose placements are exactly a, {@code z[o,a]} = 1 for the placements a of owned node o, u = its unplaced
 * replicas, mv = max(0, x − B) with x = Σ_a a_w z (replicas of w on pool p / owned node o).
 * <ol>
 * <li>Every node's placement vector is a pattern of its pool: it is non-zero (empty nodes were dropped); rule 2
 * holds per node; rule 3 makes a_w &gt; 0 only for eligible workloads (PoolModel's eligibility also requires that
 * one replica fits and that the pool can run a node, both true for a used node); rule 1 gives a_w ≤ replicas_w; on a
 * spot node rule 4 gives a_w ≤ spotMax_w and rule 5 (counted over the whole offer id, whose nodes include this
 * pool's) gives a_w ≤ poolMax_w.</li>
 * <li>Rows: counts are rule 1; node counts hold by the choice of plan (an owned node is one node); spot share is
 * rule 4 (owned nodes are not spot); pool spread is rule 5 restricted to the nodes of one pool (a pool is an offer
 * id, or a part of a vanished one); budget is rule 7 over the non-empty kept and new nodes.</li>
 * <li>Moves: keep[r] = 1 for the plan's kept rented nodes (each is a node of its pool: the link row holds); the
 * plan's moves of w on the nodes n of pool p are Σ_n max(0, a_n − b_n) ≥ max(0, Σ_n a_n − Σ_kept b_n) = max(0, x −
 * Σ_r b[w,r] keep[r]) = mv (new nodes have b = 0), and mv ≤ x ≤ xUb (replicas, spot caps, fit × yUb). With B = 0,
 * moves = x exactly. Owned nodes: exact. (Until session 8 the row was {@code mv − Σ a z ≥ −B} with B over ALL rented
 * nodes of p, as if every one were kept.)</li>
 * <li>Objective: node costs are H × (price + carbon) per kept or new node, interruptions xCost_p per replica on a
 * spot pool, unplaced H × cost per replica, moves counted never more than the plan's. So the point's objective is
 * at most the plan's.</li>
 * </ol>
 * Hence opt(P) ≤ opt(contract) ≤ the objective of every plan. P is also at least as tight as R's LP: every point of P
 * gives a point of R with the same objective ({@code y = Σ_a z}, {@code x = Σ_a a z}; every pattern keeps the pool's
 * capacity, so R's aggregated rows hold).
 *
 * <p><b>Implied node-count bounds.</b> In every point of P, {@code Σ_a z[p,a] ≤ Σ_a |a| z[p,a] = Σ_w x[w,p]} (patterns
 * are non-zero) {@code ≤ Σ_{w eligible} cap_w} with cap_w = replicas_w (count row, u ≥ 0), on a spot pool
 * min(replicas_w, poolMax_w, spotMax_w) (spread and spot-share rows); and {@code price_p Σ_a z[p,a] ≤ budget}
 * (budget row, prices ≥ 0). So yUb[p] is replaced by the minimum of the three: P keeps the same points.
 *
 * <h2>Column generation and a bound valid at every iteration</h2>
 * The master (GLOP) starts from single-workload patterns on each workload's K cheapest pools (cost per replica of a
 * node filled with it) and on every pool it ran on, single-workload patterns on owned nodes, the current
 * placements of every rented and owned node (cut to valid patterns), and optionally the nodes of a warm-start plan
 * (each node's placements as a pattern of its pool), so it starts at least as good as that plan. Spread rows enter
 * the master when its solution breaks them.
 *
 * <p>For duals π (counts, free), s (spot share, ≤ 0), t (spread rows, ≤ 0; any t ≤ 0 for a row of P, in the master
 * or not, 0 by default), β (budget, ≤ 0), μ (move rows, ≥ 0), σ (link rows, ≥ 0), the value of a replica of w on
 * a node of p is {@code profit_w = π_w + [spot](s_w + t_wp − xCost_p) − [B > 0] μ_wp − [B = 0] moveCost}
 * (the move row is written {@code mv − Σ a z + Σ b keep ≥ 0}, so its coefficient for a pattern is −a_w and μ is
 * subtracted),
 * and the reduced cost of a pattern without the node-count row is {@code rc'(a) = yCost_p − β price_p − σ_p − Σ_w profit_w
 * a_w}. The bound reported is the Lagrangian value of P with every row but the node counts dualised (the node counts
 * and variable bounds stay in the inner problem): for sign-feasible duals and any point of P,
 * {@code obj ≥ obj − Σ_i π_i (A_i x − rhs_i)} (each term is ≥ 0, or 0 for equalities), and minimising the right-hand
 * side over z, u, mv within their bounds and the node counts gives
 * <pre>
 *   L = Σ_w π_w rep_w + Σ_w min(0, uCost_w − π_w) rep_w + Σ_w s_w spotMax_w + Σ_(spread rows) t_wp poolMax_w
 *     + β budget + Σ_(owned move rows) (−μ B) + Σ_(move rows) min(0, moveCost − μ) mvUb
 *     + Σ_r min(0, σ_p(r) − Σ_w μ_wp(r) b[w,r])           (keep columns; σ ≥ 0 the link duals)
 *     + Σ_p yUb_p min(0, yCost_p − β price_p − σ_p − UB_p)   (owned nodes: yUb = 1, yCost = price = σ = 0)
 * </pre>
 * (with UB_p = 0 when no replica has a positive value on p: every pattern is then worth at most 0)
 * with UB_p any upper bound of max_a Σ profit_w a_w (a 2-D bounded integer knapsack). So L ≤ opt(P) for ANY
 * sign-feasible duals: before convergence, when the time limit stops the generation, when GLOP's duals are slightly
 * off (they are projected to the signs above), and when a knapsack is only bounded from above. The best L over all
 * dual vectors tried is reported. When pricing at the master's duals proves that no pattern has a negative reduced
 * cost and the master breaks no spread row, the master's solution is optimal for P and L equals opt(P) up to the
 * tolerances (complementary slackness on the node-count rows); it also stops when L reaches the master's value.
 *
 * <p><b>Pricing.</b> {@link Knapsack} solves a pool's knapsack exactly by branch and bound above a floor of
 * yCost_p − β price_p (patterns worth less have rc' ≥ 0 and add nothing to L); when its node limit stops it, UB_p is
 * the smallest of the bounds of its open subtrees, a Lagrangian bound with a DP over one resource, and SCIP's proven
 * dual bound (times 1 + 1e-9: SCIP is a floating-point solver, the same trust as {@link PoolBounds#milp}).
 * While exact pricing costs much more than a master solve, rounds use a heuristic pricing (a few search nodes, UB_p
 * the LP bound of the knapsack: L stays valid, only weaker), with an exact round when it finds few columns and every
 * {@code EXACT_EVERY} iterations. Per round the best patterns of the {@code PER_ROUND} most negative pools enter,
 * with a second one from a greedy fill.
 *
 * <p><b>Duals tried.</b> The master's; a Wentges-smoothed vector {@code α·centre + (1 − α)·master} (the centre is the
 * vector with the best L so far; columns enter when negative in the master's duals, else the master's duals are
 * priced); and, when an LP of R is given, R's duals (counts, spot share, budget, moves as they are, and for a spot
 * pair whose R bound x[w,p] ≤ poolMax_w binds, its reduced cost as the spread dual t_wp). GLOP re-solves the
 * master from scratch after every change (MPSolver gives no warm start), so columns far from the current solution
 * are dropped when the master grows (pricing finds them again when needed).
 */
final class PatternBounds {

    /** Result of the pattern LP bound. */
    static final class Result {
        double bound = Double.NEGATIVE_INFINITY;
        double masterObjective = Double.NaN;
        boolean converged;
        int iterations;
        int columns;
        int spreadRows;
        int pools;
        long knapsacks;
        long knapsacksCapped;
        long millis;
        long solveNanos;
        long priceNanos;
        long scipCalls;
        int purges;
        double boundFromR = Double.NaN;
        String status = "";
        /** The restricted master MIP ({@code -DpatternMipMillis=}, a diagnostic): its objective, SCIP's bound. */
        String mipStatus;
        double mipObjective = Double.NaN;
        double mipBound = Double.NaN;
        long mipMillis;
        double mipNodes;
        double mipSpend;
        double mipUnplacedCost;
        /** Per workload, replicas placed by the restricted master MIP. */
        double[] mipPlaced;
        /** The restricted master MIP's solution as a plan (to be checked: P counts moves per pool, not per node). */
        Plan mipPlan;

        /** The restricted master MIP's figures, or an empty string when it was not run. */
        String mipSummary() {
            if (mipStatus == null) {
                return "";
            }
            return String.format(Locale.ROOT,
                    "restricted master MIP (%s, %d ms): objective %.4f, SCIP's bound over the same columns %.4f;"
                            + " %.0f rented/new nodes, %.4f $/h, unplaced cost %.2f",
                    mipStatus, mipMillis, mipObjective, mipBound, mipNodes, mipSpend, mipUnplacedCost);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "pattern LP bound %.4f (master %.4f, %s, %d iterations, %d columns, %d pools, %d spread rows,"
                            + " %d knapsacks, %d not proven, L at R's duals %.4f, %d ms: LP %d, pricing %d)",
                    bound, masterObjective, converged ? "converged" : "not converged: " + status, iterations, columns,
                    pools, spreadRows, knapsacks, knapsacksCapped, boundFromR, millis, solveNanos / 1_000_000,
                    priceNanos / 1_000_000);
        }
    }

    static int K = Integer.getInteger("patternK", 8);
    static int PER_ROUND = Integer.getInteger("patternPerRound", 300);
    static long KNAP_NODES = Long.getLong("patternKnapNodes", 20_000);

    private static final double CAP_TOL = 1e-9;
    static double ALPHA = Double.parseDouble(System.getProperty("patternAlpha", "0.4"));
    static int PURGE_EVERY = Integer.getInteger("patternPurgeEvery", 5);
    static int PURGE_MIN = Integer.getInteger("patternPurgeMin", 1_500);
    static int PURGE_FACTOR = Integer.getInteger("patternPurgeFactor", 2);
    static long PURGE_SOLVE_MILLIS = Long.getLong("patternPurgeSolveMillis", 300);
    static long QUICK_NODES = Long.getLong("patternQuickNodes", 200);
    static int QUICK_MIN = Integer.getInteger("patternQuickMin", 15);
    static int EXACT_EVERY = Integer.getInteger("patternExactEvery", 10);
    static final boolean DIAG = Boolean.getBoolean("patternDiag");
    static String LP_SOLVER = System.getProperty("patternLp", "GLOP");
    private static final int DP_CAP = Integer.getInteger("patternDpCap", 1024);
    static boolean USE_DP = Boolean.parseBoolean(System.getProperty("patternDp", "true"));
    static long SCIP_MILLIS = Long.getLong("patternScipMillis", 2_000);
    /** Time for the restricted master MIP after the column generation (a diagnostic; 0, the default: not run). */
    static long MIP_MILLIS = Long.getLong("patternMipMillis", 0);
    private static final double PRUNE_TOL = Double.parseDouble(System.getProperty("patternPruneTol", "1e-6"));

    private PatternBounds() {
    }

    static Result lp(PoolModel m, Plan warm, long millis) {
        return lp(m, warm, null, millis);
    }

    /**
     * The pattern LP bound. {@code warm}: a plan whose nodes seed the master (optional); {@code r}: a solved LP of
     * R whose duals (sign-feasible for P's rows as well: counts, spot share, budget, moves; spread duals 0) give the
     * first Lagrangian value and the first stability centre (optional). Then the bound is at least L(R's duals),
     * which is at least R's LP bound when that LP converged.
     */
    static Result lp(PoolModel m, Plan warm, PoolBounds.Lp r, long millis) {
        return new Solver(m).run(warm, r, millis);
    }

    // ------------------------------------------------------------------------------------------------ the model

    private static final class Col {
        final int q;
        final int[] ws; // workloads, increasing
        final int[] cnt;
        MPVariable z;
        int index;

        Col(int q, int[] ws, int[] cnt) {
            this.q = q;
            this.ws = ws;
            this.cnt = cnt;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Col c && c.q == q && Arrays.equals(c.ws, ws) && Arrays.equals(c.cnt, cnt);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * q + Arrays.hashCode(ws)) + Arrays.hashCode(cnt);
        }
    }

    private static final class Solver {
        final PoolModel m;
        final int W;
        final int P;
        final int NQ; // pools, then owned nodes
        final double[] qV;
        final double[] qM;
        final double[] qYUb;
        final double[] qYCost;
        final double[] qPrice;
        final boolean[] qSpot;
        final double[] qXCost;
        // items (eligible workloads) of each pool in CSR form, workloads increasing
        final int[] qStart;
        final int[] itemW;
        final int[] itemCap;
        final int[] itemMove; // move row or -1
        final int[] itemSpread; // spread row or -1
        // move rows
        int moves;
        int[] moveB;
        double[] moveUb;
        boolean[] movePool; // a pool's move row: right-hand side 0, the kept rented nodes hold b
        MPConstraint[] moveRow;
        // kept rented nodes (when moves cost something): per rented node its move rows and replicas there
        int[][] keepRow;
        int[][] keepB;
        MPConstraint[] linkRow; // per pool with rented nodes: Σ_a z[p,a] − Σ_r keep[r] ≥ 0
        // spread rows
        final List<Integer> spreadItem = new ArrayList<>();
        final List<MPConstraint> spreadRow = new ArrayList<>();

        MPSolver solver;
        MPObjective obj;
        MPConstraint[] count;
        MPConstraint[] spot;
        MPConstraint budget;
        MPConstraint[] nodeRow;
        final List<Col> cols = new ArrayList<>();
        final Map<Col, Col> colSet = new HashMap<>();
        List<Col>[] colsOfQ;
        Result res = new Result();

        @SuppressWarnings("unchecked")
        Solver(PoolModel m) {
            this.m = m;
            W = m.W;
            P = m.P;
            NQ = P + m.O;
            qV = new double[NQ];
            qM = new double[NQ];
            qYUb = new double[NQ];
            qYCost = new double[NQ];
            qPrice = new double[NQ];
            qSpot = new boolean[NQ];
            qXCost = new double[NQ];
            int[] n = new int[NQ];
            for (int w = 0; w < W; w++) {
                for (int p : m.eligiblePools[w]) {
                    n[p]++;
                }
            }
            boolean[][] ownedOk = new boolean[m.O][W];
            for (int o = 0; o < m.O; o++) {
                for (int w = 0; w < W; w++) {
                    if (m.eligibleOwned(w, o)) {
                        ownedOk[o][w] = true;
                        n[P + o]++;
                    }
                }
            }
            qStart = new int[NQ + 1];
            for (int q = 0; q < NQ; q++) {
                qStart[q + 1] = qStart[q] + n[q];
            }
            int items = qStart[NQ];
            itemW = new int[items];
            itemCap = new int[items];
            itemMove = new int[items];
            itemSpread = new int[items];
            Arrays.fill(itemMove, -1);
            Arrays.fill(itemSpread, -1);
            int[] fill = Arrays.copyOf(qStart, NQ);
            for (int w = 0; w < W; w++) { // w increasing, so items of a pool are sorted by workload
                for (int p : m.eligiblePools[w]) {
                    int i = fill[p]++;
                    itemW[i] = w;
                    long cap = Math.min(m.rep[w], m.fit(w, p));
                    if (m.pSpot[p]) {
                        cap = Math.min(cap, Math.min(m.spotMax[w], m.poolMax[w]));
                    }
                    itemCap[i] = (int) cap;
                }
                for (int o = 0; o < m.O; o++) {
                    if (ownedOk[o][w]) {
                        int i = fill[P + o]++;
                        itemW[i] = w;
                        itemCap[i] = Math.min(m.rep[w], m.fit(w, m.owned[o].vcpus(), m.owned[o].memoryGiB()));
                    }
                }
            }
            for (int p = 0; p < P; p++) {
                qV[p] = m.pV[p];
                qM[p] = m.pM[p];
                // node-count bound: PoolModel's yUb, and two bounds implied by P's rows, since every pattern holds a
                // replica: nodes ≤ Σ_w x[w,p] ≤ Σ_w (replicas, and on spot pools spread and spot-share limits), and
                // price_p · nodes ≤ budget (all prices ≥ 0)
                double yb = m.yUb[p];
                long xs = 0;
                for (int i = qStart[p]; i < qStart[p + 1]; i++) {
                    xs += itemCap[i] > 0 ? (m.pSpot[p] ? Math.min(m.rep[itemW[i]],
                            Math.min(m.poolMax[itemW[i]], m.spotMax[itemW[i]])) : m.rep[itemW[i]]) : 0;
                }
                yb = Math.min(yb, xs);
                if (m.budget != null && m.pPrice[p] > 0) {
                    yb = Math.min(yb, Math.max(0, m.budget) / m.pPrice[p]);
                }
                qYUb[p] = yb;
                qYCost[p] = m.yCost[p];
                qPrice[p] = m.pPrice[p];
                qSpot[p] = m.pSpot[p];
                qXCost[p] = m.xCost[p];
            }
            for (int o = 0; o < m.O; o++) {
                qV[P + o] = m.owned[o].vcpus();
                qM[P + o] = m.owned[o].memoryGiB();
                qYUb[P + o] = 1;
            }
            // move rows: items with replicas before (only when moves cost something)
            List<int[]> mv = new ArrayList<>();
            if (m.moveCost > 0) {
                for (int q = 0; q < NQ; q++) {
                    for (int i = qStart[q]; i < qStart[q + 1]; i++) {
                        int w = itemW[i];
                        int b = q < P ? m.before(w, q) : m.beforeOwned[q - P][w];
                        if (b > 0) {
                            itemMove[i] = mv.size();
                            // on a pool, every replica moves when no rented node is kept: mv up to xUb
                            long xub = q < P ? m.xUb(w, q) : itemCap[i];
                            mv.add(new int[] {b, (int) (q < P ? xub : Math.max(0, xub - b)), q < P ? 1 : 0});
                        }
                    }
                }
            }
            moves = mv.size();
            moveB = new int[moves];
            moveUb = new double[moves];
            movePool = new boolean[moves];
            for (int r = 0; r < moves; r++) {
                moveB[r] = mv.get(r)[0];
                moveUb[r] = mv.get(r)[1];
                movePool[r] = mv.get(r)[2] == 1;
            }
            int rn = m.rentedPool.length;
            keepRow = new int[rn][];
            keepB = new int[rn][];
            for (int r = 0; r < rn; r++) {
                int p = m.rentedPool[r];
                List<int[]> l = new ArrayList<>();
                for (int j = 0; j < m.rentedW[r].length; j++) {
                    int i = item(p, m.rentedW[r][j]);
                    if (i >= 0 && itemMove[i] >= 0) {
                        l.add(new int[] {itemMove[i], m.rentedB[r][j]});
                    }
                }
                keepRow[r] = l.stream().mapToInt(a -> a[0]).toArray();
                keepB[r] = l.stream().mapToInt(a -> a[1]).toArray();
            }
            colsOfQ = new List[NQ];
        }

        int item(int q, int w) {
            int i = Arrays.binarySearch(itemW, qStart[q], qStart[q + 1], w);
            return i >= 0 ? i : -1;
        }

        double fresh(int i) {
            return m.moveCost > 0 && itemMove[i] < 0 ? m.moveCost : 0;
        }

        /** Cost of a pattern (without the move variables). */
        double cost(int q, int[] ws, int[] cnt) {
            double c = qYCost[q];
            for (int k = 0; k < ws.length; k++) {
                c += cnt[k] * (qXCost[q] + fresh(item(q, ws[k])));
            }
            return c;
        }

        /** Adds a pattern if it is a valid, new pattern of pool q (invalid ones are skipped, never repaired up). */
        boolean addColumn(int q, int[] ws, int[] cnt) {
            double v = 0;
            double mm = 0;
            int k2 = 0;
            for (int k = 0; k < ws.length; k++) {
                if (cnt[k] > 0) {
                    k2++;
                }
            }
            int[] ws2 = new int[k2];
            int[] c2 = new int[k2];
            k2 = 0;
            for (int k = 0; k < ws.length; k++) {
                if (cnt[k] <= 0) {
                    continue;
                }
                int i = item(q, ws[k]);
                if (i < 0 || cnt[k] > itemCap[i] || (k2 > 0 && ws2[k2 - 1] >= ws[k])) {
                    return false;
                }
                v += m.wv[ws[k]] * cnt[k];
                mm += m.wm[ws[k]] * cnt[k];
                ws2[k2] = ws[k];
                c2[k2++] = cnt[k];
            }
            if (k2 == 0 || v > qV[q] + CAP_TOL || mm > qM[q] + CAP_TOL) {
                return false;
            }
            Col c = new Col(q, ws2, c2);
            if (colSet.containsKey(c)) {
                return false;
            }
            colSet.put(c, c);
            c.index = cols.size();
            cols.add(c);
            if (colsOfQ[q] == null) {
                colsOfQ[q] = new ArrayList<>();
                nodeRow[q] = solver.makeConstraint(-MPSolver.infinity(), qYUb[q]);
                res.pools++;
            }
            colsOfQ[q].add(c);
            c.z = integer ? solver.makeIntVar(0, MPSolver.infinity(), "")
                    : solver.makeNumVar(0, MPSolver.infinity(), "");
            obj.setCoefficient(c.z, cost(q, ws2, c2));
            nodeRow[q].setCoefficient(c.z, 1);
            if (q < P && linkRow[q] != null) {
                linkRow[q].setCoefficient(c.z, 1);
            }
            if (budget != null && qPrice[q] != 0) {
                budget.setCoefficient(c.z, qPrice[q]);
            }
            for (int k = 0; k < k2; k++) {
                int w = ws2[k];
                int i = item(q, w);
                count[w].setCoefficient(c.z, c2[k]);
                if (qSpot[q]) {
                    spot[w].setCoefficient(c.z, c2[k]);
                }
                if (itemMove[i] >= 0) {
                    moveRow[itemMove[i]].setCoefficient(c.z, -c2[k]);
                }
                if (itemSpread[i] >= 0) {
                    spreadRow.get(itemSpread[i]).setCoefficient(c.z, c2[k]);
                }
            }
            return true;
        }

        /** Adds the placements of a node (workload id -> replicas) as a pattern, cut to the pattern caps. */
        void addPlacements(int q, Map<String, Integer> placements, Map<String, Integer> wIndex, boolean cut) {
            int[] ws = new int[placements.size()];
            int[] cnt = new int[placements.size()];
            int k = 0;
            for (Map.Entry<String, Integer> e : placements.entrySet()) {
                Integer w = wIndex.get(e.getKey());
                if (w == null || e.getValue() <= 0) {
                    continue;
                }
                int i = item(q, w);
                if (i < 0) {
                    if (cut) {
                        continue;
                    }
                    return;
                }
                ws[k] = w;
                cnt[k++] = cut ? Math.min(e.getValue(), itemCap[i]) : e.getValue();
            }
            // sort by workload
            Integer[] idx = new Integer[k];
            for (int j = 0; j < k; j++) {
                idx[j] = j;
            }
            final int[] wsF = ws;
            Arrays.sort(idx, (a, b) -> Integer.compare(wsF[a], wsF[b]));
            int[] ws2 = new int[k];
            int[] c2 = new int[k];
            for (int j = 0; j < k; j++) {
                ws2[j] = ws[idx[j]];
                c2[j] = cnt[idx[j]];
            }
            addColumn(q, ws2, c2);
        }

        Result run(Plan warm, PoolBounds.Lp rLp, long millis) {
            OrTools.load();
            long t0 = System.nanoTime();
            long deadline = t0 + millis * 1_000_000L;
            newMaster();
            seed(warm);
            MPSolverParameters params = new MPSolverParameters();
            double tol = 1e-7 * (1 + maxCost());
            Pricer pricer = new Pricer();
            if (rLp != null && rLp.duals != null) {
                Duals d0 = fromR(rLp.duals);
                long tp = System.nanoTime();
                pricer.price(d0, d0, tol, deadline, false);
                res.priceNanos += System.nanoTime() - tp;
                noteBound(pricer.L, d0);
                res.boundFromR = pricer.L;
                pricer.addColumns();
            }
            while (true) {
                long ts = System.nanoTime();
                MPSolver.ResultStatus st = solver.solve(params);
                lastSolveNanos = System.nanoTime() - ts;
                res.solveNanos += lastSolveNanos;
                if (DIAG) {
                    System.err.printf("     simplex iterations %d, %d ms%n", solver.iterations(),
                            (System.nanoTime() - ts) / 1_000_000);
                }
                res.iterations++;
                if (st != MPSolver.ResultStatus.OPTIMAL) {
                    res.status = st.toString();
                    break;
                }
                res.masterObjective = obj.value();
                // read everything before the model changes (OR-Tools drops the solution on any change)
                Duals d = readDuals();
                double[] zv = new double[cols.size()];
                for (int j = 0; j < zv.length; j++) {
                    zv[j] = cols.get(j).z.solutionValue();
                }
                int newRows = addViolatedSpreadRows(zv);
                long tp = System.nanoTime();
                long dl = System.nanoTime() > deadline ? 0 : deadline;
                // Wentges smoothing: price at a convex combination of the duals with the best L so far (the
                // stability centre) and the master's duals (sign-feasible as both are); columns are kept when
                // their reduced cost is negative in the MASTER's duals. If none is, price at the master's duals.
                // Pricing is heuristic first (a few search nodes, LP bounds of the knapsacks: L stays valid, only
                // weaker); exact when the heuristic finds few columns, and every EXACT_EVERY iterations.
                boolean smoothed = center != null && ALPHA > 0;
                Duals dp = smoothed ? combine(center, d, ALPHA) : d;
                // Heuristic only while exact pricing costs clearly more than a master solve.
                boolean quick = QUICK_NODES > 0 && res.iterations % EXACT_EVERY != 0
                        && lastExactPriceNanos > 2 * lastSolveNanos;
                long tq = System.nanoTime();
                pricer.price(dp, d, tol, dl, quick);
                noteBound(pricer.L, dp);
                if (quick && pricer.negative.size() < QUICK_MIN) {
                    quick = false;
                    tq = System.nanoTime();
                    pricer.price(dp, d, tol, dl, false);
                    noteBound(pricer.L, dp);
                }
                if (!quick) {
                    lastExactPriceNanos = System.nanoTime() - tq;
                }
                if (smoothed && pricer.negative.isEmpty() && pricer.L < res.masterObjective - tol) {
                    smoothed = false;
                    pricer.price(d, d, tol, dl, false);
                    noteBound(pricer.L, d);
                }
                res.priceNanos += System.nanoTime() - tp;
                if (Boolean.getBoolean("patternTrace")) {
                    System.err.printf(Locale.ROOT,
                            "  it %d master %.4f L %.4f best %.4f negative %d%s%s cols %d rows+%d %d ms (lp %d, price %d, scip calls %d)%n",
                            res.iterations, res.masterObjective, pricer.L, res.bound, pricer.negative.size(),
                            smoothed ? " (smoothed)" : "", quick ? " (quick)" : "", cols.size(), newRows,
                            (System.nanoTime() - t0) / 1_000_000L, res.solveNanos / 1_000_000,
                            res.priceNanos / 1_000_000, pricer.ks.scipCalls);
                    if (DIAG) {
                        System.err.printf(Locale.ROOT, "     pools with excess %d, penalty %.4f, worst %.4f %s%n",
                                pricer.diagN, pricer.diagPen, pricer.diagWorst, pricer.diagWorstInfo);
                    }
                }
                // converged: pricing at the master's duals proves no negative reduced cost, or L reaches the
                // master's value (the master's solution is feasible for P when it breaks no spread row, so
                // L ≤ opt(P) ≤ master)
                if (newRows == 0 && (!smoothed && pricer.negative.isEmpty() && pricer.exact
                        || res.bound >= res.masterObjective - tol)) {
                    res.converged = true;
                    res.status = "OPTIMAL";
                    break;
                }
                if (System.nanoTime() > deadline) {
                    res.status = "time limit";
                    break;
                }
                if (res.iterations % PURGE_EVERY == 0 && lastSolveNanos > PURGE_SOLVE_MILLIS * 1_000_000L) {
                    purge(zv, d);
                }
                int added = pricer.addColumns();
                if (added == 0 && newRows == 0) {
                    res.status = "stalled";
                    break;
                }
            }
            res.columns = cols.size();
            res.spreadRows = spreadRow.size();
            res.millis = (System.nanoTime() - t0) / 1_000_000L;
            if (MIP_MILLIS > 0) {
                restrictedMip(MIP_MILLIS);
            }
            solver.delete();
            return res;
        }

        /** Whether the master being built has integer pattern counts and keeps (the restricted master MIP). */
        boolean integer;
        /** Per rented node, its keep variable in the master (null when moves cost nothing). */
        MPVariable[] keepVar;

        /**
         * Diagnostic (not a bound): the master over the columns generated so far with integer pattern counts and
         * binary keeps, solved by SCIP within {@code millis}. Its solution is a point of P with whole nodes, built
         * from these patterns only, and every spread row of the pools they use is added: up to P's count of moves (per
         * pool against the kept rented nodes), a plan. Fills the {@code mip*} fields of the result.
         */
        void restrictedMip(long millis) {
            List<Col> old = new ArrayList<>(cols);
            String lp = LP_SOLVER;
            LP_SOLVER = "SCIP";
            integer = true;
            try {
                newMaster();
                for (Col c : old) {
                    addColumn(c.q, c.ws, c.cnt);
                }
                // every spread row of the spot pools the columns use (the LP only added the ones it broke)
                for (int q = 0; q < P; q++) {
                    if (!qSpot[q] || colsOfQ[q] == null) {
                        continue;
                    }
                    java.util.Set<Integer> items = new java.util.TreeSet<>();
                    for (Col c : colsOfQ[q]) {
                        for (int w : c.ws) {
                            items.add(item(q, w));
                        }
                    }
                    for (int i : items) {
                        if (itemSpread[i] < 0) {
                            addSpreadRow(q, i);
                        }
                    }
                }
                solver.setTimeLimit(millis);
                long ts = System.nanoTime();
                MPSolverParameters prm = new MPSolverParameters();
                prm.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 1e-4);
                MPSolver.ResultStatus st = solver.solve(prm);
                res.mipMillis = (System.nanoTime() - ts) / 1_000_000L;
                res.mipStatus = st.toString();
                if (st != MPSolver.ResultStatus.OPTIMAL && st != MPSolver.ResultStatus.FEASIBLE) {
                    return;
                }
                res.mipObjective = obj.value();
                res.mipBound = obj.bestBound();
                res.mipPlaced = new double[W];
                for (Col c : cols) {
                    double z = Math.rint(c.z.solutionValue());
                    if (z <= 0) {
                        continue;
                    }
                    for (int k = 0; k < c.ws.length; k++) {
                        res.mipPlaced[c.ws[k]] += z * c.cnt[k];
                    }
                    if (c.q < P) {
                        res.mipNodes += z;
                        res.mipSpend += z * qPrice[c.q];
                    }
                }
                for (int w = 0; w < W; w++) {
                    res.mipUnplacedCost += (m.rep[w] - res.mipPlaced[w]) * m.uCost[w];
                }
                res.mipPlan = toPlan();
            } finally {
                LP_SOLVER = lp;
                integer = false;
            }
        }

        /**
         * The restricted master MIP's solution as a plan: each pattern of an owned node on that node; the patterns of a
         * pool on its rented nodes the MIP keeps (each on the kept node where most of its replicas ran, largest
         * pattern first; every rented node of the pool is a candidate when moves cost nothing or the pool vanished),
         * then on its other rented nodes, the rest on new nodes; rented nodes left empty are released.
         */
        Plan toPlan() {
            List<PlanNode> nodes = new ArrayList<>();
            List<String> release = new ArrayList<>();
            int offers = m.s.offers().size();
            int fresh = 0;
            for (int q = 0; q < NQ; q++) {
                if (colsOfQ[q] == null && q < P) {
                    continue;
                }
                List<Col> use = new ArrayList<>();
                for (Col c : colsOfQ[q] == null ? List.<Col>of() : colsOfQ[q]) {
                    for (long z = Math.round(c.z.solutionValue()); z > 0; z--) {
                        use.add(c);
                    }
                }
                if (q >= P) {
                    OwnedNode o = m.owned[q - P];
                    nodes.add(new PlanNode(o.id(), PlanNode.Source.OWNED, null,
                            use.isEmpty() ? Map.of() : placements(use.get(0))));
                    continue;
                }
                use.sort((a, b) -> Integer.compare(Arrays.stream(b.cnt).sum(), Arrays.stream(a.cnt).sum()));
                List<Integer> free = new ArrayList<>(m.rentedOfPool.getOrDefault(q, List.of()));
                List<Integer> kept = new ArrayList<>();
                for (int r : free) {
                    if (q >= offers || keepVar[r] == null || keepVar[r].solutionValue() > 0.5) {
                        kept.add(r);
                    }
                }
                for (Col c : use) {
                    if (kept.isEmpty()) {
                        // a rented node P did not keep is still a node of the pool: re-using it instead of a new node
                        // keeps the plan within the pool's availability (P counts kept + new nodes against it) and
                        // only saves moves
                        kept.addAll(free);
                    }
                    int bestR = -1;
                    int bestSame = -1;
                    for (int r : kept) {
                        Map<String, Integer> b = m.s.rentedNodes().get(r).placements();
                        int same = 0;
                        for (int k = 0; k < c.ws.length; k++) {
                            same += Math.min(c.cnt[k], b.getOrDefault(m.wl[c.ws[k]].id(), 0));
                        }
                        if (same > bestSame) {
                            bestSame = same;
                            bestR = r;
                        }
                    }
                    if (bestR >= 0) {
                        kept.remove(Integer.valueOf(bestR));
                        free.remove(Integer.valueOf(bestR));
                        RentedNode rn = m.s.rentedNodes().get(bestR);
                        nodes.add(new PlanNode(rn.id(), PlanNode.Source.RENTED, rn.offerId(), placements(c)));
                    } else {
                        nodes.add(new PlanNode("mip-" + (++fresh), PlanNode.Source.NEW, m.pOffer[q], placements(c)));
                    }
                }
                for (int r : free) {
                    release.add(m.s.rentedNodes().get(r).id());
                }
            }
            for (Map.Entry<Integer, List<Integer>> e : m.rentedOfPool.entrySet()) {
                if (colsOfQ[e.getKey()] == null) {
                    for (int r : e.getValue()) {
                        release.add(m.s.rentedNodes().get(r).id());
                    }
                }
            }
            Map<String, Integer> unplaced = new java.util.LinkedHashMap<>();
            Map<String, String> reasons = new java.util.LinkedHashMap<>();
            for (int w = 0; w < W; w++) {
                int u = m.rep[w] - (int) Math.round(res.mipPlaced[w]);
                if (u > 0) {
                    unplaced.put(m.wl[w].id(), u);
                    reasons.put(m.wl[w].id(), "cost: left unplaced by the restricted master MIP");
                }
            }
            return new Plan(nodes, release, unplaced, reasons, PlanEvaluator.summarize(m.s, nodes, unplaced), 0, null);
        }

        private Map<String, Integer> placements(Col c) {
            Map<String, Integer> p = new java.util.LinkedHashMap<>();
            for (int k = 0; k < c.ws.length; k++) {
                p.put(m.wl[c.ws[k]].id(), c.cnt[k]);
            }
            return p;
        }

        Duals center;
        long lastSolveNanos;
        long lastExactPriceNanos;

        /** R's duals as duals of P: counts, spot share, budget and move rows; node-count and spread rows 0. */
        Duals fromR(PoolBounds.Duals rd) {
            Duals d = new Duals();
            for (int w = 0; w < W; w++) {
                d.pi[w] = rd.count[w];
                d.s[w] = Math.min(0, rd.spot[w]);
            }
            d.beta = Math.min(0, rd.budget);
            if (rd.link != null) {
                for (int p = 0; p < P; p++) {
                    d.link[p] = Math.max(0, rd.link[p]);
                }
            }
            for (int q = 0; q < NQ; q++) {
                for (int i = qStart[q]; i < qStart[q + 1]; i++) {
                    if (itemMove[i] >= 0) {
                        int w = itemW[i];
                        long key = q < P ? (long) w * P + q : -1 - ((long) w * m.O + (q - P));
                        d.mu[itemMove[i]] = Math.max(0, rd.move.getOrDefault(key, 0.0));
                    }
                }
            }
            d.t = new double[0];
            // R bounds x[w,p] by the spread limit as a column bound; its reduced cost there (< 0 when the bound
            // binds) becomes the dual of P's spread row of (w, p), a row not in the master yet (any t ≤ 0 is valid)
            d.tExtra = new HashMap<>();
            for (int p = 0; p < P; p++) {
                if (!qSpot[p]) {
                    continue;
                }
                for (int i = qStart[p]; i < qStart[p + 1]; i++) {
                    int w = itemW[i];
                    if (m.xUb(w, p) != m.poolMax[w]) {
                        continue;
                    }
                    double dx = rd.reducedX(m, w, p);
                    if (dx < 0) {
                        d.tExtra.put(i, dx);
                    }
                }
            }
            return d;
        }

        void noteBound(double L, Duals d) {
            if (L > res.bound) {
                res.bound = L;
                center = d;
            }
        }

        /** α·a + (1 − α)·b, componentwise (a spread row missing in a has dual 0). */
        Duals combine(Duals a, Duals b, double alpha) {
            Duals c = new Duals();
            for (int w = 0; w < W; w++) {
                c.pi[w] = alpha * a.pi[w] + (1 - alpha) * b.pi[w];
                c.s[w] = alpha * a.s[w] + (1 - alpha) * b.s[w];
            }
            c.beta = alpha * a.beta + (1 - alpha) * b.beta;
            for (int q = 0; q < NQ; q++) {
                c.nu[q] = alpha * a.nu[q] + (1 - alpha) * b.nu[q];
            }
            for (int r = 0; r < moves; r++) {
                c.mu[r] = alpha * a.mu[r] + (1 - alpha) * b.mu[r];
            }
            for (int q = 0; q < P; q++) {
                c.link[q] = alpha * a.link[q] + (1 - alpha) * b.link[q];
            }
            c.t = new double[Math.max(a.t.length, b.t.length)];
            for (int r = 0; r < c.t.length; r++) {
                c.t[r] = alpha * a.spread(r, spreadItem.get(r)) + (1 - alpha) * b.spread(r, spreadItem.get(r));
            }
            for (Duals x : new Duals[] {a, b}) {
                double f = x == a ? alpha : 1 - alpha;
                if (x.tExtra != null) {
                    for (Map.Entry<Integer, Double> e : x.tExtra.entrySet()) {
                        if (itemSpread[e.getKey()] < 0 || itemSpread[e.getKey()] >= c.t.length) {
                            if (c.tExtra == null) {
                                c.tExtra = new HashMap<>();
                            }
                            c.tExtra.merge(e.getKey(), f * e.getValue(), Double::sum);
                        }
                    }
                }
            }
            return c;
        }

        /** A fresh master: all rows but the node-count rows (made with a pool's first column), no pattern. */
        void newMaster() {
            if (solver != null) {
                solver.delete();
            }
            solver = MPSolver.createSolver(LP_SOLVER);
            String glop = System.getProperty("patternGlop", "");
            if (LP_SOLVER.equals("GLOP") && !glop.isEmpty() && !solver.setSolverSpecificParametersAsString(glop)) {
                throw new IllegalStateException("GLOP parameters rejected: " + glop);
            }
            obj = solver.objective();
            obj.setMinimization();
            double inf = MPSolver.infinity();
            count = new MPConstraint[W];
            spot = new MPConstraint[W];
            for (int w = 0; w < W; w++) {
                if (m.rep[w] == 0) {
                    continue;
                }
                count[w] = solver.makeConstraint(m.rep[w], m.rep[w]);
                MPVariable u = solver.makeNumVar(0, m.rep[w], "");
                count[w].setCoefficient(u, 1);
                obj.setCoefficient(u, m.uCost[w]);
                spot[w] = solver.makeConstraint(-inf, m.spotMax[w]);
            }
            budget = m.budget == null ? null : solver.makeConstraint(-inf, m.budget);
            nodeRow = new MPConstraint[NQ];
            moveRow = new MPConstraint[moves];
            for (int r = 0; r < moves; r++) {
                MPVariable mv = solver.makeNumVar(0, moveUb[r], "");
                obj.setCoefficient(mv, m.moveCost);
                moveRow[r] = solver.makeConstraint(movePool[r] ? 0 : -moveB[r], inf);
                moveRow[r].setCoefficient(mv, 1);
            }
            linkRow = new MPConstraint[P];
            keepVar = new MPVariable[m.rentedPool.length];
            if (m.moveCost > 0) {
                for (int r = 0; r < keepRow.length; r++) {
                    int p = m.rentedPool[r];
                    if (linkRow[p] == null) {
                        linkRow[p] = solver.makeConstraint(0, inf);
                    }
                    MPVariable k = integer ? solver.makeIntVar(0, 1, "") : solver.makeNumVar(0, 1, "");
                    keepVar[r] = k;
                    linkRow[p].setCoefficient(k, -1);
                    for (int j = 0; j < keepRow[r].length; j++) {
                        moveRow[keepRow[r][j]].setCoefficient(k, keepB[r][j]);
                    }
                }
            }
            for (int r = 0; r < spreadRow.size(); r++) {
                spreadRow.set(r, solver.makeConstraint(-inf, m.poolMax[itemW[spreadItem.get(r)]]));
            }
            cols.clear();
            colSet.clear();
            Arrays.fill(colsOfQ, null);
            res.pools = 0;
        }

        /**
         * GLOP re-solves the master from scratch after every change (no warm start through MPSolver), so its time
         * grows with the master's size: keep the columns of the last solution and the ones with the smallest
         * reduced costs, drop the rest (pricing finds them again if they are needed).
         */
        void purge(double[] zv, Duals d) {
            int basic = 0;
            for (double z : zv) {
                basic += z > 1e-9 ? 1 : 0;
            }
            int target = Math.max(PURGE_MIN, PURGE_FACTOR * basic);
            if (cols.size() <= target * 3 / 2) {
                return;
            }
            List<Col> old = new ArrayList<>(cols);
            double[] rc = new double[old.size()];
            Integer[] idx = new Integer[old.size()];
            for (int j = 0; j < old.size(); j++) {
                Col c = old.get(j);
                idx[j] = j;
                rc[j] = j < zv.length && zv[j] > 1e-9 ? Double.NEGATIVE_INFINITY : reducedCost(c.q, c.ws, c.cnt, d);
            }
            Arrays.sort(idx, (x, y) -> Double.compare(rc[x], rc[y]));
            newMaster();
            for (int j = 0; j < Math.min(target, idx.length); j++) {
                Col c = old.get(idx[j]);
                addColumn(c.q, c.ws, c.cnt);
            }
            res.purges++;
        }

        /** Reduced cost of a pattern of pool q in the duals d (node-count row included). */
        double reducedCost(int q, int[] ws, int[] cnt, Duals d) {
            double rc = qYCost[q] - d.beta * qPrice[q] - d.sigma(q) - d.nu[q];
            for (int k = 0; k < ws.length; k++) {
                int i = item(q, ws[k]);
                rc -= cnt[k] * profit(q, i, d);
            }
            return rc;
        }

        double maxCost() {
            double c = m.moveCost;
            for (double v : m.uCost) {
                c = Math.max(c, v);
            }
            for (double v : m.yCost) {
                c = Math.max(c, v);
            }
            return c;
        }

        void seed(Plan warm) {
            Map<String, Integer> wIndex = new HashMap<>();
            for (int w = 0; w < W; w++) {
                wIndex.put(m.wl[w].id(), w);
            }
            // single-workload patterns: K cheapest pools per workload, pools it ran on, owned nodes
            for (int w = 0; w < W; w++) {
                int[] el = m.eligiblePools[w];
                Integer[] idx = new Integer[el.length];
                double[] key = new double[el.length];
                for (int j = 0; j < el.length; j++) {
                    int p = el[j];
                    idx[j] = j;
                    int i = item(p, w);
                    key[j] = m.yCost[p] / Math.max(1, itemCap[i]) + m.xCost[p] + fresh(i);
                }
                Arrays.sort(idx, (a, b) -> Double.compare(key[a], key[b]));
                for (int j = 0; j < idx.length; j++) {
                    int p = el[idx[j]];
                    if (j < K || m.before(w, p) > 0) {
                        addColumn(p, new int[] {w}, new int[] {itemCap[item(p, w)]});
                    }
                }
            }
            for (int o = 0; o < m.O; o++) {
                int q = P + o;
                for (int i = qStart[q]; i < qStart[q + 1]; i++) {
                    addColumn(q, new int[] {itemW[i]}, new int[] {itemCap[i]});
                }
                addPlacements(q, m.owned[o].placements(), wIndex, true);
            }
            Map<String, Integer> rentedPool = new HashMap<>();
            for (Map.Entry<Integer, List<Integer>> e : m.rentedOfPool.entrySet()) {
                for (int ri : e.getValue()) {
                    RentedNode r = m.s.rentedNodes().get(ri);
                    rentedPool.put(r.id(), e.getKey());
                    addPlacements(e.getKey(), r.placements(), wIndex, true);
                }
            }
            if (warm == null) {
                return;
            }
            Map<String, Integer> ownedIndex = new HashMap<>();
            for (int o = 0; o < m.O; o++) {
                ownedIndex.put(m.owned[o].id(), o);
            }
            Map<String, Integer> offerPool = new HashMap<>();
            for (int i = 0; i < m.s.offers().size(); i++) {
                offerPool.put(m.s.offers().get(i).id(), i); // offers are the first pools, in order
            }
            for (PlanNode n : warm.nodes()) {
                Integer q = switch (n.source()) {
                    case OWNED -> ownedIndex.containsKey(n.id()) ? P + ownedIndex.get(n.id()) : null;
                    case RENTED -> rentedPool.get(n.id());
                    case NEW -> offerPool.get(n.offerId());
                };
                if (q != null) {
                    addPlacements(q, n.placements(), wIndex, false);
                }
            }
        }

        /** Adds the spread row of item i (workload, spot pool q) with the coefficients of q's columns. */
        void addSpreadRow(int q, int i) {
            int w = itemW[i];
            MPConstraint r = solver.makeConstraint(-MPSolver.infinity(), m.poolMax[w]);
            itemSpread[i] = spreadRow.size();
            spreadRow.add(r);
            spreadItem.add(i);
            for (Col c2 : colsOfQ[q]) {
                for (int k = 0; k < c2.ws.length; k++) {
                    if (c2.ws[k] == w) {
                        r.setCoefficient(c2.z, c2.cnt[k]);
                    }
                }
            }
        }

        int addViolatedSpreadRows(double[] zv) {
            int added = 0;
            double[] x = new double[W];
            for (int q = 0; q < P; q++) {
                if (!qSpot[q] || colsOfQ[q] == null) {
                    continue;
                }
                boolean any = false;
                for (Col c : colsOfQ[q]) {
                    double z = c.index < zv.length ? zv[c.index] : 0;
                    if (z > 1e-12) {
                        any = true;
                        for (int k = 0; k < c.ws.length; k++) {
                            x[c.ws[k]] += c.cnt[k] * z;
                        }
                    }
                }
                if (!any) {
                    continue;
                }
                for (Col c : colsOfQ[q]) {
                    for (int w : c.ws) {
                        if (x[w] > m.poolMax[w] + 1e-7) {
                            int i = item(q, w);
                            if (itemSpread[i] < 0) {
                                addSpreadRow(q, i);
                                added++;
                            }
                        }
                    }
                }
                for (Col c : colsOfQ[q]) {
                    for (int w : c.ws) {
                        x[w] = 0;
                    }
                }
            }
            return added;
        }

        /** Duals of the master, projected to their valid signs (GLOP: minimisation, d = c − πA). */
        final class Duals {
            double[] pi = new double[W];
            double[] s = new double[W];
            double beta;
            double[] nu = new double[NQ];
            double[] mu = new double[moves];
            double[] link = new double[P]; // link rows, ≥ 0 (0 for a pool without one)
            double[] t; // spread rows of the master (by row), ≤ 0

            double sigma(int q) {
                return q < P ? link[q] : 0;
            }

            /** Reduced cost of keep[r] (cost 0, −1 in its pool's link row, b in its move rows). */
            double reducedKeep(int r) {
                double dk = link[m.rentedPool[r]];
                for (int j = 0; j < keepRow[r].length; j++) {
                    dk -= mu[keepRow[r][j]] * keepB[r][j];
                }
                return dk;
            }
            Map<Integer, Double> tExtra; // spread rows not in the master (by item), ≤ 0, or null

            /** Dual of spread row r (item i) in these duals. */
            double spread(int r, int i) {
                if (r < t.length) {
                    return t[r];
                }
                return tExtra == null ? 0 : tExtra.getOrDefault(i, 0.0);
            }
        }

        Duals readDuals() {
            Duals d = new Duals();
            for (int w = 0; w < W; w++) {
                if (count[w] != null) {
                    d.pi[w] = count[w].dualValue();
                    d.s[w] = Math.min(0, spot[w].dualValue());
                }
            }
            d.beta = budget == null ? 0 : Math.min(0, budget.dualValue());
            for (int q = 0; q < NQ; q++) {
                d.nu[q] = nodeRow[q] == null ? 0 : Math.min(0, nodeRow[q].dualValue());
            }
            for (int r = 0; r < moves; r++) {
                d.mu[r] = Math.max(0, moveRow[r].dualValue());
            }
            for (int q = 0; q < P; q++) {
                d.link[q] = linkRow[q] == null ? 0 : Math.max(0, linkRow[q].dualValue());
            }
            // rows added after this solve have no dual yet: 0 is sign-feasible
            d.t = new double[spreadRow.size()];
            for (int r = 0; r < spreadRow.size(); r++) {
                d.t[r] = Math.min(0, spreadRow.get(r).dualValue());
            }
            return d;
        }

        /** Value of one replica of item i (workload on pool q) in the duals d. */
        double profit(int q, int i, Duals d) {
            int w = itemW[i];
            double pr = d.pi[w] - qXCost[q] - fresh(i);
            if (qSpot[q]) {
                pr += d.s[w];
            }
            if (itemSpread[i] >= 0 && itemSpread[i] < d.t.length) {
                pr += d.t[itemSpread[i]];
            } else if (d.tExtra != null && qSpot[q]) {
                pr += d.tExtra.getOrDefault(i, 0.0);
            }
            if (itemMove[i] >= 0) {
                pr -= d.mu[itemMove[i]];
            }
            return pr;
        }

        final class Pricer {
            double L;
            boolean exact;
            final List<double[]> negative = new ArrayList<>(); // q, rc
            final List<int[][]> patterns = new ArrayList<>();
            final Knapsack ks;
            final Map<KnapKey, Knapsack.Out> cache = new HashMap<>();
            Duals d;
            double tol;

            Pricer() {
                int maxItems = 0;
                for (int q = 0; q < NQ; q++) {
                    maxItems = Math.max(maxItems, qStart[q + 1] - qStart[q]);
                }
                ks = new Knapsack(m.wv, m.wm, maxItems);
            }

            /** Lagrangian value at duals d; patterns found at d are kept when negative in the master's duals dm. */
            double diagPen;
            int diagN;
            double diagWorst;
            String diagWorstInfo;

            void price(Duals d, Duals dm, double tol, long deadline, boolean quick) {
                diagPen = 0;
                diagN = 0;
                diagWorst = 0;
                diagWorstInfo = "";
                this.d = d;
                this.tol = tol;
                negative.clear();
                patterns.clear();
                cache.clear();
                exact = !quick;
                double L = 0;
                for (int w = 0; w < W; w++) {
                    if (m.rep[w] == 0) {
                        continue;
                    }
                    L += d.pi[w] * m.rep[w] + Math.min(0, m.uCost[w] - d.pi[w]) * m.rep[w] + d.s[w] * m.spotMax[w];
                }
                if (budget != null) {
                    L += d.beta * m.budget;
                }
                if (d.tExtra != null) {
                    for (Map.Entry<Integer, Double> e : d.tExtra.entrySet()) {
                        int i = e.getKey();
                        if (itemSpread[i] < 0 || itemSpread[i] >= d.t.length) {
                            L += e.getValue() * m.poolMax[itemW[i]];
                        }
                    }
                }
                for (int r = 0; r < d.t.length; r++) {
                    L += d.t[r] * m.poolMax[itemW[spreadItem.get(r)]];
                }
                for (int r = 0; r < moves; r++) {
                    L += (movePool[r] ? 0 : -d.mu[r] * moveB[r]) + Math.min(0, m.moveCost - d.mu[r]) * moveUb[r];
                }
                if (m.moveCost > 0) {
                    for (int r = 0; r < keepRow.length; r++) {
                        L += Math.min(0, d.reducedKeep(r));
                    }
                }
                for (int q = 0; q < NQ; q++) {
                    int n = 0;
                    for (int i = qStart[q]; i < qStart[q + 1]; i++) {
                        int w = itemW[i];
                        double pr = profit(q, i, d);
                        if (pr > 0 && itemCap[i] > 0) {
                            ks.w[n] = w;
                            ks.p[n] = pr;
                            ks.cap[n] = itemCap[i];
                            n++;
                        }
                    }
                    double yc = qYCost[q] - d.beta * qPrice[q] - d.sigma(q);
                    if (n == 0) {
                        // no replica is worth anything here: every pattern's value is at most 0
                        L += qYUb[q] * Math.min(0, yc);
                        continue;
                    }
                    ks.n = n;
                    double cheap = ks.quickBound(qV[q], qM[q]);
                    if (yc - cheap >= 0) {
                        continue; // no pattern has a negative rc'
                    }
                    Knapsack.Out out;
                    if (deadline == 0 || System.nanoTime() > deadline) {
                        // out of time: a valid upper bound only
                        out = new Knapsack.Out();
                        out.ub = ks.rootBound(qV[q], qM[q]);
                        out.best = 0;
                        out.exact = false;
                        exact = false;
                    } else {
                        KnapKey key = new KnapKey(qV[q], qM[q], yc, ks);
                        out = cache.get(key);
                        if (out == null) {
                            out = ks.solve(qV[q], qM[q], quick ? QUICK_NODES : KNAP_NODES, yc, quick);
                            res.knapsacks++;
                            if (!out.exact && !quick) {
                                res.knapsacksCapped++;
                            }
                            cache.put(key, out);
                        }
                        if (!out.exact) {
                            exact = false;
                        }
                    }
                    L += qYUb[q] * Math.min(0, yc - out.ub);
                    if (DIAG && yc - out.ub < 0) {
                        diagPen += qYUb[q] * (yc - out.ub);
                        diagN++;
                        if (qYUb[q] * (yc - out.ub) < diagWorst) {
                            diagWorst = qYUb[q] * (yc - out.ub);
                            diagWorstInfo = String.format(Locale.ROOT, "q %d yUb %.0f yc %.4f ub %.4f nu %.4f V %s M %s spot %s", q,
                                    qYUb[q], yc, out.ub, d.nu[q], qV[q], qM[q], qSpot[q]);
                        }
                    }
                    if (out.ws == null || yc - out.best - d.nu[q] >= -tol) {
                        continue;
                    }
                    double rc = d == dm ? yc - out.best - d.nu[q] : reducedCost(q, out.ws, out.cnt, dm);
                    // a second pattern: greedy fill by profit per dominant share
                    int[][] g = ks.greedy(qV[q], qM[q]);
                    double rc2 = g == null ? 0 : reducedCost(q, g[0], g[1], dm);
                    if (rc < -tol || rc2 < -tol) {
                        negative.add(new double[] {q, Math.min(rc, rc2)});
                        patterns.add(new int[][] {rc < -tol ? out.ws : null, out.cnt, rc2 < -tol ? g[0] : null,
                            g == null ? null : g[1]});
                    }
                }
                this.L = L;
            }

            int addColumns() {
                Integer[] idx = new Integer[negative.size()];
                for (int i = 0; i < idx.length; i++) {
                    idx[i] = i;
                }
                Arrays.sort(idx, (a, b) -> Double.compare(negative.get(a)[1], negative.get(b)[1]));
                int added = 0;
                for (int j = 0; j < Math.min(PER_ROUND, idx.length); j++) {
                    int q = (int) negative.get(idx[j])[0];
                    int[][] pats = patterns.get(idx[j]);
                    if (pats[0] != null && addColumn(q, pats[0], pats[1])) {
                        added++;
                    }
                    if (pats[2] != null && addColumn(q, pats[2], pats[3])) {
                        added++;
                    }
                }
                return added;
            }
        }
    }

    /** Cache key of a knapsack: capacity and the items (workload, profit, cap). */
    private static final class KnapKey {
        final long[] k;
        final int h;

        KnapKey(double v, double mem, double floor, Knapsack ks) {
            k = new long[3 + 3 * ks.n];
            k[0] = Double.doubleToLongBits(v);
            k[1] = Double.doubleToLongBits(mem);
            k[2] = Double.doubleToLongBits(floor);
            for (int i = 0; i < ks.n; i++) {
                k[3 + 3 * i] = ks.w[i];
                k[4 + 3 * i] = Double.doubleToLongBits(ks.p[i]);
                k[5 + 3 * i] = ks.cap[i];
            }
            h = Arrays.hashCode(k);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KnapKey x && x.h == h && Arrays.equals(x.k, k);
        }

        @Override
        public int hashCode() {
            return h;
        }
    }

    // ----------------------------------------------------------------------------------------------- knapsack

    /**
     * 2-D bounded integer knapsack: max Σ p_i a_i with Σ vcpus a ≤ V + 1e-9, Σ mem a ≤ M + 1e-9, 0 ≤ a_i ≤ cap_i
     * integer, by depth-first branch and bound over groups of items of equal size (within a group the best units are
     * taken first, so a group is one integer variable with a concave profit). Node bounds: the fractional knapsack of
     * the surrogate constraint λ·vcpus/V + (1 − λ)·mem/M ≤ 1 (valid for every λ in [0, 1]), the minimum over the
     * root's best λ (grid and golden-section search) and λ = 0, 1. First incumbents: greedy fills by several λ.
     * A subtree is pruned when its bound is at most max(incumbent, floor) + eps (eps relative {@code PRUNE_TOL}), so
     * a finished search gives max ≤ best + eps. When the node limit stops it: {@link Out#ub} = the largest bound of
     * the open subtrees (capped by the root's), then a Lagrangian bound (one resource relaxed, a DP over the other,
     * weights rounded down on a grid) and SCIP's dual bound, whichever is smallest; all are upper bounds.
     */
    static final class Knapsack {
        private static final double[] GRID = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};

        final double[] wv;
        final double[] wm;
        // input
        int n;
        final int[] w;
        final double[] p;
        final int[] cap;
        double greedyProfit;

        // work arrays
        private final Integer[] sortIdx;
        private final double[] sv; // sorted items
        private final double[] sm;
        private final double[] sp;
        private final int[] scap;
        private final int[] sw;
        private final int[] grp;
        private int G;
        private final double[] gv;
        private final double[] gm;
        private final int[] gStart;
        private final int[] gEnd;
        private final int[] gTot;
        private final int[] pos; // group -> depth
        private final int[] ord; // depth -> group
        private final double[] lams = new double[3];
        private int nl;
        private final int[][] lorder; // per lambda: sorted item indices by density
        private final int[] cur;
        private final int[] bestK;
        private double V;
        private double M;
        private double best;
        private double eps;
        private double openMax;
        long scipCalls;
        private long nodes;
        private long nodeCap;
        private boolean aborted;

        static final class Out {
            double best;
            double ub;
            boolean exact;
            int[] ws;
            int[] cnt;
        }

        Knapsack(double[] wv, double[] wm, int maxItems) {
            this.wv = wv;
            this.wm = wm;
            int n = Math.max(1, maxItems);
            w = new int[n];
            p = new double[n];
            cap = new int[n];
            sortIdx = new Integer[n];
            sv = new double[n];
            sm = new double[n];
            sp = new double[n];
            scap = new int[n];
            sw = new int[n];
            grp = new int[n];
            gv = new double[n];
            gm = new double[n];
            gStart = new int[n];
            gEnd = new int[n];
            gTot = new int[n];
            pos = new int[n];
            ord = new int[n];
            lorder = new int[3][n];
            cur = new int[n];
            bestK = new int[n];
        }

        /** A cheap valid upper bound: min over a few λ of (max density × 1), and Σ p cap. No sorting. */
        double quickBound(double V, double M) {
            double total = 0;
            double[] maxD = new double[5];
            for (int i = 0; i < n; i++) {
                total += p[i] * cap[i];
                for (int k = 0; k < 5; k++) {
                    double lam = k / 4.0;
                    double s = lam * wv[w[i]] / V + (1 - lam) * wm[w[i]] / M;
                    maxD[k] = Math.max(maxD[k], p[i] / s);
                }
            }
            double b = total;
            for (int k = 0; k < 5; k++) {
                double lam = k / 4.0;
                b = Math.min(b, maxD[k] * (1 + lam * CAP_TOL / V + (1 - lam) * CAP_TOL / M));
            }
            return b * (1 + 1e-12) + 1e-12;
        }

        /** The fractional surrogate bound at the root, min over the λ grid (valid upper bound). */
        double rootBound(double V, double M) {
            return lpBound(V, M)[0];
        }

        /**
         * The LP bound of the 2-D knapsack, min over λ of the fractional surrogate bound (a grid, then a golden
         * section search around the best grid point: the surrogate dual is quasi-convex in λ; any λ is valid).
         * Returns {bound (rounded up), λ}.
         */
        double[] lpBound(double V, double M) {
            double b = Double.POSITIVE_INFINITY;
            double bl = 0.5;
            for (double lam : GRID) {
                double x = fractional(V, M, lam);
                if (x < b) {
                    b = x;
                    bl = lam;
                }
            }
            double lo = Math.max(0, bl - 0.1);
            double hi = Math.min(1, bl + 0.1);
            double r = (Math.sqrt(5) - 1) / 2;
            double x1 = hi - r * (hi - lo);
            double x2 = lo + r * (hi - lo);
            double f1 = fractional(V, M, x1);
            double f2 = fractional(V, M, x2);
            for (int it = 0; it < 30; it++) {
                if (f1 < b) {
                    b = f1;
                    bl = x1;
                }
                if (f2 < b) {
                    b = f2;
                    bl = x2;
                }
                if (f1 <= f2) {
                    hi = x2;
                    x2 = x1;
                    f2 = f1;
                    x1 = hi - r * (hi - lo);
                    f1 = fractional(V, M, x1);
                } else {
                    lo = x1;
                    x1 = x2;
                    f1 = f2;
                    x2 = lo + r * (hi - lo);
                    f2 = fractional(V, M, x2);
                }
            }
            return new double[] {b * (1 + 1e-12) + 1e-12, bl, threshold(V, M, bl)};
        }

        /** The density (profit per surrogate capacity) of the last item the fractional surrogate takes. */
        private double threshold(double V, double M, double lam) {
            int[] idx = idxBuf;
            double[] dens = keyBuf;
            for (int i = 0; i < n; i++) {
                idx[i] = i;
                dens[i] = p[i] / (lam * wv[w[i]] / V + (1 - lam) * wm[w[i]] / M);
            }
            sortDesc(idx, dens, n);
            double c = 1;
            for (int j = 0; j < n; j++) {
                int i = idx[j];
                double s = lam * wv[w[i]] / V + (1 - lam) * wm[w[i]] / M;
                c -= cap[i] * s;
                if (c <= 0) {
                    return dens[i];
                }
            }
            return 0;
        }

        private byte[] choice = new byte[1 << 16];

        /**
         * Lagrangian bound of the knapsack with one resource relaxed by a multiplier u ≥ 0 and an exact DP over the
         * other: for every pattern x, Σ p x ≤ u (cap_o + tol) + Σ (p − u w_o)⁺ x ≤ u (cap_o + tol) + DP(u). The DP
         * resource is put on a grid with weights rounded DOWN and capacity rounded up (a relaxation, exact when the
         * weights are multiples of the grid). u is searched by bisection on the subgradient from u0. Feasible DP
         * solutions update the incumbent. Returns the smallest bound found.
         */
        private double lagrange(boolean onCpu, double u0) {
            double capD = onCpu ? V : M;
            double capO = onCpu ? M : V;
            double[] wd = onCpu ? sv : sm;
            double[] wo = onCpu ? sm : sv;
            double unit = -1;
            for (double u = 1; u >= 1.0 / 64; u /= 2) {
                if ((capD + CAP_TOL) / u > DP_CAP) {
                    break;
                }
                boolean ok = true;
                for (int j = 0; j < n && ok; j++) {
                    double r = wd[j] / u;
                    ok = Math.abs(r - Math.rint(r)) <= 1e-9 * Math.max(1, r);
                }
                if (ok) {
                    unit = u;
                }
            }
            if (unit < 0) {
                unit = (capD + CAP_TOL) / DP_CAP; // coarser grid, weights rounded down: still a relaxation
            }
            int C = (int) Math.floor((capD + CAP_TOL) / unit * (1 + 2e-9));
            int[] wq = new int[n];
            for (int j = 0; j < n; j++) {
                double r = wd[j] / unit;
                long k = Math.round(r);
                wq[j] = (int) (Math.abs(r - k) <= 1e-9 * Math.max(1, r) ? k : Math.floor(r));
            }
            double uMax = 0;
            for (int j = 0; j < n; j++) {
                uMax = Math.max(uMax, sp[j] / wo[j]);
            }
            double bestUb = Double.POSITIVE_INFINITY;
            double lo = 0;
            double hi = uMax;
            int[] take = new int[n];
            double[] dp = new double[C + 1];
            for (int it = 0; it < 16; it++) {
                double u = it == 0 ? 0 : it == 1 ? Math.min(Math.max(0, u0), uMax) : (lo + hi) / 2;
                double val = dpRun(u, wq, wo, C, dp, take);
                double ub = (val + u * (capO + CAP_TOL)) * (1 + 1e-12) + 1e-12;
                bestUb = Math.min(bestUb, ub);
                // incumbent: the DP solution, if it keeps both real capacities
                double uv = 0;
                double um = 0;
                double other = 0;
                for (int j = 0; j < n; j++) {
                    uv += take[j] * sv[j];
                    um += take[j] * sm[j];
                    other += take[j] * wo[j];
                }
                if (uv <= V + CAP_TOL && um <= M + CAP_TOL) {
                    int[] gc = new int[G];
                    for (int j = 0; j < n; j++) {
                        gc[grp[j]] += take[j];
                    }
                    double prof = 0;
                    for (int g = 0; g < G; g++) {
                        prof += units(g, gc[g]);
                    }
                    if (prof > best) {
                        best = prof;
                        for (int g = 0; g < G; g++) {
                            bestK[pos[g]] = gc[g];
                        }
                    }
                }
                if (bestUb <= best + eps) {
                    break;
                }
                if (it >= 1) {
                    if (other > capO + CAP_TOL) {
                        lo = Math.max(lo, u);
                    } else {
                        hi = Math.min(hi, u);
                    }
                }
                if (it == 0 && other <= capO + CAP_TOL) {
                    break; // u = 0 is optimal for the Lagrangian dual
                }
            }
            return bestUb;
        }

        /** 0/1 DP after binary splitting of the bounded items; profit p − u w_o; returns the max, fills take. */
        private double dpRun(double u, int[] wq, double[] wo, int C, double[] dp, int[] take) {
            Arrays.fill(dp, 0);
            Arrays.fill(take, 0);
            int pieces = 0;
            int[] pj = new int[n * 32];
            int[] pk = new int[n * 32];
            for (int j = 0; j < n; j++) {
                double a = sp[j] - u * wo[j];
                if (a <= 0) {
                    continue;
                }
                int c = scap[j];
                if (wq[j] > 0) {
                    c = Math.min(c, C / wq[j]);
                }
                for (int k = 1; c > 0; k *= 2) {
                    int t = Math.min(k, c);
                    pj[pieces] = j;
                    pk[pieces++] = t;
                    c -= t;
                }
            }
            int stride = C + 1;
            if (choice.length < pieces * stride) {
                choice = new byte[pieces * stride];
            }
            for (int q = 0; q < pieces; q++) {
                int j = pj[q];
                int wt = pk[q] * wq[j];
                double val = pk[q] * (sp[j] - u * wo[j]);
                int base = q * stride;
                if (wt == 0) {
                    for (int c = C; c >= 0; c--) {
                        dp[c] += val;
                        choice[base + c] = 1;
                    }
                    continue;
                }
                for (int c = C; c >= wt; c--) {
                    double v = dp[c - wt] + val;
                    if (v > dp[c]) {
                        dp[c] = v;
                        choice[base + c] = 1;
                    } else {
                        choice[base + c] = 0;
                    }
                }
                for (int c = Math.min(wt - 1, C); c >= 0; c--) {
                    choice[base + c] = 0;
                }
            }
            int c = C;
            for (int q = pieces - 1; q >= 0; q--) {
                if (choice[q * stride + c] == 1) {
                    take[pj[q]] += pk[q];
                    c -= pk[q] * wq[pj[q]];
                }
            }
            return dp[C];
        }

        private int[] idxBuf = new int[16];
        private double[] keyBuf = new double[16];

        /** Sorts idx[0..n) by key descending (primitive insertion/shell sort, n is small). */
        private static void sortDesc(int[] idx, double[] key, int n) {
            for (int gap = n / 2; gap > 0; gap = gap == 2 ? 1 : (int) (gap / 2.2)) {
                for (int i = gap; i < n; i++) {
                    int t = idx[i];
                    double kt = key[t];
                    int j = i;
                    while (j >= gap && key[idx[j - gap]] < kt) {
                        idx[j] = idx[j - gap];
                        j -= gap;
                    }
                    idx[j] = t;
                }
            }
        }

        private double fractional(double V, double M, double lam) {
            if (idxBuf.length < n) {
                idxBuf = new int[2 * n];
                keyBuf = new double[2 * n];
            }
            int[] idx = idxBuf;
            double[] dens = keyBuf;
            for (int i = 0; i < n; i++) {
                idx[i] = i;
                dens[i] = p[i] / (lam * wv[w[i]] / V + (1 - lam) * wm[w[i]] / M);
            }
            sortDesc(idx, dens, n);
            double c = 1 + (lam * CAP_TOL / V + (1 - lam) * CAP_TOL / M);
            double val = 0;
            for (int j = 0; j < n && c > 0; j++) {
                int i = idx[j];
                double s = lam * wv[w[i]] / V + (1 - lam) * wm[w[i]] / M;
                double take = Math.min(cap[i], c / s);
                val += take * p[i];
                c -= take * s;
            }
            return val;
        }

        /** Greedy fill by profit per dominant share; returns (workloads, counts) sorted by workload, or null. */
        int[][] greedy(double V, double M) {
            Integer[] idx = new Integer[n];
            double[] dens = new double[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
                dens[i] = p[i] / Math.max(wv[w[i]] / V, wm[w[i]] / M);
            }
            Arrays.sort(idx, (a, b) -> Double.compare(dens[b], dens[a]));
            double rv = V + CAP_TOL;
            double rm = M + CAP_TOL;
            int[] take = new int[n];
            greedyProfit = 0;
            int k = 0;
            for (int j = 0; j < n; j++) {
                int i = idx[j];
                int t = (int) Math.min(cap[i], Math.floor(Math.min(rv / wv[w[i]], rm / wm[w[i]])));
                while (t > 0 && (t * wv[w[i]] > rv || t * wm[w[i]] > rm)) {
                    t--;
                }
                if (t > 0) {
                    take[i] = t;
                    rv -= t * wv[w[i]];
                    rm -= t * wm[w[i]];
                    greedyProfit += t * p[i];
                    k++;
                }
            }
            if (k == 0) {
                return null;
            }
            return pattern(take);
        }

        private int[][] pattern(int[] take) {
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (take[i] > 0) {
                    k++;
                }
            }
            long[] pairs = new long[k];
            k = 0;
            for (int i = 0; i < n; i++) {
                if (take[i] > 0) {
                    pairs[k++] = ((long) w[i] << 32) | take[i];
                }
            }
            Arrays.sort(pairs);
            int[] ws = new int[k];
            int[] cnt = new int[k];
            for (int j = 0; j < k; j++) {
                ws[j] = (int) (pairs[j] >>> 32);
                cnt[j] = (int) (pairs[j] & 0xffffffffL);
            }
            return new int[][] {ws, cnt};
        }

        /**
         * Maximises the profit, but only above {@code floor}: subtrees whose bound is at most max(incumbent, floor)
         * are pruned, so the result is exact when the maximum exceeds the floor and otherwise only proves
         * max ≤ floor (+ eps), which is all the caller needs (a pool's node costs floor = yCost − β·price: patterns
         * worth less never have a negative reduced cost and add nothing to the Lagrangian value).
         */
        Out solve(double V, double M, long nodeCap, double floor) {
            return solve(V, M, nodeCap, floor, false);
        }

        /** As above; {@code quick}: no Lagrangian DP nor SCIP when the node limit stops the search. */
        Out solve(double V, double M, long nodeCap, double floor, boolean quick) {
            this.V = V;
            this.M = M;
            this.nodeCap = nodeCap;
            Out out = new Out();
            // group items by size (vcpus, memory), best profit first within a group
            for (int i = 0; i < n; i++) {
                sortIdx[i] = i;
            }
            Arrays.sort(sortIdx, 0, n, (a, b) -> {
                int c = Double.compare(wv[w[a]], wv[w[b]]);
                if (c == 0) {
                    c = Double.compare(wm[w[a]], wm[w[b]]);
                }
                return c != 0 ? c : Double.compare(p[b], p[a]);
            });
            G = 0;
            for (int j = 0; j < n; j++) {
                int i = sortIdx[j];
                sv[j] = wv[w[i]];
                sm[j] = wm[w[i]];
                sp[j] = p[i];
                scap[j] = cap[i];
                sw[j] = i;
                if (j == 0 || sv[j] != sv[j - 1] || sm[j] != sm[j - 1]) {
                    gv[G] = sv[j];
                    gm[G] = sm[j];
                    gStart[G] = j;
                    gTot[G] = 0;
                    G++;
                }
                grp[j] = G - 1;
                gEnd[G - 1] = j + 1;
                gTot[G - 1] = (int) Math.min(Integer.MAX_VALUE, (long) gTot[G - 1] + scap[j]);
            }
            // root bound and the best λ
            double[] lb = lpBound(V, M);
            double root = lb[0];
            double bestLam = lb[1];
            if (root <= floor) {
                out.ub = root;
                out.exact = true;
                return out;
            }
            lams[0] = bestLam;
            nl = 1;
            if (bestLam != 0) {
                lams[nl++] = 0;
            }
            if (bestLam != 1) {
                lams[nl++] = 1;
            }
            for (int l = 0; l < nl; l++) {
                double lam = lams[l];
                Integer[] idx = new Integer[n];
                double[] dens = new double[n];
                for (int j = 0; j < n; j++) {
                    idx[j] = j;
                    dens[j] = sp[j] / (lam * sv[j] / V + (1 - lam) * sm[j] / M);
                }
                Arrays.sort(idx, (a, b) -> {
                    int c = Double.compare(dens[b], dens[a]);
                    return c != 0 ? c : Integer.compare(a, b);
                });
                for (int j = 0; j < n; j++) {
                    lorder[l][j] = idx[j];
                }
            }
            // depth order of groups: by density of their best unit under the best λ
            Integer[] gi = new Integer[G];
            double[] gd = new double[G];
            for (int g = 0; g < G; g++) {
                gi[g] = g;
                gd[g] = sp[gStart[g]] / (bestLam * gv[g] / V + (1 - bestLam) * gm[g] / M);
            }
            Arrays.sort(gi, (a, b) -> Double.compare(gd[b], gd[a]));
            for (int d = 0; d < G; d++) {
                ord[d] = gi[d];
                pos[gi[d]] = d;
                cur[d] = 0;
                bestK[d] = 0;
            }
            best = Math.max(0, floor);
            // incumbent: greedy fills by the surrogate density of several λ around the LP's (then the DFS prunes more)
            int[] gc = new int[G];
            double[] dens = new double[n];
            int[] idx = new int[n];
            for (double dl : new double[] {0, -0.02, 0.02, -0.05, 0.05, -0.1, 0.1, -0.2, 0.2, -1, 1, 2}) {
                double lam = Math.max(0, Math.min(1, bestLam + dl));
                for (int j = 0; j < n; j++) {
                    idx[j] = j;
                    dens[j] = dl == 2 ? sp[j] / Math.max(sv[j] / V, sm[j] / M)
                            : sp[j] / (lam * sv[j] / V + (1 - lam) * sm[j] / M);
                }
                sortDesc(idx, dens, n);
                Arrays.fill(gc, 0);
                double rv = V + CAP_TOL;
                double rm = M + CAP_TOL;
                double prof = 0;
                for (int jj = 0; jj < n; jj++) {
                    int j = idx[jj];
                    long t = Math.min(scap[j], (long) Math.floor(Math.min(rv / sv[j], rm / sm[j])));
                    while (t > 0 && (t * sv[j] > rv || t * sm[j] > rm)) {
                        t--;
                    }
                    if (t > 0) {
                        gc[grp[j]] += (int) t;
                        rv -= t * sv[j];
                        rm -= t * sm[j];
                        prof += t * sp[j];
                    }
                }
                if (prof > best) {
                    // within a group the greedy took the best units first, so the group counts are worth prof
                    best = prof;
                    for (int g = 0; g < G; g++) {
                        bestK[pos[g]] = gc[g];
                    }
                }
            }
            // pruning tolerance: a subtree is dropped when its bound is within eps of the incumbent, so the maximum
            // is at most best + eps (relative 1e-7: the bound L loses at most 1e-7 of a node's cost per node)
            eps = PRUNE_TOL * root + 1e-12;
            nodes = 0;
            aborted = false;
            openMax = Double.NEGATIVE_INFINITY;
            dfs(0, V + CAP_TOL, M + CAP_TOL, 0, root);
            out.best = best;
            out.exact = !aborted;
            // stopped: the bounds of the open subtrees (each at least the best pattern inside), capped by the root's
            out.ub = Math.max(best, Math.min(root, openMax)) + eps;
            if (aborted && USE_DP && !quick) {
                // Lagrangian bounds with a DP over one resource (the other relaxed); they may also improve best
                double u0 = lb[2];
                out.ub = Math.min(out.ub, lagrange(true, u0 * (1 - bestLam) / M));
                if (out.ub > best + eps) {
                    out.ub = Math.min(out.ub, lagrange(false, u0 * bestLam / V));
                }
                out.ub = Math.max(out.ub, best);
                out.exact = out.ub <= best + eps;
            }
            if (out.ub > best + eps && SCIP_MILLIS > 0 && !quick) {
                // the search did not prove its incumbent: SCIP on the item model (its proven dual bound, with a
                // margin for its floating-point tolerances, bounds the maximum; its solution is checked here)
                scipCalls++;
                double[] sb = scip(V, M);
                if (sb != null) {
                    out.ub = Math.max(best, Math.min(out.ub, sb[0] * (1 + 1e-9) + 1e-12));
                    out.exact = out.ub <= best + eps;
                }
            }
            boolean found = false;
            for (int d = 0; d < G; d++) {
                found |= bestK[d] > 0;
            }
            out.best = 0;
            if (found) {
                int[] take = new int[n];
                for (int d = 0; d < G; d++) {
                    int g = ord[d];
                    int k = bestK[d];
                    for (int j = gStart[g]; j < gEnd[g] && k > 0; j++) {
                        int t = Math.min(k, scap[j]);
                        take[sw[j]] = t;
                        k -= t;
                    }
                }
                int[][] pat = pattern(take);
                out.ws = pat[0];
                out.cnt = pat[1];
                // recompute the pattern's profit from its items (the value the caller prices with)
                double pr = 0;
                for (int i = 0; i < n; i++) {
                    pr += take[i] * p[i];
                }
                out.best = pr;
            }
            return out;
        }

        /** Solves the knapsack (sorted items) with SCIP; updates the incumbent; returns {dual bound} or null. */
        private double[] scip(double V, double M) {
            OrTools.load();
            MPSolver s = MPSolver.createSolver("SCIP");
            if (s == null) {
                return null;
            }
            try {
                MPConstraint cv = s.makeConstraint(-MPSolver.infinity(), V + CAP_TOL);
                MPConstraint cm = s.makeConstraint(-MPSolver.infinity(), M + CAP_TOL);
                MPObjective o = s.objective();
                o.setMaximization();
                MPVariable[] x = new MPVariable[n];
                for (int j = 0; j < n; j++) {
                    x[j] = s.makeIntVar(0, scap[j], "");
                    cv.setCoefficient(x[j], sv[j]);
                    cm.setCoefficient(x[j], sm[j]);
                    o.setCoefficient(x[j], sp[j]);
                }
                s.setTimeLimit(SCIP_MILLIS);
                MPSolverParameters pp = new MPSolverParameters();
                pp.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, PRUNE_TOL / 10);
                MPSolver.ResultStatus st = s.solve(pp);
                if (st != MPSolver.ResultStatus.OPTIMAL && st != MPSolver.ResultStatus.FEASIBLE) {
                    return null;
                }
                int[] gc = new int[G];
                double uv = 0;
                double um = 0;
                for (int j = 0; j < n; j++) {
                    int t = (int) Math.round(x[j].solutionValue());
                    t = Math.max(0, Math.min(scap[j], t));
                    gc[grp[j]] += t;
                    uv += t * sv[j];
                    um += t * sm[j];
                }
                if (uv <= V + CAP_TOL && um <= M + CAP_TOL) {
                    double prof = 0;
                    for (int g = 0; g < G; g++) {
                        prof += units(g, gc[g]);
                    }
                    if (prof > best) {
                        best = prof;
                        for (int g = 0; g < G; g++) {
                            bestK[pos[g]] = gc[g];
                        }
                    }
                }
                double b = o.bestBound();
                return Double.isFinite(b) ? new double[] {b} : null;
            } finally {
                s.delete();
            }
        }

        /** Fractional surrogate bound of the groups at depth ≥ d with remaining capacity (rv, rm). */
        private double bound(int d, double rv, double rm) {
            double b = Double.POSITIVE_INFINITY;
            for (int l = 0; l < nl; l++) {
                double lam = lams[l];
                double c = lam * rv / V + (1 - lam) * rm / M;
                double val = 0;
                int[] o = lorder[l];
                for (int j = 0; j < n && c > 0; j++) {
                    int i = o[j];
                    if (pos[grp[i]] < d) {
                        continue;
                    }
                    double s = lam * sv[i] / V + (1 - lam) * sm[i] / M;
                    double take = Math.min(scap[i], c / s);
                    val += take * sp[i];
                    c -= take * s;
                }
                b = Math.min(b, val);
            }
            return b;
        }

        /** Profit of the best k units of group g. */
        private double units(int g, long k) {
            double f = 0;
            for (int j = gStart[g]; j < gEnd[g] && k > 0; j++) {
                long t = Math.min(k, scap[j]);
                f += t * sp[j];
                k -= t;
            }
            return f;
        }

        /**
         * Max of the bounds of the children k ≤ kFrom of a node at depth d (the part of the tree left open when the
         * node limit stops the search). The child bound is concave in k, so the scan stops once it decreases.
         */
        private void open(int d, double rv, double rm, double prof, long kFrom) {
            int g = ord[d];
            double prev = Double.NEGATIVE_INFINITY;
            for (long k = kFrom; k >= 0; k--) {
                double b = prof + units(g, k) + bound(d + 1, rv - k * gv[g], rm - k * gm[g]);
                openMax = Math.max(openMax, b);
                if (b < prev) {
                    break;
                }
                prev = b;
            }
        }

        private void dfs(int d, double rv, double rm, double prof, double nodeBound) {
            if (prof > best) {
                best = prof;
                for (int e = 0; e < G; e++) {
                    bestK[e] = e < d ? cur[e] : 0;
                }
            }
            if (d == G || nodeBound <= best + eps) {
                return;
            }
            int g = ord[d];
            long kmax = gTot[g];
            kmax = Math.min(kmax, (long) Math.floor(rv / gv[g]));
            kmax = Math.min(kmax, (long) Math.floor(rm / gm[g]));
            while (kmax > 0 && (kmax * gv[g] > rv || kmax * gm[g] > rm)) {
                kmax--;
            }
            // profit of kmax units (best units first), then walk down
            double f = 0;
            int seg = gStart[g];
            int used = 0;
            for (long k = 0; k < kmax; k++) {
                if (used == scap[seg]) {
                    seg++;
                    used = 0;
                }
                f += sp[seg];
                used++;
            }
            double prev = Double.NEGATIVE_INFINITY;
            for (long k = kmax; k >= 0; k--) {
                if (++nodes > nodeCap) {
                    aborted = true;
                    open(d, rv, rm, prof, k);
                    return;
                }
                double crv = rv - k * gv[g];
                double crm = rm - k * gm[g];
                double b = prof + f + bound(d + 1, crv, crm);
                if (b > best + eps) {
                    cur[d] = (int) k;
                    dfs(d + 1, crv, crm, prof + f, b);
                    cur[d] = 0;
                    if (aborted) {
                        if (k > 0) {
                            open(d, rv, rm, prof, k - 1);
                        }
                        return;
                    }
                } else if (b <= prev) {
                    // b(k) is concave in k (concave profit of the group plus a concave fractional bound of an
                    // affine capacity, min over λ): past its peak and below the incumbent, smaller k cannot do better
                    break;
                }
                prev = b;
                if (k > 0) {
                    f -= sp[seg];
                    used--;
                    if (used == 0 && seg > gStart[g]) {
                        seg--;
                        used = scap[seg];
                    }
                }
            }
        }
    }
}
