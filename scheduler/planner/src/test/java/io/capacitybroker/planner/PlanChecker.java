package io.capacitybroker.planner;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Independent checker: recomputes every rule of the contract and the objective from the scenario JSON and the plan
 * JSON, using only Jackson trees (no planner code).
 */
public final class PlanChecker {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    public record Result(List<String> errors, double objective, double price, double co2, double interruptions,
            long moves, long unplaced) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private record Shape(String provider, String region, boolean spot, double vcpus, double mem, double price,
            double rate, double co2, String pool) {
    }

    private PlanChecker() {
    }

    public static Result check(String scenarioJson, String planJson) {
        JsonNode sc = JSON.readTree(scenarioJson);
        JsonNode pl = JSON.readTree(planJson);
        List<String> err = new ArrayList<>();
        double H = sc.get("horizonHours").doubleValue();
        JsonNode pol = sc.get("policy");
        double carbon = pol.get("carbonPricePerTonne").doubleValue();
        double move = pol.get("moveCostPerReplica").doubleValue();
        double intrCost = pol.get("interruptionCostPerReplica").doubleValue();
        double unplDefault = pol.get("unplacedCostPerReplicaHour").doubleValue();
        Double budget = pol.has("budgetPerHour") ? pol.get("budgetPerHour").doubleValue() : null;
        BigDecimal poolShare = pol.has("maxSpotPoolShare") ? pol.get("maxSpotPoolShare").decimalValue()
                : BigDecimal.ONE;

        Map<String, Shape> offers = new HashMap<>();
        Map<String, Integer> avail = new HashMap<>();
        for (JsonNode o : sc.get("offers").values()) {
            offers.put(o.get("id").stringValue(), shape(o, o.get("id").stringValue()));
            if (o.has("available")) {
                avail.put(o.get("id").stringValue(), o.get("available").intValue());
            }
        }
        Map<String, JsonNode> workloads = new HashMap<>();
        for (JsonNode w : sc.get("workloads").values()) {
            workloads.put(w.get("id").stringValue(), w);
        }
        Map<String, JsonNode> owned = new HashMap<>();
        double co2 = 0;
        for (JsonNode o : sc.get("ownedNodes").values()) {
            owned.put(o.get("id").stringValue(), o);
            co2 += o.get("co2GramsPerHour").doubleValue();
        }
        Map<String, JsonNode> rented = new HashMap<>();
        for (JsonNode r : sc.get("rentedNodes").values()) {
            rented.put(r.get("id").stringValue(), r);
        }

        if (!"capacity-broker/plan@1".equals(pl.get("schema").stringValue())) {
            err.add("schema");
        }
        Set<String> known = Set.of("schema", "nodes", "release", "unplaced", "reasons", "summary", "solveMillis",
                "explanations");
        for (String k : pl.propertyNames()) {
            if (!known.contains(k)) {
                err.add("unknown plan key " + k);
            }
        }
        Set<String> seenIds = new HashSet<>();
        Set<String> seenRented = new HashSet<>();
        Map<String, Integer> placed = new HashMap<>();
        Map<String, Integer> onSpot = new HashMap<>();
        Map<String, Integer> perPool = new HashMap<>();
        Map<String, Integer> newPerOffer = new HashMap<>();
        double price = 0;
        double rentedCo2 = 0;
        double intr = 0;
        long moves = 0;
        for (JsonNode n : pl.get("nodes").values()) {
            String id = n.get("id").stringValue();
            String src = n.get("source").stringValue();
            if (!seenIds.add(id)) {
                err.add("duplicate node id " + id);
            }
            Shape sh;
            JsonNode before = null;
            switch (src) {
                case "owned" -> {
                    JsonNode o = owned.get(id);
                    if (o == null) {
                        err.add("unknown owned node " + id);
                        continue;
                    }
                    if (n.has("offerId")) {
                        err.add("owned node with offerId " + id);
                    }
                    sh = new Shape(o.get("provider").stringValue(), o.get("region").stringValue(), false,
                            o.get("vcpus").doubleValue(), o.get("memoryGiB").doubleValue(), 0, 0, 0, null);
                    before = o.get("placements");
                }
                case "rented" -> {
                    JsonNode r = rented.get(id);
                    if (r == null) {
                        err.add("unknown rented node " + id);
                        continue;
                    }
                    seenRented.add(id);
                    String off = r.get("offerId").stringValue();
                    sh = offers.containsKey(off) ? offers.get(off) : shape(r, off);
                    before = r.get("placements");
                }
                case "new" -> {
                    if (rented.containsKey(id) || owned.containsKey(id)) {
                        err.add("new node reuses an existing id " + id);
                    }
                    String off = n.has("offerId") ? n.get("offerId").stringValue() : null;
                    sh = off == null ? null : offers.get(off);
                    if (sh == null) {
                        err.add("new node " + id + " has no valid offerId");
                        continue;
                    }
                    newPerOffer.merge(off, 1, Integer::sum);
                }
                default -> {
                    err.add("bad source " + src);
                    continue;
                }
            }
            if (!src.equals("owned")) {
                price += sh.price;
                rentedCo2 += sh.co2;
            }
            double v = 0;
            double mem = 0;
            for (Map.Entry<String, JsonNode> e : n.get("placements").properties()) {
                String w = e.getKey();
                int c = e.getValue().intValue();
                if (c < 0) {
                    err.add("negative placement");
                }
                JsonNode wl = workloads.get(w);
                if (wl == null) {
                    err.add("placement of unknown workload " + w);
                    continue;
                }
                v += c * wl.get("vcpus").doubleValue();
                mem += c * wl.get("memoryGiB").doubleValue();
                if (c == 0) {
                    continue;
                }
                placed.merge(w, c, Integer::sum);
                if (wl.has("regions") && !contains(wl.get("regions"), sh.region)) {
                    err.add("rule 3 region: " + w + " on " + id);
                }
                if (wl.has("providers") && !contains(wl.get("providers"), sh.provider)) {
                    err.add("rule 3 provider: " + w + " on " + id);
                }
                if (sh.spot) {
                    if (wl.has("spot") && !wl.get("spot").booleanValue()) {
                        err.add("rule 3 spot: " + w + " on " + id);
                    }
                    onSpot.merge(w, c, Integer::sum);
                    perPool.merge(w + "\u0000" + sh.pool, c, Integer::sum);
                    intr += c * sh.rate;
                }
                int b = before != null && before.has(w) ? before.get(w).intValue() : 0;
                moves += Math.max(0, c - b);
            }
            if (v > sh.vcpus + 1e-9 || mem > sh.mem + 1e-9) {
                err.add("rule 2 capacity on " + id + ": " + v + "/" + sh.vcpus + " vCPU, " + mem + "/" + sh.mem);
            }
        }
        for (JsonNode r : pl.get("release").values()) {
            String id = r.stringValue();
            if (!rented.containsKey(id)) {
                err.add("release of unknown node " + id);
            } else if (!seenRented.add(id)) {
                err.add("rented node both kept and released (or released twice) " + id);
            }
        }
        for (String id : rented.keySet()) {
            if (!seenRented.contains(id)) {
                err.add("rented node neither kept nor released " + id);
            }
        }
        for (Map.Entry<String, Integer> e : newPerOffer.entrySet()) {
            Integer a = avail.get(e.getKey());
            if (a != null && e.getValue() > a) {
                err.add("rule 6 available: " + e.getKey() + " " + e.getValue() + " > " + a);
            }
        }
        if (budget != null && price > budget + 1e-9) {
            err.add("rule 7 budget: " + price + " > " + budget);
        }
        JsonNode unplacedNode = pl.get("unplaced");
        JsonNode reasons = pl.get("reasons");
        long unplaced = 0;
        double unplCost = 0;
        if (unplacedNode != null) {
            for (String w : unplacedNode.propertyNames()) {
                if (!workloads.containsKey(w)) {
                    err.add("unplaced of unknown workload " + w);
                }
            }
        }
        Set<String> codes = Set.of("budgetPerHour", "capacity", "available", "spotShare", "poolSpread", "region",
                "provider", "cost");
        for (Map.Entry<String, JsonNode> we : workloads.entrySet()) {
            String w = we.getKey();
            JsonNode wl = we.getValue();
            int replicas = wl.get("replicas").intValue();
            int u = unplacedNode != null && unplacedNode.has(w) ? unplacedNode.get(w).intValue() : 0;
            int p = placed.getOrDefault(w, 0);
            if (p + u != replicas) {
                err.add("rule 1 counts: " + w + " placed " + p + " + unplaced " + u + " != " + replicas);
            }
            if (u > 0) {
                String reason = reasons != null && reasons.has(w) ? reasons.get(w).stringValue() : "";
                boolean okCode = false;
                for (String c : codes) {
                    okCode |= reason.startsWith(c);
                }
                if (!okCode) {
                    err.add("missing or bad reason for " + w + ": '" + reason + "'");
                }
            }
            unplaced += u;
            double uc = wl.has("unplacedCostPerReplicaHour") ? wl.get("unplacedCostPerReplicaHour").doubleValue()
                    : unplDefault;
            unplCost += u * uc;
            boolean spotOk = !wl.has("spot") || wl.get("spot").booleanValue();
            BigDecimal share = wl.has("maxSpotShare") ? wl.get("maxSpotShare").decimalValue() : BigDecimal.ONE;
            int maxSpot = spotOk ? share.multiply(BigDecimal.valueOf(replicas)).setScale(0, RoundingMode.FLOOR)
                    .intValueExact() : 0;
            if (onSpot.getOrDefault(w, 0) > maxSpot) {
                err.add("rule 4 spot share: " + w + " " + onSpot.get(w) + " > " + maxSpot);
            }
            int maxPool = Math.max(1, poolShare.multiply(BigDecimal.valueOf(replicas))
                    .setScale(0, RoundingMode.CEILING).intValueExact());
            for (Map.Entry<String, Integer> e : perPool.entrySet()) {
                if (e.getKey().startsWith(w + "\u0000") && e.getValue() > maxPool) {
                    err.add("rule 5 pool spread: " + e.getKey().replace('\u0000', '@') + " " + e.getValue() + " > "
                            + maxPool);
                }
            }
        }
        co2 += rentedCo2;
        double objective = H * (price + rentedCo2 * carbon / 1e6 + intr * intrCost + unplCost) + move * moves;
        JsonNode s = pl.get("summary");
        close(err, "rentedPricePerHour", s.get("rentedPricePerHour").doubleValue(), price);
        close(err, "co2GramsPerHour", s.get("co2GramsPerHour").doubleValue(), co2);
        close(err, "expectedInterruptionsPerHour", s.get("expectedInterruptionsPerHour").doubleValue(), intr);
        close(err, "moves", s.get("moves").doubleValue(), moves);
        close(err, "unplacedReplicas", s.get("unplacedReplicas").doubleValue(), unplaced);
        close(err, "objective", s.get("objective").doubleValue(), objective);
        if (!pl.has("solveMillis") || pl.get("solveMillis").longValue() < 0) {
            err.add("solveMillis");
        }
        return new Result(err, objective, price, co2, intr, moves, unplaced);
    }

    private static void close(List<String> err, String what, double a, double b) {
        if (Math.abs(a - b) > 1e-6 * Math.abs(b) + 1e-9) {
            err.add("summary." + what + " " + a + " != recomputed " + b);
        }
    }

    private static boolean contains(JsonNode arr, String s) {
        for (JsonNode e : arr.values()) {
            if (e.stringValue().equals(s)) {
                return true;
            }
        }
        return false;
    }

    private static Shape shape(JsonNode o, String pool) {
        boolean spot = "spot".equals(o.get("market").stringValue());
        return new Shape(o.get("provider").stringValue(), o.get("region").stringValue(), spot,
                o.get("vcpus").doubleValue(), o.get("memoryGiB").doubleValue(), o.get("pricePerHour").doubleValue(),
                o.has("interruptionRatePerHour") ? o.get("interruptionRatePerHour").doubleValue() : 0,
                o.get("co2GramsPerHour").doubleValue(), pool);
    }
}
