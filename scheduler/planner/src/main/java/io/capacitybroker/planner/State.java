package io.capacitybroker.planner;

import java.util.ArrayList;
import java.util.List;

/**
 * Mutable search state with an undo log. The objective is tracked incrementally (model costs: may be carbon- or
 * churn-blind); the final summary is recomputed from the plan by {@link PlanEvaluator}.
 */
final class State {
    final Model m;
    final List<Node> nodes = new ArrayList<>();
    final List<Node> owned = new ArrayList<>();
    final List<Node> rented = new ArrayList<>();
    final int[] unpl;
    final int[] spotCnt;
    final int[] newCount;
    final PairCounts poolCnt = new PairCounts();
    double obj;
    double lambda;
    double spend;
    boolean budgetHit;

    // partial (open, with room) nodes per pool; owned nodes are scanned separately
    final List<List<Node>> partial;
    final List<Integer> activePools = new ArrayList<>();
    final boolean[] inActive;
    final List<List<Node>> closedRented; // per pool
    final List<Integer> closedRentedPools = new ArrayList<>();
    final boolean[] inClosedRentedPools;
    final List<List<Node>> freeNew; // closed new nodes for reuse, per pool
    int newSerial;

    // undo log: op, node index, w, k
    private int[] log = new int[1024];
    private int logN;
    private boolean logging;

    static final int OP_PLACE = 1;
    static final int OP_OPEN = 2;
    static final int OP_CLOSE = 3;

    State(Model m) {
        this.m = m;
        unpl = m.rep.clone();
        spotCnt = new int[m.W];
        newCount = new int[m.P];
        partial = new ArrayList<>(m.P);
        closedRented = new ArrayList<>(m.P);
        freeNew = new ArrayList<>(m.P);
        for (int p = 0; p < m.P; p++) {
            partial.add(null);
            closedRented.add(null);
            freeNew.add(null);
        }
        inActive = new boolean[m.P];
        inClosedRentedPools = new boolean[m.P];
        for (int w = 0; w < m.W; w++) {
            obj += m.uCost[w] * m.rep[w];
        }
    }

    Node addNode(Node n) {
        n.index = nodes.size();
        nodes.add(n);
        return n;
    }

    int poolCount(int w, int p) {
        return poolCnt.get(key(w, p));
    }

    private long key(int w, int p) {
        return (long) w * m.P + p;
    }

    /** Spot room for workload w on a node. */
    int spotRoom(int w, Node n) {
        if (!n.spot) {
            return Integer.MAX_VALUE;
        }
        return Math.min(m.spotMax[w] - spotCnt[w], m.poolMax[w] - poolCount(w, n.pool));
    }

    /**
     * Replicas of w that may move from one node to another under the spot share and the pool spread: a move onto a
     * spot node from an on-demand or owned one adds to both, from another spot pool to the target pool's spread only.
     */
    int spotRoomForMove(int w, Node from, Node to) {
        if (!to.spot || (from.spot && from.pool == to.pool)) {
            return Integer.MAX_VALUE;
        }
        return from.spot ? m.poolMax[w] - poolCount(w, to.pool) : spotRoom(w, to);
    }

    int spotRoomPool(int w, int p) {
        if (!m.pSpot[p]) {
            return Integer.MAX_VALUE;
        }
        return Math.min(m.spotMax[w] - spotCnt[w], m.poolMax[w] - poolCount(w, p));
    }

    /** Objective delta of moves when changing after(n,w) by k. */
    double moveDelta(Node n, int w, int k) {
        if (m.moveCost == 0) {
            return 0;
        }
        int b = n.before(w);
        int a = n.after(w);
        return m.moveCost * (Math.max(0, a + k - b) - Math.max(0, a - b));
    }

    void place(Node n, int w, int k) {
        if (k == 0) {
            return;
        }
        obj += moveDelta(n, w, k) + k * n.replicaCost - k * m.uCost[w];
        n.addAfter(w, k);
        n.usedV += k * m.wv[w];
        n.usedM += k * m.wm[w];
        n.total += k;
        unpl[w] -= k;
        if (n.spot) {
            spotCnt[w] += k;
            poolCnt.add(key(w, n.pool), k);
        }
        if (k < 0) {
            markPartial(n);
        }
        if (n.an == 0) {
            n.usedV = 0;
            n.usedM = 0;
        }
        if (logging) {
            push(OP_PLACE, n, w, k);
        }
    }

    void open(Node n) {
        n.open = true;
        obj += n.nodeCost;
        if (n.kind != Node.OWNED) {
            spend += m.pPrice[n.pool];
        }
        if (n.kind == Node.NEW) {
            newCount[n.pool]++;
        }
        markPartial(n);
        if (logging) {
            push(OP_OPEN, n, 0, 0);
        }
    }

    void close(Node n) {
        n.open = false;
        obj -= n.nodeCost;
        if (n.kind != Node.OWNED) {
            spend -= m.pPrice[n.pool];
        }
        if (n.kind == Node.NEW) {
            newCount[n.pool]--;
            list(freeNew, n.pool).add(n);
        }
        if (n.kind == Node.RENTED) {
            list(closedRented, n.pool).add(n);
            if (!inClosedRentedPools[n.pool]) {
                inClosedRentedPools[n.pool] = true;
                closedRentedPools.add(n.pool);
            }
        }
        if (logging) {
            push(OP_CLOSE, n, 0, 0);
        }
    }

    static List<Node> list(List<List<Node>> lists, int p) {
        List<Node> l = lists.get(p);
        if (l == null) {
            l = new ArrayList<>(4);
            lists.set(p, l);
        }
        return l;
    }

    void markPartial(Node n) {
        if (n.kind == Node.OWNED || n.inPartial || !n.open) {
            return;
        }
        n.inPartial = true;
        list(partial, n.pool).add(n);
        if (!inActive[n.pool]) {
            inActive[n.pool] = true;
            activePools.add(n.pool);
        }
    }

    /** A new node of pool p, reusing a closed one when possible (not opened yet). */
    Node newNode(int p) {
        List<Node> free = freeNew.get(p);
        while (free != null && !free.isEmpty()) {
            Node n = free.remove(free.size() - 1);
            if (!n.open && n.an == 0) {
                return n;
            }
        }
        Node n = new Node(Node.NEW, p, -1, m.pV[p], m.pM[p], m.pReg[p], m.pProv[p], m.pSpot[p], m.pNodeCost[p],
                m.pReplicaCost[p], new int[0], new int[0]);
        addNode(n);
        return n;
    }

    boolean canOpenPool(int p, boolean isNew) {
        if (isNew && newCount[p] >= m.pAvail[p]) {
            return false;
        }
        if (m.budget != null && spend + m.pPrice[p] > m.budget + Model.EPS) {
            budgetHit = true;
            return false;
        }
        return true;
    }

    // ---- undo log
    private void push(int op, Node n, int w, int k) {
        if (logN + 4 > log.length) {
            log = java.util.Arrays.copyOf(log, log.length * 2);
        }
        log[logN++] = op;
        log[logN++] = n.index;
        log[logN++] = w;
        log[logN++] = k;
    }

    int mark() {
        logging = true;
        return logN;
    }

    void rollback(int mark) {
        boolean was = logging;
        logging = false;
        while (logN > mark) {
            int k = log[--logN];
            int w = log[--logN];
            int ni = log[--logN];
            int op = log[--logN];
            Node n = nodes.get(ni);
            switch (op) {
                case OP_PLACE -> place(n, w, -k);
                case OP_OPEN -> close(n);
                case OP_CLOSE -> open(n);
                default -> throw new IllegalStateException();
            }
        }
        logging = was;
    }

    void commit() {
        logN = 0;
        logging = false;
    }
}
