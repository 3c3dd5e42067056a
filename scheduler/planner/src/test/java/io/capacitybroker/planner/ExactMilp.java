package io.capacitybroker.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * Exact node-indexed MILP of the contract (ojAlgo), for small scenarios: one binary per existing rented node and per
 * potential new node, integer replicas per (node, workload), move and unplaced variables. With {@code relax} it gives
 * the LP lower bound instead. Test/benchmark code only; it reads the scenario records, not planner internals.
 */
final class ExactMilp {

    record Result(double objective, boolean optimal, String state) {
    }

    private ExactMilp() {
    }

    static Result solve(Scenario s, boolean relax, long millis) {
        Policy pol = s.policy();
        double H = s.horizonHours();
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        model.options.time_abort = millis;
        model.options.time_suffice = millis;
        List<Workload> wls = s.workloads();
        Map<String, Offer> offers = new HashMap<>();
        s.offers().forEach(o -> offers.put(o.id(), o));
        record N(String provider, String region, boolean spot, double v, double m, double price, double rate,
                double co2, String pool, Map<String, Integer> before, int kind) {
        }
        List<N> nodes = new ArrayList<>();
        for (OwnedNode o : s.ownedNodes()) {
            nodes.add(new N(o.provider(), o.region(), false, o.vcpus(), o.memoryGiB(), 0, 0, 0, null, o.placements(),
                    0));
        }
        for (RentedNode r : s.rentedNodes()) {
            Offer o = offers.get(r.offerId());
            if (o != null) {
                nodes.add(new N(o.provider(), o.region(), o.spot(), o.vcpus(), o.memoryGiB(), o.pricePerHour(),
                        o.interruptionRatePerHour(), o.co2GramsPerHour(), r.offerId(), r.placements(), 1));
            } else {
                NodeShape sh = r.shape();
                nodes.add(new N(sh.provider(), sh.region(), sh.market() == Market.SPOT, sh.vcpus(), sh.memoryGiB(),
                        sh.pricePerHour(), sh.interruptionRatePerHour(), sh.co2GramsPerHour(), r.offerId(),
                        r.placements(), 1));
            }
        }
        List<Integer> firstNewOfOffer = new ArrayList<>();
        for (Offer o : s.offers()) {
            int need = 0;
            for (Workload w : wls) {
                if (!eligible(w, o.provider(), o.region(), o.spot())) {
                    continue;
                }
                int f = (int) Math.floor(Math.min((o.vcpus() + 1e-9) / w.vcpus(), (o.memoryGiB() + 1e-9) / w.memoryGiB()));
                if (f > 0) {
                    need += (w.replicas() + f - 1) / f;
                }
            }
            if (o.available() != null) {
                need = Math.min(need, o.available());
            }
            firstNewOfOffer.add(nodes.size());
            for (int i = 0; i < need; i++) {
                nodes.add(new N(o.provider(), o.region(), o.spot(), o.vcpus(), o.memoryGiB(), o.pricePerHour(),
                        o.interruptionRatePerHour(), o.co2GramsPerHour(), o.id(), Map.of(), 2));
            }
        }
        Variable[] y = new Variable[nodes.size()];
        Expression budget = pol.budgetPerHour() == null ? null
                : model.addExpression("budget").upper(pol.budgetPerHour() + 1e-9);
        for (int n = 0; n < nodes.size(); n++) {
            N node = nodes.get(n);
            if (node.kind == 0) {
                continue;
            }
            y[n] = model.addVariable("y" + n).lower(0).upper(1).integer(!relax)
                    .weight(H * (node.price + node.co2 * pol.carbonPricePerTonne() / 1e6));
            if (budget != null) {
                budget.set(y[n], node.price);
            }
        }
        // symmetry breaking among new nodes of one offer
        for (int oi = 0; oi < s.offers().size(); oi++) {
            int first = firstNewOfOffer.get(oi);
            int end = oi + 1 < s.offers().size() ? firstNewOfOffer.get(oi + 1) : nodes.size();
            for (int n = first + 1; n < end; n++) {
                Expression e = model.addExpression("sym" + n).lower(0);
                e.set(y[n - 1], 1);
                e.set(y[n], -1);
            }
        }
        Map<String, Expression> poolRows = new HashMap<>();
        for (Workload w : wls) {
            Expression count = model.addExpression("count_" + w.id()).level(w.replicas());
            Variable u = model.addVariable("u_" + w.id()).lower(0).upper(w.replicas()).integer(!relax)
                    .weight(H * w.unplacedCost(pol));
            count.set(u, 1);
            Expression spot = model.addExpression("spot_" + w.id()).upper(w.maxSpotReplicas());
            for (int n = 0; n < nodes.size(); n++) {
                N node = nodes.get(n);
                if (!eligible(w, node.provider, node.region, node.spot)) {
                    continue;
                }
                int f = (int) Math.floor(Math.min((node.v + 1e-9) / w.vcpus(), (node.m + 1e-9) / w.memoryGiB()));
                if (f <= 0) {
                    continue;
                }
                Variable x = model.addVariable("x" + n + "_" + w.id()).lower(0).upper(Math.min(f, w.replicas()))
                        .integer(!relax)
                        .weight(node.spot ? H * node.rate * pol.interruptionCostPerReplica() : 0);
                count.set(x, 1);
                if (node.spot) {
                    spot.set(x, 1);
                    Expression pr = poolRows.computeIfAbsent(w.id() + "@" + node.pool,
                            k -> model.addExpression("pool_" + k).upper(w.maxPerSpotPool(pol)));
                    pr.set(x, 1);
                }
                int before = node.before.getOrDefault(w.id(), 0);
                if (pol.moveCostPerReplica() > 0) {
                    Variable mv = model.addVariable("mv" + n + "_" + w.id()).lower(0)
                            .weight(pol.moveCostPerReplica());
                    Expression e = model.addExpression("mvdef" + n + "_" + w.id()).lower(-before);
                    e.set(mv, 1);
                    e.set(x, -1);
                }
                Expression cap = capRow(model, n, y[n], node.v, node.m);
                cap.set(x, w.vcpus());
                Expression capm = model.getExpression("capm" + n);
                capm.set(x, w.memoryGiB());
            }
        }
        Optimisation.Result r = model.minimise();
        return new Result(r.getValue(), r.getState() == Optimisation.State.OPTIMAL, r.getState().toString());
    }

    private static Expression capRow(ExpressionsBasedModel model, int n, Variable y, double v, double m) {
        Expression e = model.getExpression("capv" + n);
        if (e == null) {
            e = model.addExpression("capv" + n).upper(y == null ? v + 1e-9 : 1e-9);
            Expression em = model.addExpression("capm" + n).upper(y == null ? m + 1e-9 : 1e-9);
            if (y != null) {
                e.set(y, -v);
                em.set(y, -m);
            }
        }
        return e;
    }

    static boolean eligible(Workload w, String provider, String region, boolean spot) {
        return w.allowsRegion(region) && w.allowsProvider(provider) && (!spot || w.spot());
    }

}
