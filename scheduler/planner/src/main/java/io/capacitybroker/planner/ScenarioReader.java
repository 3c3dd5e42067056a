package io.capacitybroker.planner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses and validates a scenario ({@code capacity-broker/scenario@1}). Every rule of the schema and every
 * cross-field rule of the planning contract is checked; all violations are reported at once, each with the JSON
 * path of the offending element. Numbers are read as decimals so that shares keep the value as written.
 */
public final class ScenarioReader {

    private static final double TOL = 1e-9;

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Set<String> ROOT_KEYS = Set.of("schema", "horizonHours", "policy", "offers", "ownedNodes",
            "rentedNodes", "workloads");
    private static final Set<String> POLICY_KEYS = Set.of("carbonPricePerTonne", "moveCostPerReplica",
            "interruptionCostPerReplica", "unplacedCostPerReplicaHour", "budgetPerHour", "maxSpotPoolShare");
    private static final Set<String> OFFER_KEYS = Set.of("id", "provider", "region", "zone", "instanceType", "market",
            "vcpus", "memoryGiB", "pricePerHour", "available", "interruptionRatePerHour", "co2GramsPerHour");
    private static final Set<String> OWNED_KEYS = Set.of("id", "provider", "region", "vcpus", "memoryGiB",
            "co2GramsPerHour", "placements");
    private static final List<String> SHAPE_KEYS = List.of("provider", "region", "zone", "market", "vcpus",
            "memoryGiB", "pricePerHour", "interruptionRatePerHour", "co2GramsPerHour");
    private static final Set<String> RENTED_KEYS;
    private static final Set<String> WORKLOAD_KEYS = Set.of("id", "replicas", "vcpus", "memoryGiB", "regions",
            "providers", "spot", "maxSpotShare", "unplacedCostPerReplicaHour");

    static {
        Set<String> s = new HashSet<>(SHAPE_KEYS);
        s.addAll(List.of("id", "offerId", "placements"));
        RENTED_KEYS = Set.copyOf(s);
    }

    private ScenarioReader() {
    }

    /** Parses and validates; throws {@link ScenarioValidationException} listing every violation. */
    public static Scenario read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new ScenarioValidationException(List.of(new Violation("$", "not valid JSON: "
                    + e.getOriginalMessage())));
        }
        return new Walker().scenario(root);
    }

    /** Reads the whole stream as UTF-8 JSON (the caller owns the stream), then as {@link #read(String)}. */
    public static Scenario read(InputStream in) {
        try {
            return read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String child(String path, String key) {
        if (key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return path + "." + key;
        }
        return path + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    private static final class Walker {
        final List<Violation> v = new ArrayList<>();

        void bad(String path, String msg) {
            v.add(new Violation(path, msg));
        }

        boolean object(JsonNode n, String path, Set<String> allowed, List<String> required) {
            if (n == null || !n.isObject()) {
                bad(path, "must be an object");
                return false;
            }
            for (String k : n.propertyNames()) {
                if (!allowed.contains(k)) {
                    bad(child(path, k), "unknown field");
                }
            }
            for (String k : required) {
                if (!n.has(k)) {
                    bad(child(path, k), "is required");
                }
            }
            return true;
        }

        String id(JsonNode n, String key, String path) {
            JsonNode c = n.get(key);
            if (c == null) {
                return null;
            }
            String p = child(path, key);
            if (!c.isString()) {
                bad(p, "must be a string");
                return null;
            }
            if (c.stringValue().isEmpty()) {
                bad(p, "must not be empty");
                return null;
            }
            return c.stringValue();
        }

        /** Number check; kind: ">0", ">=0", "share". Returns null when absent or wrong. */
        BigDecimal number(JsonNode n, String key, String path, String kind) {
            JsonNode c = n.get(key);
            if (c == null) {
                return null;
            }
            String p = child(path, key);
            if (!c.isNumber()) {
                bad(p, "must be a number");
                return null;
            }
            BigDecimal d = c.decimalValue();
            switch (kind) {
                case ">0" -> {
                    if (d.signum() <= 0) {
                        bad(p, "must be > 0");
                        return null;
                    }
                }
                case ">=0" -> {
                    if (d.signum() < 0) {
                        bad(p, "must be >= 0");
                        return null;
                    }
                }
                case "share" -> {
                    if (d.signum() < 0 || d.compareTo(BigDecimal.ONE) > 0) {
                        bad(p, "must be between 0 and 1");
                        return null;
                    }
                }
                default -> throw new IllegalArgumentException(kind);
            }
            if (Double.isInfinite(d.doubleValue())) {
                bad(p, "is out of range");
                return null;
            }
            return d;
        }

        Integer integer(JsonNode n, String key, String path) {
            JsonNode c = n.get(key);
            if (c == null) {
                return null;
            }
            return integerValue(c, child(path, key));
        }

        Integer integerValue(JsonNode c, String p) {
            if (!c.isNumber()) {
                bad(p, "must be an integer");
                return null;
            }
            BigDecimal d = c.decimalValue();
            if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
                bad(p, "must be an integer");
                return null;
            }
            if (d.signum() < 0) {
                bad(p, "must be >= 0");
                return null;
            }
            if (d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                bad(p, "is too large (at most " + Integer.MAX_VALUE + ")");
                return null;
            }
            return d.intValueExact();
        }

        Market market(JsonNode n, String path) {
            JsonNode c = n.get("market");
            if (c == null) {
                return null;
            }
            Market m = c.isString() ? Market.fromJson(c.stringValue()) : null;
            if (m == null) {
                bad(child(path, "market"), "must be \"spot\" or \"on_demand\"");
            }
            return m;
        }

        String zone(JsonNode n, String path, boolean[] ok) {
            JsonNode c = n.get("zone");
            if (c == null || c.isNull()) {
                return null;
            }
            if (!c.isString()) {
                bad(child(path, "zone"), "must be a string or null");
                ok[0] = false;
                return null;
            }
            return c.stringValue();
        }

        Map<String, Integer> placements(JsonNode n, String path) {
            JsonNode c = n.get("placements");
            if (c == null) {
                return null;
            }
            String p = child(path, "placements");
            if (!c.isObject()) {
                bad(p, "must be an object");
                return null;
            }
            Map<String, Integer> out = new LinkedHashMap<>();
            boolean ok = true;
            for (Map.Entry<String, JsonNode> e : c.properties()) {
                String pp = child(p, e.getKey());
                if (e.getKey().isEmpty()) {
                    bad(pp, "workload id must not be empty");
                    ok = false;
                    continue;
                }
                Integer i = integerValue(e.getValue(), pp);
                if (i == null) {
                    ok = false;
                } else {
                    out.put(e.getKey(), i);
                }
            }
            return ok ? out : null;
        }

        List<String> idList(JsonNode n, String key, String path) {
            JsonNode c = n.get(key);
            if (c == null) {
                return null;
            }
            String p = child(path, key);
            if (!c.isArray()) {
                bad(p, "must be an array");
                return null;
            }
            List<String> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            boolean ok = true;
            for (int i = 0; i < c.size(); i++) {
                JsonNode e = c.get(i);
                if (!e.isString() || e.stringValue().isEmpty()) {
                    bad(index(p, i), "must be a non-empty string");
                    ok = false;
                } else if (!seen.add(e.stringValue())) {
                    bad(index(p, i), "duplicate item \"" + e.stringValue() + "\"");
                    ok = false;
                } else {
                    out.add(e.stringValue());
                }
            }
            return ok ? out : null;
        }

        JsonNode array(JsonNode root, String key) {
            JsonNode c = root.get(key);
            if (c == null) {
                return null;
            }
            if (!c.isArray()) {
                bad(child("$", key), "must be an array");
                return null;
            }
            return c;
        }

        static double d(BigDecimal b) {
            return b.doubleValue();
        }

        Scenario scenario(JsonNode root) {
            if (!object(root, "$", ROOT_KEYS, List.copyOf(new java.util.TreeSet<>(ROOT_KEYS)))) {
                throw new ScenarioValidationException(v);
            }
            JsonNode schema = root.get("schema");
            if (schema != null && !(schema.isString() && Scenario.SCHEMA.equals(schema.stringValue()))) {
                bad("$.schema", "must be \"" + Scenario.SCHEMA + "\"");
            }
            BigDecimal horizon = number(root, "horizonHours", "$", ">0");
            Policy policy = policy(root.get("policy"));

            List<Offer> offers = new ArrayList<>();
            Map<String, Offer> offerById = new HashMap<>();
            Set<String> offerIds = new HashSet<>();
            JsonNode offersNode = array(root, "offers");
            boolean offersComplete = offersNode != null;
            if (offersNode != null) {
                for (int i = 0; i < offersNode.size(); i++) {
                    String p = index("$.offers", i);
                    JsonNode o = offersNode.get(i);
                    // collect ids first, even of broken offers, so that references resolve sensibly
                    if (o != null && o.isObject() && o.get("id") != null && o.get("id").isString()) {
                        if (!offerIds.add(o.get("id").stringValue())) {
                            bad(child(p, "id"), "duplicate offer id \"" + o.get("id").stringValue() + "\"");
                        }
                    } else {
                        offersComplete = false;
                    }
                    Offer offer = offer(o, p);
                    if (offer != null) {
                        offers.add(offer);
                        offerById.putIfAbsent(offer.id(), offer);
                    }
                }
            }

            Map<String, Workload> workloads = new LinkedHashMap<>();
            JsonNode wlNode = array(root, "workloads");
            boolean workloadsComplete = wlNode != null;
            Set<String> workloadIds = new HashSet<>();
            if (wlNode != null) {
                for (int i = 0; i < wlNode.size(); i++) {
                    String p = index("$.workloads", i);
                    JsonNode w = wlNode.get(i);
                    if (w != null && w.isObject() && w.get("id") != null && w.get("id").isString()) {
                        if (!workloadIds.add(w.get("id").stringValue())) {
                            bad(child(p, "id"), "duplicate workload id \"" + w.get("id").stringValue() + "\"");
                        }
                    } else {
                        workloadsComplete = false;
                    }
                    Workload wl = workload(w, p);
                    if (wl != null) {
                        workloads.putIfAbsent(wl.id(), wl);
                    }
                }
            }

            List<OwnedNode> owned = new ArrayList<>();
            Set<String> ownedIds = new HashSet<>();
            JsonNode ownedNode = array(root, "ownedNodes");
            if (ownedNode != null) {
                for (int i = 0; i < ownedNode.size(); i++) {
                    String p = index("$.ownedNodes", i);
                    JsonNode o = ownedNode.get(i);
                    if (!object(o, p, OWNED_KEYS, List.of("id", "provider", "region", "vcpus", "memoryGiB",
                            "co2GramsPerHour", "placements"))) {
                        continue;
                    }
                    String id = id(o, "id", p);
                    if (id != null && !ownedIds.add(id)) {
                        bad(child(p, "id"), "duplicate owned node id \"" + id + "\"");
                    }
                    String provider = id(o, "provider", p);
                    String region = id(o, "region", p);
                    BigDecimal vc = number(o, "vcpus", p, ">0");
                    BigDecimal mem = number(o, "memoryGiB", p, ">0");
                    BigDecimal co2 = number(o, "co2GramsPerHour", p, ">=0");
                    Map<String, Integer> pl = placements(o, p);
                    if (pl != null) {
                        checkPlacements(pl, p, workloadIds, workloadsComplete, workloads, vc, mem);
                    }
                    if (id != null && provider != null && region != null && vc != null && mem != null && co2 != null
                            && pl != null) {
                        owned.add(new OwnedNode(id, provider, region, d(vc), d(mem), d(co2), pl));
                    }
                }
            }

            List<RentedNode> rented = new ArrayList<>();
            Set<String> rentedIds = new HashSet<>();
            JsonNode rentedNode = array(root, "rentedNodes");
            if (rentedNode != null) {
                for (int i = 0; i < rentedNode.size(); i++) {
                    String p = index("$.rentedNodes", i);
                    RentedNode r = rented(rentedNode.get(i), p, offerIds, offersComplete, offerById, workloadIds,
                            workloadsComplete, workloads);
                    JsonNode rn = rentedNode.get(i);
                    if (rn != null && rn.isObject() && rn.get("id") != null && rn.get("id").isString()) {
                        String id = rn.get("id").stringValue();
                        if (!id.isEmpty() && !rentedIds.add(id)) {
                            bad(child(p, "id"), "duplicate rented node id \"" + id + "\"");
                        } else if (ownedIds.contains(id)) {
                            bad(child(p, "id"), "rented node id \"" + id + "\" is also an owned node id");
                        }
                    }
                    if (r != null) {
                        rented.add(r);
                    }
                }
            }

            if (!v.isEmpty()) {
                throw new ScenarioValidationException(v);
            }
            return new Scenario(d(horizon), policy, offers, owned, rented, List.copyOf(workloads.values()));
        }

        void checkPlacements(Map<String, Integer> pl, String path, Set<String> workloadIds, boolean workloadsComplete,
                Map<String, Workload> workloads, BigDecimal vcpus, BigDecimal mem) {
            String pp = child(path, "placements");
            double usedV = 0;
            double usedM = 0;
            boolean known = true;
            for (Map.Entry<String, Integer> e : pl.entrySet()) {
                if (!workloadIds.contains(e.getKey())) {
                    if (workloadsComplete) {
                        bad(child(pp, e.getKey()), "names no workload of the scenario");
                    }
                    known = false;
                    continue;
                }
                Workload w = workloads.get(e.getKey());
                if (w == null) {
                    known = false;
                    continue;
                }
                usedV += e.getValue() * w.vcpus();
                usedM += e.getValue() * w.memoryGiB();
            }
            if (known && vcpus != null && usedV > vcpus.doubleValue() + TOL) {
                bad(pp, "placements need " + usedV + " vCPUs, the node has " + vcpus.doubleValue() + " (rule 2)");
            }
            if (known && mem != null && usedM > mem.doubleValue() + TOL) {
                bad(pp, "placements need " + usedM + " GiB, the node has " + mem.doubleValue() + " (rule 2)");
            }
        }

        Policy policy(JsonNode n) {
            if (n == null) {
                return null;
            }
            if (!object(n, "$.policy", POLICY_KEYS, List.of("carbonPricePerTonne", "moveCostPerReplica",
                    "interruptionCostPerReplica", "unplacedCostPerReplicaHour"))) {
                return null;
            }
            String p = "$.policy";
            BigDecimal carbon = number(n, "carbonPricePerTonne", p, ">=0");
            BigDecimal move = number(n, "moveCostPerReplica", p, ">=0");
            BigDecimal intr = number(n, "interruptionCostPerReplica", p, ">=0");
            BigDecimal unpl = number(n, "unplacedCostPerReplicaHour", p, ">0");
            BigDecimal budget = number(n, "budgetPerHour", p, ">=0");
            BigDecimal pool = number(n, "maxSpotPoolShare", p, "share");
            if (carbon == null || move == null || intr == null || unpl == null) {
                return null;
            }
            return new Policy(d(carbon), d(move), d(intr), d(unpl), budget == null ? null : d(budget),
                    pool == null ? BigDecimal.ONE : pool);
        }

        Offer offer(JsonNode o, String p) {
            if (!object(o, p, OFFER_KEYS, List.of("id", "provider", "region", "zone", "instanceType", "market",
                    "vcpus", "memoryGiB", "pricePerHour", "co2GramsPerHour"))) {
                return null;
            }
            boolean[] ok = {true};
            String id = id(o, "id", p);
            String provider = id(o, "provider", p);
            String region = id(o, "region", p);
            String zone = zone(o, p, ok);
            String type = id(o, "instanceType", p);
            Market market = market(o, p);
            BigDecimal vc = number(o, "vcpus", p, ">0");
            BigDecimal mem = number(o, "memoryGiB", p, ">0");
            BigDecimal price = number(o, "pricePerHour", p, ">=0");
            boolean hasAvail = o.has("available");
            Integer available = integer(o, "available", p);
            boolean hasRate = o.has("interruptionRatePerHour");
            BigDecimal rate = number(o, "interruptionRatePerHour", p, "share");
            BigDecimal co2 = number(o, "co2GramsPerHour", p, ">=0");
            if (market == Market.ON_DEMAND && rate != null && rate.signum() != 0) {
                bad(child(p, "interruptionRatePerHour"), "must be 0 for an on_demand offer");
                ok[0] = false;
            }
            if (!ok[0] || id == null || provider == null || region == null || type == null || market == null
                    || vc == null || mem == null || price == null || co2 == null || (hasAvail && available == null)
                    || (hasRate && rate == null)) {
                return null;
            }
            return new Offer(id, provider, region, zone, type, market, d(vc), d(mem), d(price), available,
                    rate == null ? 0.0 : d(rate), d(co2));
        }

        Workload workload(JsonNode w, String p) {
            if (!object(w, p, WORKLOAD_KEYS, List.of("id", "replicas", "vcpus", "memoryGiB"))) {
                return null;
            }
            String id = id(w, "id", p);
            boolean hasReplicas = w.has("replicas");
            Integer replicas = integer(w, "replicas", p);
            BigDecimal vc = number(w, "vcpus", p, ">0");
            BigDecimal mem = number(w, "memoryGiB", p, ">0");
            boolean hasRegions = w.has("regions");
            List<String> regions = idList(w, "regions", p);
            boolean hasProviders = w.has("providers");
            List<String> providers = idList(w, "providers", p);
            boolean spot = true;
            boolean ok = true;
            JsonNode s = w.get("spot");
            if (s != null) {
                if (!s.isBoolean()) {
                    bad(child(p, "spot"), "must be a boolean");
                    ok = false;
                } else {
                    spot = s.booleanValue();
                }
            }
            boolean hasShare = w.has("maxSpotShare");
            BigDecimal share = number(w, "maxSpotShare", p, "share");
            boolean hasUnpl = w.has("unplacedCostPerReplicaHour");
            BigDecimal unpl = number(w, "unplacedCostPerReplicaHour", p, ">0");
            if (!ok || id == null || !hasReplicas || replicas == null || vc == null || mem == null
                    || (hasRegions && regions == null) || (hasProviders && providers == null)
                    || (hasShare && share == null) || (hasUnpl && unpl == null)) {
                return null;
            }
            return new Workload(id, replicas, d(vc), d(mem), regions, providers, spot,
                    share == null ? BigDecimal.ONE : share, unpl == null ? null : d(unpl));
        }

        RentedNode rented(JsonNode r, String p, Set<String> offerIds, boolean offersComplete,
                Map<String, Offer> offerById, Set<String> workloadIds, boolean workloadsComplete,
                Map<String, Workload> workloads) {
            if (!object(r, p, RENTED_KEYS, List.of("id", "offerId", "placements"))) {
                return null;
            }
            String id = id(r, "id", p);
            String offerId = id(r, "offerId", p);
            Map<String, Integer> pl = placements(r, p);
            List<String> present = new ArrayList<>();
            for (String k : SHAPE_KEYS) {
                if (r.has(k)) {
                    present.add(k);
                }
            }
            NodeShape shape = null;
            boolean ok = true;
            BigDecimal capV = null;
            BigDecimal capM = null;
            if (offerId != null && offerIds.contains(offerId)) {
                for (String k : present) {
                    bad(child(p, k), "not allowed: offer \"" + offerId
                            + "\" exists, the node takes its shape from the offer");
                    ok = false;
                }
                Offer o = offerById.get(offerId);
                if (o != null) {
                    capV = BigDecimal.valueOf(o.vcpus());
                    capM = BigDecimal.valueOf(o.memoryGiB());
                }
            } else if (offerId != null && offersComplete) {
                // vanished pool: the node carries its whole shape
                if (present.size() < SHAPE_KEYS.size()) {
                    for (String k : SHAPE_KEYS) {
                        if (!r.has(k)) {
                            bad(child(p, k), "is required: offer \"" + offerId
                                    + "\" is not among offers (vanished pool), so the node must carry its shape");
                        }
                    }
                    ok = false;
                }
                boolean[] zok = {true};
                String provider = id(r, "provider", p);
                String region = id(r, "region", p);
                String zone = zone(r, p, zok);
                Market market = market(r, p);
                BigDecimal vc = number(r, "vcpus", p, ">0");
                BigDecimal mem = number(r, "memoryGiB", p, ">0");
                BigDecimal price = number(r, "pricePerHour", p, ">=0");
                BigDecimal rate = number(r, "interruptionRatePerHour", p, "share");
                BigDecimal co2 = number(r, "co2GramsPerHour", p, ">=0");
                if (market == Market.ON_DEMAND && rate != null && rate.signum() != 0) {
                    bad(child(p, "interruptionRatePerHour"), "must be 0 for an on_demand node");
                    ok = false;
                }
                capV = vc;
                capM = mem;
                if (ok && zok[0] && provider != null && region != null && market != null && vc != null
                        && mem != null && price != null && rate != null && co2 != null) {
                    shape = new NodeShape(provider, region, zone, market, d(vc), d(mem), d(price), d(rate), d(co2));
                } else {
                    ok = false;
                }
            } else {
                ok = false;
            }
            if (pl != null) {
                checkPlacements(pl, p, workloadIds, workloadsComplete, workloads, capV, capM);
            }
            if (!ok || id == null || offerId == null || pl == null) {
                return null;
            }
            return new RentedNode(id, offerId, pl, shape);
        }
    }
}
