package io.capacitybroker.app.planning;

import io.capacitybroker.app.catalog.CatalogProperties;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a planning scenario ({@code capacity-broker/scenario@1}) from what the broker knows now: the
 * active offers, the owned baseline, the rented nodes (live leases), the workloads with their current
 * placements, the policy ({@code broker.planning.*}) and the active budget.
 *
 * <p>Safety rules: an offer whose provider's prices are stale, or whose pool answered "insufficient
 * capacity" recently, gets {@code available: 0} — the planner may keep nodes there but never rents
 * blindly. Offers no workload can use are left out, and the rest are capped at
 * {@code broker.planning.max-offers} by cost per unit of the workloads' demand (keeping at least
 * {@code min-offers-per-region} per region so that region-pinned workloads keep their options).
 */
@Component
public class ScenarioAssembler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final PlanningProperties policy;
    private final CatalogProperties catalog;
    private final CarbonCosts carbon;
    private final Clock clock;

    public ScenarioAssembler(JdbcClient jdbc, PlanningProperties policy, CatalogProperties catalog, CarbonCosts carbon,
                             Clock clock) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.catalog = catalog;
        this.carbon = carbon;
        this.clock = clock;
    }

    /** The scenario document and what was left out or restricted while building it. */
    public record Assembled(ObjectNode scenario, int offersConsidered, int offersIncluded, int offersBlocked,
                            List<String> notes, Map<String, String> carbonByRegion) {
        public String json() {
            return JSON.writeValueAsString(scenario);
        }
    }

    private record OfferRow(String key, String provider, String region, String zone, String type, String market,
                            BigDecimal vcpus, BigDecimal memoryGiB, BigDecimal price, Integer available, Double rate,
                            Instant unavailableUntil, Instant pricesRefreshedAt) {
    }

    private record WorkloadRow(String id, int replicas, BigDecimal vcpus, BigDecimal memoryGiB, List<String> regions,
                               List<String> providers, boolean spot, BigDecimal maxSpotShare, BigDecimal unplacedCost) {
        boolean fits(OfferRow o) {
            return o.vcpus.compareTo(vcpus) >= 0 && o.memoryGiB.compareTo(memoryGiB) >= 0
                    && (regions == null || regions.contains(o.region))
                    && (providers == null || providers.contains(o.provider))
                    && (spot || o.market.equals("on_demand"));
        }
    }

    private record LeaseRow(String id, OfferRow offer) {
    }

    public Assembled assemble() {
        Instant now = clock.instant();
        List<String> notes = new ArrayList<>();
        List<WorkloadRow> workloads = workloads();
        Map<String, Map<String, Integer>> ownedPlacements = new HashMap<>();
        Map<String, Map<String, Integer>> leasePlacements = new HashMap<>();
        jdbc.sql("SELECT workload_id, owned_node_id, lease_id::text, replicas FROM placement WHERE replicas > 0 ORDER BY workload_id")
                .query(rs -> {
                    String owned = rs.getString(2);
                    Map<String, Map<String, Integer>> target = owned != null ? ownedPlacements : leasePlacements;
                    String node = owned != null ? owned : rs.getString(3);
                    target.computeIfAbsent(node, k -> new LinkedHashMap<>()).put(rs.getString(1), rs.getInt(4));
                });
        List<LeaseRow> leases = leases();
        List<OfferRow> all = offers();

        // availability: stale providers and recent capacity errors block new nodes
        int blocked = 0;
        List<OfferRow> usable = new ArrayList<>();
        Set<String> staleProviders = new HashSet<>();
        for (OfferRow o : all) {
            boolean stale = o.pricesRefreshedAt == null
                    || o.pricesRefreshedAt.plus(catalog.staleAfter(o.provider)).isBefore(now);
            boolean unavailable = o.unavailableUntil != null && o.unavailableUntil.isAfter(now);
            if (stale) {
                staleProviders.add(o.provider);
            }
            if (stale || unavailable) {
                blocked++;
                usable.add(withAvailable(o, 0));
            } else {
                usable.add(o);
            }
        }
        if (!staleProviders.isEmpty()) {
            notes.add("stale prices, no new nodes from: " + String.join(", ", staleProviders.stream().sorted().toList()));
        }

        Set<String> leaseOffers = new HashSet<>();
        leases.forEach(l -> leaseOffers.add(l.offer.key));
        List<OfferRow> selected = select(usable, workloads, leaseOffers, notes);

        ObjectNode root = JSON.createObjectNode();
        root.put("schema", "capacity-broker/scenario@1");
        root.put("horizonHours", policy.horizonHours());
        ObjectNode p = root.putObject("policy");
        p.put("carbonPricePerTonne", policy.carbonPricePerTonne());
        p.put("moveCostPerReplica", policy.moveCostPerReplica());
        p.put("interruptionCostPerReplica", policy.interruptionCostPerReplica());
        p.put("unplacedCostPerReplicaHour", policy.unplacedCostPerReplicaHour());
        BigDecimal budget = budgetPerHour(now);
        if (budget != null) {
            p.put("budgetPerHour", budget);
        }
        p.put("maxSpotPoolShare", policy.maxSpotPoolShare());

        ArrayNode offers = root.putArray("offers");
        Set<String> included = new HashSet<>();
        for (OfferRow o : selected) {
            ObjectNode n = offers.addObject();
            n.put("id", o.key);
            n.put("provider", o.provider);
            n.put("region", o.region);
            if (o.zone == null) {
                n.putNull("zone");
            } else {
                n.put("zone", o.zone);
            }
            n.put("instanceType", o.type);
            n.put("market", o.market);
            n.put("vcpus", o.vcpus);
            n.put("memoryGiB", o.memoryGiB);
            n.put("pricePerHour", o.price);
            if (o.available != null) {
                n.put("available", o.available);
            }
            if (o.market.equals("spot")) {
                n.put("interruptionRatePerHour", o.rate == null ? 0.0 : o.rate);
            }
            n.put("co2GramsPerHour", carbon.offerGramsPerHour(o.provider, o.region, o.vcpus, o.memoryGiB));
            included.add(o.key);
        }

        ArrayNode owned = root.putArray("ownedNodes");
        jdbc.sql("""
                        SELECT n.id, n.provider_code, r.code, n.vcpus, n.memory_gib, n.measured_watts, n.pue
                        FROM owned_node n JOIN region r ON r.id = n.region_id WHERE n.active ORDER BY n.id""")
                .query(rs -> {
                    ObjectNode n = owned.addObject();
                    n.put("id", rs.getString(1));
                    n.put("provider", rs.getString(2));
                    n.put("region", rs.getString(3));
                    n.put("vcpus", rs.getBigDecimal(4));
                    n.put("memoryGiB", rs.getBigDecimal(5));
                    n.put("co2GramsPerHour", carbon.ownedGramsPerHour(rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                            rs.getBigDecimal(5), (Double) rs.getObject(6), (Double) rs.getObject(7)));
                    placements(n, ownedPlacements.get(rs.getString(1)));
                });

        ArrayNode rented = root.putArray("rentedNodes");
        for (LeaseRow l : leases) {
            ObjectNode n = rented.addObject();
            n.put("id", l.id);
            n.put("offerId", l.offer.key);
            placements(n, leasePlacements.get(l.id));
            if (!included.contains(l.offer.key)) { // the pool vanished or was left out: the node carries its shape
                n.put("provider", l.offer.provider);
                n.put("region", l.offer.region);
                if (l.offer.zone == null) {
                    n.putNull("zone");
                } else {
                    n.put("zone", l.offer.zone);
                }
                n.put("market", l.offer.market);
                n.put("vcpus", l.offer.vcpus);
                n.put("memoryGiB", l.offer.memoryGiB);
                n.put("pricePerHour", l.offer.price);
                n.put("interruptionRatePerHour", l.offer.market.equals("spot") && l.offer.rate != null ? l.offer.rate : 0.0);
                n.put("co2GramsPerHour", carbon.offerGramsPerHour(l.offer.provider, l.offer.region, l.offer.vcpus,
                        l.offer.memoryGiB));
            }
        }

        ArrayNode ws = root.putArray("workloads");
        for (WorkloadRow w : workloads) {
            ObjectNode n = ws.addObject();
            n.put("id", w.id);
            n.put("replicas", w.replicas);
            n.put("vcpus", w.vcpus);
            n.put("memoryGiB", w.memoryGiB);
            if (w.regions != null) {
                ArrayNode a = n.putArray("regions");
                w.regions.forEach(a::add);
            }
            if (w.providers != null) {
                ArrayNode a = n.putArray("providers");
                w.providers.forEach(a::add);
            }
            n.put("spot", w.spot);
            n.put("maxSpotShare", w.maxSpotShare);
            if (w.unplacedCost != null) {
                n.put("unplacedCostPerReplicaHour", w.unplacedCost);
            }
        }
        Map<String, String> carbonByRegion = new java.util.TreeMap<>();
        for (tools.jackson.databind.JsonNode n : offers) {
            carbonByRegion.computeIfAbsent(n.path("provider").asString() + ":" + n.path("region").asString(),
                    k -> carbon.explainRegion(n.path("provider").asString(), n.path("region").asString()));
        }
        for (tools.jackson.databind.JsonNode n : owned) {
            carbonByRegion.computeIfAbsent(n.path("provider").asString() + ":" + n.path("region").asString(),
                    k -> carbon.explainRegion(n.path("provider").asString(), n.path("region").asString()));
        }
        notes.add("carbon: " + carbon.describe());
        return new Assembled(root, all.size(), selected.size(), blocked, notes, carbonByRegion);
    }

    private static void placements(ObjectNode node, Map<String, Integer> placements) {
        ObjectNode p = node.putObject("placements");
        if (placements != null) {
            placements.forEach(p::put);
        }
    }

    private static OfferRow withAvailable(OfferRow o, int available) {
        return new OfferRow(o.key, o.provider, o.region, o.zone, o.type, o.market, o.vcpus, o.memoryGiB, o.price, available,
                o.rate, o.unavailableUntil, o.pricesRefreshedAt);
    }

    /**
     * Keeps the offers some workload can use, cheapest per unit of demand first, within max-offers, with
     * at least min-offers-per-region per region, and always the pools of rented nodes.
     */
    private List<OfferRow> select(List<OfferRow> offers, List<WorkloadRow> workloads, Set<String> mustKeep,
                                  List<String> notes) {
        double demandVcpu = 0;
        double demandMem = 0;
        long replicas = 0;
        for (WorkloadRow w : workloads) {
            demandVcpu += w.replicas * w.vcpus.doubleValue();
            demandMem += w.replicas * w.memoryGiB.doubleValue();
            replicas += w.replicas;
        }
        double unitVcpu = replicas == 0 ? 1 : demandVcpu / replicas;
        double unitMem = replicas == 0 ? 1 : demandMem / replicas;
        List<OfferRow> candidates = new ArrayList<>();
        Map<OfferRow, Double> score = new HashMap<>();
        List<OfferRow> kept = new ArrayList<>();
        for (OfferRow o : offers) {
            boolean useful = workloads.stream().anyMatch(w -> w.fits(o));
            if (mustKeep.contains(o.key)) {
                kept.add(o);
                continue;
            }
            if (!useful || (o.available != null && o.available == 0)) {
                continue;
            }
            double units = Math.min(o.vcpus.doubleValue() / unitVcpu, o.memoryGiB.doubleValue() / unitMem);
            double hourly = o.price.doubleValue()
                    + carbon.offerGramsPerHour(o.provider, o.region, o.vcpus, o.memoryGiB) * policy.carbonPricePerTonne() / 1e6
                    + (o.market.equals("spot") && o.rate != null ? o.rate * policy.interruptionCostPerReplica() * Math.max(1, units) : 0);
            score.put(o, hourly / Math.max(units, 1e-9));
            candidates.add(o);
        }
        candidates.sort(Comparator.comparingDouble(score::get));
        Map<String, Integer> perRegion = new HashMap<>();
        List<OfferRow> chosen = new ArrayList<>(kept);
        List<OfferRow> rest = new ArrayList<>();
        for (OfferRow o : candidates) {
            String region = o.provider + ":" + o.region;
            if (perRegion.getOrDefault(region, 0) < policy.minOffersPerRegion()) {
                perRegion.merge(region, 1, Integer::sum);
                chosen.add(o);
            } else {
                rest.add(o);
            }
        }
        for (OfferRow o : rest) {
            if (chosen.size() >= policy.maxOffers()) {
                break;
            }
            chosen.add(o);
        }
        if (candidates.size() + kept.size() > chosen.size()) {
            notes.add("offers capped: " + chosen.size() + " of " + (candidates.size() + kept.size()) + " usable offers kept");
        }
        chosen.sort(Comparator.comparing(OfferRow::key));
        return chosen;
    }

    private List<OfferRow> offers() {
        return jdbc.sql("""
                        SELECT o.offer_key, o.provider_code, r.code, o.zone, t.name, o.market, t.vcpus, t.memory_gib,
                               op.price_per_hour, o.available_nodes, o.interruption_rate_per_hour, o.unavailable_until,
                               p.prices_refreshed_at
                        FROM offer o JOIN region r ON r.id = o.region_id JOIN instance_type t ON t.id = o.instance_type_id
                        JOIN offer_price op ON op.offer_id = o.id
                        JOIN provider p ON p.code = o.provider_code
                        WHERE o.active AND op.currency = 'USD'""")
                .query((rs, n) -> new OfferRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBigDecimal(7).stripTrailingZeros(),
                        rs.getBigDecimal(8).stripTrailingZeros(), rs.getBigDecimal(9).stripTrailingZeros(),
                        (Integer) rs.getObject(10), (Double) rs.getObject(11), instant(rs.getTimestamp(12)),
                        instant(rs.getTimestamp(13))))
                .list();
    }

    private List<LeaseRow> leases() {
        return jdbc.sql("""
                        SELECT l.id::text, o.offer_key, o.provider_code, r.code, o.zone, t.name, o.market, t.vcpus, t.memory_gib,
                               l.price_per_hour, o.interruption_rate_per_hour
                        FROM lease l JOIN offer o ON o.id = l.offer_id JOIN region r ON r.id = o.region_id
                        JOIN instance_type t ON t.id = o.instance_type_id
                        WHERE l.state IN ('provisioning', 'running', 'draining') ORDER BY l.id""")
                .query((rs, n) -> new LeaseRow(rs.getString(1), new OfferRow(rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getBigDecimal(8).stripTrailingZeros(), rs.getBigDecimal(9).stripTrailingZeros(),
                        rs.getBigDecimal(10).stripTrailingZeros(), null, (Double) rs.getObject(11), null, null)))
                .list();
    }

    private List<WorkloadRow> workloads() {
        return jdbc.sql("""
                        SELECT id, replicas, vcpus, memory_gib, regions, providers, spot_allowed, max_spot_share,
                               unplaced_cost_per_replica_hour FROM workload ORDER BY id""")
                .query((rs, n) -> new WorkloadRow(rs.getString(1), rs.getInt(2), rs.getBigDecimal(3).stripTrailingZeros(),
                        rs.getBigDecimal(4).stripTrailingZeros(), strings(rs.getArray(5)), strings(rs.getArray(6)),
                        rs.getBoolean(7), rs.getBigDecimal(8).stripTrailingZeros(),
                        rs.getBigDecimal(9) == null ? null : rs.getBigDecimal(9).stripTrailingZeros()))
                .list();
    }

    private BigDecimal budgetPerHour(Instant now) {
        return jdbc.sql("""
                        SELECT min(amount_per_hour) FROM budget
                        WHERE provider_code IS NULL AND currency = 'USD' AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)""")
                .params(Timestamp.from(now), Timestamp.from(now)).query(BigDecimal.class).optional().orElse(null);
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? null : Arrays.asList((String[]) a.getArray());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
