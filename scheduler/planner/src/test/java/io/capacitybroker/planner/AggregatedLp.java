package io.capacitybroker.planner;

import java.util.HashMap;
import java.util.Map;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * A valid LP lower bound of the contract's objective, aggregated per pool (offer id): continuous node counts per pool
 * (new and kept rented), continuous replicas per (workload, pool) and per (workload, owned node), moves relaxed to
 * max(0, sum after - sum before) per pool. Every integer plan maps to a feasible point of this LP with the same or a
 * higher objective, so its optimum is a lower bound. Test/benchmark code only.
 */
final class AggregatedLp {

    record Result(double bound, boolean optimal, String state, int columns) {
    }

    private AggregatedLp() {
    }

    static Result solve(Scenario s, long millis) {
        Policy pol = s.policy();
        double H = s.horizonHours();
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        model.options.time_abort = millis;
        record Pool(String id, String provider, String region, boolean spot, double v, double m, double price,
                double rate, double co2, int avail) {
        }
        Map<String, Pool> pools = new java.util.LinkedHashMap<>();
        for (Offer o : s.offers()) {
            pools.put(o.id(), new Pool(o.id(), o.provider(), o.region(), o.spot(), o.vcpus(), o.memoryGiB(),
                    o.pricePerHour(), o.interruptionRatePerHour(), o.co2GramsPerHour(),
                    o.available() == null ? Integer.MAX_VALUE : o.available()));
        }
        Map<String, Integer> rentedCount = new HashMap<>();
        Map<String, Map<String, Integer>> before = new HashMap<>();
        for (RentedNode r : s.rentedNodes()) {
            if (!pools.containsKey(r.offerId())) {
                NodeShape sh = r.shape();
                pools.put(r.offerId(), new Pool(r.offerId(), sh.provider(), sh.region(), sh.market() == Market.SPOT,
                        sh.vcpus(), sh.memoryGiB(), sh.pricePerHour(), sh.interruptionRatePerHour(),
                        sh.co2GramsPerHour(), 0));
            }
            rentedCount.merge(r.offerId(), 1, Integer::sum);
            Map<String, Integer> b = before.computeIfAbsent(r.offerId(), k -> new HashMap<>());
            r.placements().forEach((w, c) -> b.merge(w, c, Integer::sum));
        }
        Expression budget = pol.budgetPerHour() == null ? null
                : model.addExpression("budget").upper(pol.budgetPerHour() + 1e-9);
        Map<String, Expression> capV = new HashMap<>();
        Map<String, Expression> capM = new HashMap<>();
        int columns = 0;
        for (Pool p : pools.values()) {
            double cost = H * (p.price + p.co2 * pol.carbonPricePerTonne() / 1e6);
            Expression ev = model.addExpression("v_" + p.id).upper(0);
            Expression em = model.addExpression("m_" + p.id).upper(0);
            capV.put(p.id, ev);
            capM.put(p.id, em);
            if (p.avail > 0) {
                Variable y = model.addVariable().lower(0).weight(cost);
                if (p.avail < Integer.MAX_VALUE) {
                    y.upper(p.avail);
                }
                ev.set(y, -p.v);
                em.set(y, -p.m);
                if (budget != null) {
                    budget.set(y, p.price);
                }
                columns++;
            }
            int rc = rentedCount.getOrDefault(p.id, 0);
            if (rc > 0) {
                Variable r = model.addVariable().lower(0).upper(rc).weight(cost);
                ev.set(r, -p.v);
                em.set(r, -p.m);
                if (budget != null) {
                    budget.set(r, p.price);
                }
                columns++;
            }
        }
        for (Workload w : s.workloads()) {
            if (w.replicas() == 0) {
                continue;
            }
            Expression count = model.addExpression().level(w.replicas());
            Variable u = model.addVariable().lower(0).weight(H * w.unplacedCost(pol));
            count.set(u, 1);
            Expression spot = model.addExpression().upper(w.maxSpotReplicas());
            int poolMax = w.maxPerSpotPool(pol);
            for (Pool p : pools.values()) {
                if (!(w.allowsRegion(p.region) && w.allowsProvider(p.provider) && (!p.spot || w.spot()))) {
                    continue;
                }
                if (w.vcpus() > p.v + 1e-9 || w.memoryGiB() > p.m + 1e-9) {
                    continue;
                }
                if (p.avail == 0 && rentedCount.getOrDefault(p.id, 0) == 0) {
                    continue;
                }
                Variable x = model.addVariable().lower(0)
                        .weight(p.spot ? H * p.rate * pol.interruptionCostPerReplica() : 0);
                columns++;
                count.set(x, 1);
                capV.get(p.id).set(x, w.vcpus());
                capM.get(p.id).set(x, w.memoryGiB());
                if (p.spot) {
                    spot.set(x, 1);
                    x.upper(poolMax);
                }
                move(model, pol, x, before.getOrDefault(p.id, Map.of()).getOrDefault(w.id(), 0));
            }
            for (OwnedNode o : s.ownedNodes()) {
                if (!(w.allowsRegion(o.region()) && w.allowsProvider(o.provider()))) {
                    continue;
                }
                if (w.vcpus() > o.vcpus() + 1e-9 || w.memoryGiB() > o.memoryGiB() + 1e-9) {
                    continue;
                }
                Expression ev = capV.computeIfAbsent("owned:" + o.id(),
                        k -> model.addExpression().upper(o.vcpus()));
                Expression em = capM.computeIfAbsent("owned:" + o.id(),
                        k -> model.addExpression().upper(o.memoryGiB()));
                Variable x = model.addVariable().lower(0);
                columns++;
                count.set(x, 1);
                ev.set(x, w.vcpus());
                em.set(x, w.memoryGiB());
                move(model, pol, x, o.placements().getOrDefault(w.id(), 0));
            }
        }
        Optimisation.Result r = model.minimise();
        return new Result(r.getValue(), r.getState() == Optimisation.State.OPTIMAL, r.getState().toString(),
                columns);
    }

    private static void move(ExpressionsBasedModel model, Policy pol, Variable x, int before) {
        if (pol.moveCostPerReplica() <= 0) {
            return;
        }
        Variable mv = model.addVariable().lower(0).weight(pol.moveCostPerReplica());
        Expression e = model.addExpression().lower(-before);
        e.set(mv, 1);
        e.set(x, -1);
    }

}
