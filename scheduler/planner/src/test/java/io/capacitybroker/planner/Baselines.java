package io.capacitybroker.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The obvious strategies the planner must beat (test/benchmark code): (a) everything on the cheapest on-demand
 * offer, (b) cheapest offer per workload with first-fit-decreasing packing. Both release every rented node, keep the
 * rules (availability, budget, spot share, spread) and leave what does not fit unplaced.
 */
final class Baselines {

    private Baselines() {
    }

    /** Objective of placing nothing and releasing every rented node. */
    static double nothingObjective(Scenario s) {
        double u = 0;
        for (Workload w : s.workloads()) {
            u += w.replicas() * w.unplacedCost(s.policy());
        }
        return s.horizonHours() * u;
    }

    static boolean eligible(Workload w, Offer o) {
        return w.allowsRegion(o.region()) && w.allowsProvider(o.provider()) && (!o.spot() || w.spot());
    }

    static int fit(Workload w, Offer o) {
        return (int) Math.floor(Math.min((o.vcpus() + 1e-9) / w.vcpus(), (o.memoryGiB() + 1e-9) / w.memoryGiB()));
    }

    /** (a) one cheapest on-demand offer (lowest price per vCPU); per workload the cheapest eligible one if needed. */
    static Plan cheapestOnDemand(Scenario s) {
        Offer global = s.offers().stream().filter(o -> !o.spot())
                .min(Comparator.comparingDouble(o -> o.pricePerHour() / o.vcpus())).orElse(null);
        Map<Workload, Offer> choice = new LinkedHashMap<>();
        for (Workload w : s.workloads()) {
            Offer pick = global != null && eligible(w, global) && fit(w, global) > 0 ? global
                    : s.offers().stream().filter(o -> !o.spot() && eligible(w, o) && fit(w, o) > 0)
                            .min(Comparator.comparingDouble(o -> o.pricePerHour() / fit(w, o))).orElse(null);
            choice.put(w, pick);
        }
        return pack(s, choice, false);
    }

    /** (b) cheapest offer per workload (price per replica, any market allowed), first-fit decreasing packing. */
    static Plan cheapestPerWorkloadFfd(Scenario s) {
        Map<Workload, Offer> choice = new LinkedHashMap<>();
        for (Workload w : s.workloads()) {
            choice.put(w, s.offers().stream().filter(o -> eligible(w, o) && fit(w, o) > 0)
                    .min(Comparator.comparingDouble(o -> o.pricePerHour() / fit(w, o))).orElse(null));
        }
        return pack(s, choice, true);
    }

    private static final class Bin {
        final Offer offer;
        double v;
        double m;
        final Map<String, Integer> pl = new LinkedHashMap<>();

        Bin(Offer o) {
            offer = o;
        }
    }

    private static Plan pack(Scenario s, Map<Workload, Offer> choice, boolean ffd) {
        List<Workload> order = new ArrayList<>(s.workloads());
        if (ffd) {
            order.sort(Comparator.comparingDouble((Workload w) -> -(w.vcpus() + w.memoryGiB() / 4)));
        }
        Map<String, List<Bin>> bins = new LinkedHashMap<>();
        Map<String, Integer> opened = new HashMap<>();
        double[] spend = {0};
        Double budget = s.policy().budgetPerHour();
        Map<String, Integer> unplaced = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Workload w : order) {
            Offer o = choice.get(w);
            int left = w.replicas();
            int spotLeft = w.maxSpotReplicas();
            int poolLeft = w.maxPerSpotPool(s.policy());
            String reason = o == null ? "capacity: no eligible offer fits" : null;
            while (left > 0 && o != null) {
                if (o.spot() && (spotLeft <= 0 || poolLeft <= 0)) {
                    reason = spotLeft <= 0 ? "spotShare: baseline" : "poolSpread: baseline";
                    break;
                }
                List<Bin> list = bins.computeIfAbsent(o.id(), k -> new ArrayList<>());
                Bin target = null;
                for (Bin b : list) {
                    if (b.v + w.vcpus() <= o.vcpus() + 1e-9 && b.m + w.memoryGiB() <= o.memoryGiB() + 1e-9) {
                        target = b;
                        break;
                    }
                }
                if (target == null) {
                    int n = opened.getOrDefault(o.id(), 0);
                    if (o.available() != null && n >= o.available()) {
                        reason = "available: baseline";
                        break;
                    }
                    if (budget != null && spend[0] + o.pricePerHour() > budget + 1e-9) {
                        reason = "budgetPerHour: baseline";
                        break;
                    }
                    spend[0] += o.pricePerHour();
                    opened.put(o.id(), n + 1);
                    target = new Bin(o);
                    list.add(target);
                }
                target.v += w.vcpus();
                target.m += w.memoryGiB();
                target.pl.merge(w.id(), 1, Integer::sum);
                left--;
                if (o.spot()) {
                    spotLeft--;
                    poolLeft--;
                }
            }
            if (left > 0) {
                unplaced.put(w.id(), left);
                reasons.put(w.id(), reason == null ? "cost: baseline" : reason);
            }
        }
        List<PlanNode> nodes = new ArrayList<>();
        for (OwnedNode o : s.ownedNodes()) {
            nodes.add(new PlanNode(o.id(), PlanNode.Source.OWNED, null, Map.of()));
        }
        int serial = 0;
        for (List<Bin> list : bins.values()) {
            for (Bin b : list) {
                nodes.add(new PlanNode("base-" + (++serial), PlanNode.Source.NEW, b.offer.id(), b.pl));
            }
        }
        List<String> release = s.rentedNodes().stream().map(RentedNode::id).toList();
        Summary summary = PlanEvaluator.summarize(s, nodes, unplaced);
        return new Plan(nodes, release, unplaced, reasons, summary, 0, null);
    }
}
