package io.capacitybroker.planner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a search state into a {@link Plan}: nodes, releases, unplaced replicas, reasons, summary. */
final class Output {

    private Output() {
    }

    static Plan toPlan(Model m, State s, PlannerOptions opt, long t0) {
        Scenario sc = m.scenario;
        Set<String> used = new HashSet<>();
        sc.ownedNodes().forEach(o -> used.add(o.id()));
        sc.rentedNodes().forEach(r -> used.add(r.id()));
        List<PlanNode> nodes = new ArrayList<>();
        List<String> release = new ArrayList<>();
        int serial = 0;
        for (Node n : s.nodes) {
            Map<String, Integer> pl = placements(m, n);
            switch (n.kind) {
                case Node.OWNED -> nodes.add(new PlanNode(sc.ownedNodes().get(n.ref).id(), PlanNode.Source.OWNED,
                        null, pl));
                case Node.RENTED -> {
                    String id = sc.rentedNodes().get(n.ref).id();
                    if (n.open) {
                        nodes.add(new PlanNode(id, PlanNode.Source.RENTED, null, pl));
                    } else {
                        release.add(id);
                    }
                }
                default -> {
                    if (n.open && n.an > 0) {
                        String id;
                        do {
                            id = "new-" + (++serial);
                        } while (used.contains(id));
                        nodes.add(new PlanNode(id, PlanNode.Source.NEW, m.pId[n.pool], pl));
                    }
                }
            }
        }
        Map<String, Integer> unplaced = new LinkedHashMap<>();
        for (int w = 0; w < m.W; w++) {
            if (s.unpl[w] > 0) {
                unplaced.put(m.wId[w], s.unpl[w]);
            }
        }
        Reasons reasons = new Reasons(m, s);
        Map<String, String> why = new LinkedHashMap<>();
        for (int w = 0; w < m.W; w++) {
            if (s.unpl[w] > 0) {
                why.put(m.wId[w], reasons.reason(w));
            }
        }
        Summary summary = PlanEvaluator.summarize(sc, nodes, unplaced);
        Object explanations = opt.explain() ? Explainer.explain(m, s, reasons, nodes) : null;
        long millis = (System.nanoTime() - t0) / 1_000_000L;
        return new Plan(nodes, release, unplaced, why, summary, millis, explanations);
    }

    static Map<String, Integer> placements(Model m, Node n) {
        Map<String, Integer> pl = new LinkedHashMap<>();
        // deterministic order: by workload index
        Integer[] o = new Integer[n.an];
        for (int i = 0; i < n.an; i++) {
            o[i] = i;
        }
        java.util.Arrays.sort(o, (a, b) -> Integer.compare(n.aw[a], n.aw[b]));
        for (int i : o) {
            if (n.ac[i] > 0) {
                pl.put(m.wId[n.aw[i]], n.ac[i]);
            }
        }
        return pl;
    }
}
