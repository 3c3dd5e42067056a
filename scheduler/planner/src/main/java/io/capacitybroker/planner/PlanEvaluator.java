package io.capacitybroker.planner;

import java.util.HashMap;
import java.util.Map;

/** Computes a plan's summary figures from the contract's formulas. */
public final class PlanEvaluator {

    private PlanEvaluator() {
    }

    /** Summary of the given nodes/unplaced against the scenario (release is implied by absence). */
    public static Summary summarize(Scenario s, Iterable<PlanNode> nodes, Map<String, Integer> unplaced) {
        Map<String, Offer> offers = new HashMap<>();
        s.offers().forEach(o -> offers.put(o.id(), o));
        Map<String, RentedNode> rented = new HashMap<>();
        s.rentedNodes().forEach(r -> rented.put(r.id(), r));
        Map<String, OwnedNode> owned = new HashMap<>();
        s.ownedNodes().forEach(o -> owned.put(o.id(), o));
        Map<String, Workload> wl = new HashMap<>();
        s.workloads().forEach(w -> wl.put(w.id(), w));
        Policy p = s.policy();
        double price = 0;
        double co2 = 0;
        double rentedCo2 = 0;
        double intr = 0;
        long moves = 0;
        for (OwnedNode o : s.ownedNodes()) {
            co2 += o.co2GramsPerHour();
        }
        for (PlanNode n : nodes) {
            Map<String, Integer> before = Map.of();
            double nPrice = 0;
            double nCo2 = 0;
            double rate = 0;
            boolean spot = false;
            switch (n.source()) {
                case OWNED -> before = owned.get(n.id()).placements();
                case RENTED -> {
                    RentedNode r = rented.get(n.id());
                    before = r.placements();
                    if (r.shape() != null) {
                        nPrice = r.shape().pricePerHour();
                        nCo2 = r.shape().co2GramsPerHour();
                        rate = r.shape().interruptionRatePerHour();
                        spot = r.shape().market() == Market.SPOT;
                    } else {
                        Offer o = offers.get(r.offerId());
                        nPrice = o.pricePerHour();
                        nCo2 = o.co2GramsPerHour();
                        rate = o.interruptionRatePerHour();
                        spot = o.spot();
                    }
                }
                case NEW -> {
                    Offer o = offers.get(n.offerId());
                    nPrice = o.pricePerHour();
                    nCo2 = o.co2GramsPerHour();
                    rate = o.interruptionRatePerHour();
                    spot = o.spot();
                }
            }
            price += nPrice;
            co2 += n.source() == PlanNode.Source.OWNED ? 0 : nCo2;
            rentedCo2 += n.source() == PlanNode.Source.OWNED ? 0 : nCo2;
            for (Map.Entry<String, Integer> e : n.placements().entrySet()) {
                int after = e.getValue();
                int b = before.getOrDefault(e.getKey(), 0);
                moves += Math.max(0, after - b);
                if (spot) {
                    intr += after * rate;
                }
            }
        }
        long unpl = 0;
        double unplCost = 0;
        for (Map.Entry<String, Integer> e : unplaced.entrySet()) {
            unpl += e.getValue();
            unplCost += e.getValue() * wl.get(e.getKey()).unplacedCost(p);
        }
        double objective = s.horizonHours() * (price + rentedCo2 * p.carbonPricePerTonne() / 1e6
                + intr * p.interruptionCostPerReplica() + unplCost) + p.moveCostPerReplica() * moves;
        return new Summary(price, co2, intr, moves, unpl, objective);
    }
}
