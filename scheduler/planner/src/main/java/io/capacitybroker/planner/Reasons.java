package io.capacitybroker.planner;

import java.util.Locale;

/** Why replicas of a workload are unplaced: a contract reason code first, then a human sentence. */
final class Reasons {
    private final Model m;
    private final State s;

    Reasons(Model m, State s) {
        this.m = m;
        this.s = s;
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.6g", d);
    }

    String reason(int w) {
        Workload wl = m.scenario.workloads().get(w);
        if (wl.regions() != null && wl.regions().isEmpty()) {
            return "region: regions is [] (allowed nowhere)";
        }
        if (wl.providers() != null && wl.providers().isEmpty()) {
            return "provider: providers is [] (allowed nowhere)";
        }
        boolean anyRegion = false;
        boolean anyRegProv = false;
        boolean anyElig = false;
        boolean anyFit = false;
        double bestCost = Double.POSITIVE_INFINITY;
        double cheapestPrice = Double.POSITIVE_INFINITY;
        boolean anyAvail = false;
        boolean anySpotRoom = false;
        boolean anyOnDemandAvail = false;
        boolean poolBlocked = false;
        for (Node n : s.owned) {
            anyRegion |= m.regOk[w][n.reg];
            anyRegProv |= m.regOk[w][n.reg] && m.provOk[w][n.prov];
            if (m.eligible(w, n.reg, n.prov, false)) {
                anyElig = true;
                if (m.fit(w, n.capV, n.capM) > 0) {
                    anyFit = true;
                    bestCost = Math.min(bestCost, m.moveCost);
                }
            }
        }
        for (int p = 0; p < m.P; p++) {
            anyRegion |= m.regOk[w][m.pReg[p]];
            anyRegProv |= m.regOk[w][m.pReg[p]] && m.provOk[w][m.pProv[p]];
            if (!m.eligiblePool(w, p)) {
                continue;
            }
            anyElig = true;
            int f = m.fit(w, m.pV[p], m.pM[p]);
            if (f <= 0) {
                continue;
            }
            anyFit = true;
            int k = Math.min(f, Math.max(1, m.rep[w]));
            if (m.pSpot[p]) {
                k = Math.min(k, Math.max(1, Math.min(m.spotMax[w], m.poolMax[w])));
            }
            if (p < m.O && m.pAvail[p] > 0) {
                bestCost = Math.min(bestCost, m.pNodeCost[p] / k + m.pReplicaCost[p] + m.moveCost);
            }
            if (p < m.O && s.newCount[p] < m.pAvail[p]) {
                anyAvail = true;
                cheapestPrice = Math.min(cheapestPrice, m.pPrice[p]);
                if (!m.pSpot[p]) {
                    anyOnDemandAvail = true;
                } else if (s.spotRoomPool(w, p) > 0) {
                    anySpotRoom = true;
                } else if (s.spotCnt[w] < m.spotMax[w]) {
                    poolBlocked = true;
                }
            }
        }
        if (!anyRegion) {
            return "region: no offer or node in an allowed region";
        }
        if (!anyRegProv) {
            return "provider: no offer or node of an allowed provider in an allowed region";
        }
        if (!anyElig) {
            return "spotShare: spot is not allowed and only spot offers are eligible";
        }
        if (!anyFit) {
            return "capacity: no eligible offer or node fits one replica (" + fmt(m.wv[w]) + " vCPU, "
                    + fmt(m.wm[w]) + " GiB)";
        }
        if (bestCost >= m.uCost[w]) {
            return "cost: the cheapest placement costs " + fmt(bestCost) + " per replica over the horizon, "
                    + "leaving it unplaced costs " + fmt(m.uCost[w]);
        }
        if (m.budget != null && anyAvail && s.spend + cheapestPrice > m.budget + Model.EPS) {
            return "budgetPerHour: " + fmt(m.budget - s.spend) + " $/h left, the cheapest eligible node costs "
                    + fmt(cheapestPrice) + " $/h";
        }
        if (!anyAvail) {
            return "available: every eligible offer that fits is sold out (available)";
        }
        if (!anyOnDemandAvail && !anySpotRoom) {
            if (poolBlocked) {
                return "poolSpread: only spot pools are left and each holds its maximum share of the workload";
            }
            return "spotShare: only spot offers are left and the workload is at its maximum spot share";
        }
        return "cost: a node for the remaining " + s.unpl[w] + " replica(s) costs more than leaving them unplaced ("
                + fmt(m.uCost[w]) + " per replica over the horizon)";
    }
}
