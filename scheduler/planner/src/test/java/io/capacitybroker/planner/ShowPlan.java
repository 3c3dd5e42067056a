package io.capacitybroker.planner;

import java.util.HashMap;
import java.util.Map;

final class ShowPlan {
    public static void main(String[] args) {
        String json = Resources.text("/examples/" + args[0] + ".json");
        Scenario s = ScenarioReader.read(json);
        Plan p = Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(Long.parseLong(args[1])));
        Map<String, Offer> offers = new HashMap<>();
        s.offers().forEach(o -> offers.put(o.id(), o));
        Map<String, Workload> wl = new HashMap<>();
        s.workloads().forEach(w -> wl.put(w.id(), w));
        Map<String, RentedNode> rn = new HashMap<>();
        s.rentedNodes().forEach(r -> rn.put(r.id(), r));
        for (Workload w : s.workloads()) {
            System.out.println(w);
        }
        for (PlanNode n : p.nodes()) {
            String off = n.offerId() != null ? n.offerId() : rn.containsKey(n.id()) ? rn.get(n.id()).offerId() : null;
            Offer o = off == null ? null : offers.get(off);
            double v = 0, m = 0;
            for (var e : n.placements().entrySet()) {
                v += e.getValue() * wl.get(e.getKey()).vcpus();
                m += e.getValue() * wl.get(e.getKey()).memoryGiB();
            }
            System.out.printf("%s %s %s used %.2f/%s cpu %.1f/%s mem price %s pl %s before %s%n", n.id(), n.source(), off,
                    v, o == null ? "?" : o.vcpus(), m, o == null ? "?" : o.memoryGiB(), o == null ? "?" : o.pricePerHour(),
                    n.placements(), rn.containsKey(n.id()) ? rn.get(n.id()).placements() : "");
        }
        System.out.println(p.release() + " " + p.unplaced() + " " + p.summary());
    }
}
