package io.capacitybroker.planner;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Recombination of the nodes the search has built (used without a budget). Every open node of the states handed to
 * {@link #add} (owned node, rented node or new node of a pool, with its content) is a column with its exact cost in
 * the objective: node, interruptions and a move for each replica beyond those that ran on that node; a new node's
 * column may be used as many times as one state held it. Picking the cheapest set of columns under the contract's
 * rules is a set-packing problem (session 12 solved it with SCIP: plans 0.3–1.7 % better than the best state exist
 * among those nodes). Here its workload rows and spot-share rows are priced by Lagrange multipliers, warm-started from
 * the incumbent (a placed replica is worth what it pays there) and moved by subgradient steps; the priced points are
 * turned into states greedily: columns by reduced cost, each node opened only when it lowers the objective and still
 * gets most of its replicas (those already placed elsewhere or beyond the spot rules are left out), then the usual
 * insertion places what is left. The best such state is returned; the caller improves it and keeps it when better.
 */
final class Recombination {
    /** Iterations without a better Lagrangian value before the step halves. */
    static final int STALL = 25;
    /** A column's node is opened only when it gets at least this share of the column's replicas. */
    static final double MIN_SHARE = 0.6;

    private final Search search;
    private final Model m;
    private final Map<String, Integer> index = new HashMap<>();
    private int n;
    private int[] kind = new int[256];
    private int[] ref = new int[256];
    private int[] pool = new int[256];
    private int[] ub = new int[256];
    private int[][] cw = new int[256][];
    private int[][] cc = new int[256][];
    private double[] cost = new double[256];
    private int states;

    Recombination(Search search) {
        this.search = search;
        this.m = search.m;
    }

    int columns() {
        return n;
    }

    int states() {
        return states;
    }

    /** Adds the open nodes of s as columns (duplicates merged; a new node's multiplicity is its most in one state). */
    void add(State s) {
        states++;
        Map<Integer, Integer> seen = new HashMap<>();
        StringBuilder key = new StringBuilder();
        for (Node x : s.nodes) {
            if (!x.open || x.an == 0) {
                continue;
            }
            int[] w = Arrays.copyOf(x.aw, x.an);
            int[] c = Arrays.copyOf(x.ac, x.an);
            sortPairs(w, c);
            key.setLength(0);
            key.append(x.kind).append(':').append(x.kind == Node.NEW ? x.pool : x.ref);
            for (int i = 0; i < w.length; i++) {
                key.append(',').append(w[i]).append('x').append(c[i]);
            }
            String k = key.toString();
            Integer j = index.get(k);
            if (j == null) {
                j = append(x, w, c);
                index.put(k, j);
            }
            if (x.kind == Node.NEW) {
                ub[j] = Math.max(ub[j], seen.merge(j, 1, Integer::sum));
            }
        }
    }

    private int append(Node x, int[] w, int[] c) {
        if (n == kind.length) {
            int len = 2 * n;
            kind = Arrays.copyOf(kind, len);
            ref = Arrays.copyOf(ref, len);
            pool = Arrays.copyOf(pool, len);
            ub = Arrays.copyOf(ub, len);
            cw = Arrays.copyOf(cw, len);
            cc = Arrays.copyOf(cc, len);
            cost = Arrays.copyOf(cost, len);
        }
        double k = x.nodeCost;
        for (int i = 0; i < w.length; i++) {
            k += c[i] * x.replicaCost + m.moveCost * Math.max(0, c[i] - x.before(w[i]));
        }
        kind[n] = x.kind;
        ref[n] = x.ref;
        pool[n] = x.pool;
        ub[n] = 1;
        cw[n] = w;
        cc[n] = c;
        cost[n] = k;
        return n++;
    }

    /** Insertion sort of (workload, count) pairs by workload (a node holds a few workloads). */
    private static void sortPairs(int[] w, int[] c) {
        for (int i = 1; i < w.length; i++) {
            int a = w[i];
            int b = c[i];
            int j = i - 1;
            while (j >= 0 && w[j] > a) {
                w[j + 1] = w[j];
                c[j + 1] = c[j];
                j--;
            }
            w[j + 1] = a;
            c[j + 1] = b;
        }
    }

    /** Whether column j is a node of a spot pool. */
    private boolean spot(int j) {
        return kind[j] != Node.OWNED && m.pSpot[pool[j]];
    }

    /**
     * Subgradient steps on the multipliers until {@code until} (nanoTime), the first point and then every few steps
     * turned into a state by {@link #greedy} (workloads left unplaced inserted in {@code order}); returns the best such
     * state, or null when there are no columns.
     */
    State build(State inc, long until, Integer[] order) {
        if (n == 0) {
            return null;
        }
        double upper = inc.obj;
        int nw = m.W;
        double[] mu = warmDuals(inc);
        double[] rho = new double[nw];
        double[] rc = new double[n];
        int[] x = new int[n];
        double[] g = new double[nw];
        double[] gs = new double[nw];
        int[] bestOwned = new int[m.scenario.ownedNodes().size()];
        int[] bestRented = new int[m.scenario.rentedNodes().size()];
        int[] usedNew = new int[m.P];
        Integer[] byRc = new Integer[n];
        double constant = 0;
        for (int w = 0; w < nw; w++) {
            constant += m.uCost[w] * m.rep[w];
        }
        double alpha = 2;
        double bestL = Double.NEGATIVE_INFINITY;
        int sinceBest = 0;
        State best = null;
        int nextGreedy = 0;
        for (int it = 0; System.nanoTime() < until; it++) {
            // the Lagrangian subproblem: every column with a negative reduced cost, one per owned or rented node (its
            // most negative), new nodes of a pool up to what is available (most negative first)
            Arrays.fill(bestOwned, -1);
            Arrays.fill(bestRented, -1);
            double lagr = constant;
            for (int w = 0; w < nw; w++) {
                lagr -= mu[w] * m.rep[w] + rho[w] * m.spotMax[w];
            }
            for (int j = 0; j < n; j++) {
                double r = cost[j];
                boolean sp = spot(j);
                for (int i = 0; i < cw[j].length; i++) {
                    int w = cw[j][i];
                    r -= cc[j][i] * (m.uCost[w] - mu[w] - (sp ? rho[w] : 0));
                }
                rc[j] = r;
                x[j] = 0;
                if (r < 0 && kind[j] == Node.OWNED) {
                    if (bestOwned[ref[j]] < 0 || r < rc[bestOwned[ref[j]]]) {
                        bestOwned[ref[j]] = j;
                    }
                } else if (r < 0 && kind[j] == Node.RENTED) {
                    if (bestRented[ref[j]] < 0 || r < rc[bestRented[ref[j]]]) {
                        bestRented[ref[j]] = j;
                    }
                }
            }
            for (int j : bestOwned) {
                if (j >= 0) {
                    x[j] = 1;
                }
            }
            for (int j : bestRented) {
                if (j >= 0) {
                    x[j] = 1;
                }
            }
            sortByRc(byRc, rc);
            Arrays.fill(usedNew, 0);
            for (int j : byRc) {
                if (rc[j] >= 0) {
                    break;
                }
                if (kind[j] == Node.NEW) {
                    int k = (int) Math.min(ub[j], (long) m.pAvail[pool[j]] - usedNew[pool[j]]);
                    if (k > 0) {
                        x[j] = k;
                        usedNew[pool[j]] += k;
                    }
                }
            }
            Arrays.fill(g, 0);
            Arrays.fill(gs, 0);
            for (int j = 0; j < n; j++) {
                if (x[j] == 0) {
                    continue;
                }
                lagr += x[j] * rc[j];
                boolean sp = spot(j);
                for (int i = 0; i < cw[j].length; i++) {
                    g[cw[j][i]] += x[j] * cc[j][i];
                    if (sp) {
                        gs[cw[j][i]] += x[j] * cc[j][i];
                    }
                }
            }
            double norm = 0;
            for (int w = 0; w < nw; w++) {
                g[w] -= m.rep[w];
                gs[w] -= m.spotMax[w];
                if (g[w] > 0 || mu[w] > 0) {
                    norm += g[w] * g[w];
                }
                if (gs[w] > 0 || rho[w] > 0) {
                    norm += gs[w] * gs[w];
                }
            }
            if (lagr > bestL + 1e-9 * Math.abs(bestL)) {
                bestL = lagr;
                sinceBest = 0;
            } else if (++sinceBest >= STALL) {
                alpha /= 2;
                sinceBest = 0;
            }
            if (it == nextGreedy) {
                // the warm start first, then every few steps (more apart as the multipliers settle)
                nextGreedy = Math.max(nextGreedy + 5, nextGreedy * 3 / 2);
                State s = greedy(rc, byRc, order);
                if (best == null || s.obj < best.obj) {
                    best = s;
                }
                upper = Math.min(upper, s.obj);
            }
            if (norm < 1e-12) {
                break;
            }
            // Polyak step towards the best objective known
            double step = alpha * Math.max(upper - lagr, 1e-6 * Math.abs(upper)) / norm;
            for (int w = 0; w < nw; w++) {
                mu[w] = Math.max(0, mu[w] + step * g[w]);
                rho[w] = Math.max(0, rho[w] + step * gs[w]);
            }
        }
        return best;
    }

    private void sortByRc(Integer[] byRc, double[] rc) {
        for (int j = 0; j < n; j++) {
            byRc[j] = j;
        }
        Arrays.sort(byRc, (a, b) -> Double.compare(rc[a], rc[b]));
    }

    /**
     * Multipliers from the incumbent: a placed replica is worth what it pays in inc (its node's cost shared by the
     * share of the node each replica takes, plus its interruptions and move), an unplaced one its unplaced cost; mu
     * is the unplaced cost less the mean worth of the workload's replicas (at least 0).
     */
    private double[] warmDuals(State inc) {
        double[] pay = new double[m.W];
        for (Node x : inc.nodes) {
            if (!x.open || x.an == 0) {
                continue;
            }
            double tot = 0;
            for (int i = 0; i < x.an; i++) {
                tot += x.ac[i] * share(x.aw[i], x);
            }
            for (int i = 0; i < x.an; i++) {
                int w = x.aw[i];
                double sh = share(w, x) / Math.max(1e-12, tot);
                pay[w] += x.ac[i] * (x.nodeCost * sh + x.replicaCost) + m.moveCost * Math.max(0, x.ac[i] - x.before(w));
            }
        }
        double[] mu = new double[m.W];
        for (int w = 0; w < m.W; w++) {
            pay[w] += inc.unpl[w] * m.uCost[w];
            mu[w] = m.rep[w] == 0 ? 0 : Math.max(0, m.uCost[w] - pay[w] / m.rep[w]);
        }
        return mu;
    }

    private double share(int w, Node x) {
        return m.wv[w] / x.capV + m.wm[w] / x.capM;
    }

    /**
     * A state from the columns in order of reduced cost (byRc, sorted by rc): each column's node (the owned or rented
     * node itself, or a new node of its pool, as often as the column may be used) gets the column's replicas as far as
     * they are still unplaced and the spot rules and the node's room allow, and is kept only when that lowers the
     * objective and places at least {@link #MIN_SHARE} of the column's replicas; then the usual insertion.
     */
    State greedy(double[] rc, Integer[] byRc, Integer[] order) {
        State s = search.fresh(false);
        boolean[] ownedUsed = new boolean[s.owned.size()];
        for (int j : byRc) {
            int times = kind[j] == Node.NEW ? ub[j] : 1;
            for (int t = 0; t < times; t++) {
                Node nd;
                if (kind[j] == Node.OWNED) {
                    if (ownedUsed[ref[j]]) {
                        break;
                    }
                    nd = s.owned.get(ref[j]);
                } else if (kind[j] == Node.RENTED) {
                    nd = s.rented.get(ref[j]);
                    if (nd.open || !s.canOpenPool(pool[j], false)) {
                        break;
                    }
                } else {
                    if (!s.canOpenPool(pool[j], true)) {
                        break;
                    }
                    nd = null;
                }
                double before = s.obj;
                int mark = s.mark();
                if (nd == null) {
                    nd = s.newNode(pool[j]);
                }
                if (!nd.open) {
                    s.open(nd);
                }
                int planned = 0;
                int placed = 0;
                for (int i = 0; i < cw[j].length; i++) {
                    int w = cw[j][i];
                    int k = Math.min(cc[j][i], Math.min(s.unpl[w],
                            Math.min(s.spotRoom(w, nd), m.fitFree(w, nd.capV - nd.usedV, nd.capM - nd.usedM))));
                    if (k > 0) {
                        s.place(nd, w, k);
                        placed += k;
                    }
                    planned += cc[j][i];
                }
                if (s.obj < before - 1e-9 * Math.max(1, Math.abs(before)) && placed >= MIN_SHARE * planned) {
                    s.commit();
                    if (kind[j] == Node.OWNED) {
                        ownedUsed[ref[j]] = true;
                    }
                } else {
                    s.rollback(mark);
                    s.commit();
                    break;
                }
            }
        }
        search.insertAll(s, order);
        return s;
    }
}
