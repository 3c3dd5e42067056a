package io.capacitybroker.planner;

/** A node in the search state: owned, rented (kept when open, released when closed) or new. */
final class Node {
    static final int OWNED = 0;
    static final int RENTED = 1;
    static final int NEW = 2;

    final int kind;
    final int pool; // -1 for owned
    final int ref; // index in scenario list (owned/rented), -1 for new
    final double capV;
    final double capM;
    final int reg;
    final int prov;
    final boolean spot;
    final double nodeCost;
    final double replicaCost;
    final int[] bw; // before: workloads
    final int[] bc; // before: counts
    /** Bit (w mod 64) set for every workload w that ran here: a clear bit means before(w) is 0 without a scan. */
    private final long beforeBits;

    int index = -1;
    boolean open;
    double usedV;
    double usedM;
    int[] aw = new int[2];
    int[] ac = new int[2];
    int an;
    boolean inPartial;
    int total;

    Node(int kind, int pool, int ref, double capV, double capM, int reg, int prov, boolean spot, double nodeCost,
            double replicaCost, int[] bw, int[] bc) {
        this.kind = kind;
        this.pool = pool;
        this.ref = ref;
        this.capV = capV;
        this.capM = capM;
        this.reg = reg;
        this.prov = prov;
        this.spot = spot;
        this.nodeCost = nodeCost;
        this.replicaCost = replicaCost;
        this.bw = bw;
        this.bc = bc;
        long bits = 0;
        for (int i = 0; bw != null && i < bw.length; i++) {
            bits |= 1L << bw[i];
        }
        this.beforeBits = bits;
    }

    int before(int w) {
        if ((beforeBits & (1L << w)) == 0) {
            return 0;
        }
        for (int i = 0; i < bw.length; i++) {
            if (bw[i] == w) {
                return bc[i];
            }
        }
        return 0;
    }

    int after(int w) {
        for (int i = 0; i < an; i++) {
            if (aw[i] == w) {
                return ac[i];
            }
        }
        return 0;
    }

    void addAfter(int w, int k) {
        for (int i = 0; i < an; i++) {
            if (aw[i] == w) {
                ac[i] += k;
                if (ac[i] == 0) {
                    an--;
                    aw[i] = aw[an];
                    ac[i] = ac[an];
                }
                return;
            }
        }
        if (k == 0) {
            return;
        }
        if (an == aw.length) {
            aw = java.util.Arrays.copyOf(aw, an * 2);
            ac = java.util.Arrays.copyOf(ac, an * 2);
        }
        aw[an] = w;
        ac[an] = k;
        an++;
    }
}
