package io.capacitybroker.planner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seeded, reproducible scenario generator built on the real catalogs ({@link Catalog}). Produces owned nodes, rented
 * nodes (some on vanished pools, with drift), budgets and spot constraints. Test code only.
 */
final class ScenarioGenerator {

    record Size(int offers, int workloads, int replicas, int owned, int rented) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final double[] CPU = {0.25, 0.5, 1, 1, 2, 2, 4, 8};
    private static final double[] MEM_PER_CPU = {0.5, 1, 2, 4, 4, 8};
    private static final String[] SHARES = {"0.3", "0.5", "0.7", "0.75", "0.9"};
    private static final String[] OVH = {"eu-west-rbx", "eu-west-gra", "eu-west-sbg", "ca-east-bhs"};

    private ScenarioGenerator() {
    }

    static String generate(long seed, Size size) {
        Random r = new Random(seed);
        List<Catalog.Row> all = Catalog.rows();
        // choose a set of regions first so that offers overlap, then sample offers from them
        List<Catalog.Row> pool = new ArrayList<>(all);
        java.util.Collections.shuffle(pool, r);
        Set<String> regions = new HashSet<>();
        int regionCount = Math.max(2, Math.min(40, size.offers() / 60 + 2));
        List<Catalog.Row> offers = new ArrayList<>();
        for (Catalog.Row row : pool) {
            if (regions.size() < regionCount) {
                regions.add(row.provider() + "/" + row.region());
            }
            if (regions.contains(row.provider() + "/" + row.region())) {
                offers.add(row);
                if (offers.size() == size.offers()) {
                    break;
                }
            }
        }
        List<Catalog.Row> spare = new ArrayList<>();
        for (Catalog.Row row : pool) {
            if (spare.size() >= 50) {
                break;
            }
            if (!offers.contains(row)) {
                spare.add(row);
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", "capacity-broker/scenario@1");
        double[] horizons = {1, 6, 24, 168};
        double H = horizons[r.nextInt(horizons.length)];
        root.put("horizonHours", H);
        ObjectNode pol = root.putObject("policy");
        pol.put("carbonPricePerTonne", pick(r, 0, 50, 85, 150, 400));
        pol.put("moveCostPerReplica", pick(r, 0, 0.05, 0.5, 2));
        pol.put("interruptionCostPerReplica", pick(r, 0, 0.4, 10, 50));
        pol.put("unplacedCostPerReplicaHour", pick(r, 0.5, 2, 5, 20));
        if (r.nextDouble() < 0.5) {
            pol.put("maxSpotPoolShare", new java.math.BigDecimal(pickS(r, "0", "0.1", "0.25", "0.5", "0.7")));
        }
        // workloads
        ArrayNode wls = root.putArray("workloads");
        List<String> regionNames = new ArrayList<>();
        for (String s : regions) {
            regionNames.add(s.substring(s.indexOf('/') + 1));
        }
        java.util.Collections.sort(regionNames);
        List<double[]> shapes = new ArrayList<>();
        int[] reps = new int[size.workloads()];
        for (int i = 0; i < size.replicas(); i++) {
            if (size.workloads() > 0) {
                // skewed: a few large workloads
                int w = (int) Math.floor(Math.pow(r.nextDouble(), 2) * size.workloads());
                reps[w]++;
            }
        }
        double cpuDemand = 0;
        for (int w = 0; w < size.workloads(); w++) {
            ObjectNode o = wls.addObject();
            o.put("id", String.format("wl-%04d", w));
            o.put("replicas", reps[w]);
            double v = CPU[r.nextInt(CPU.length)];
            double m = v * MEM_PER_CPU[r.nextInt(MEM_PER_CPU.length)];
            o.put("vcpus", v);
            o.put("memoryGiB", m);
            shapes.add(new double[] {v, m});
            cpuDemand += v * reps[w];
            double x = r.nextDouble();
            if (x < 0.25) {
                ArrayNode a = o.putArray("regions");
                Set<String> chosen = new java.util.TreeSet<>();
                int n = 1 + r.nextInt(Math.min(4, regionNames.size()));
                for (int k = 0; k < n; k++) {
                    chosen.add(regionNames.get(r.nextInt(regionNames.size())));
                }
                if (r.nextDouble() < 0.5) {
                    chosen.add(OVH[0]);
                }
                chosen.forEach(a::add);
            } else if (x < 0.27) {
                o.putArray("regions");
            }
            if (r.nextDouble() < 0.15) {
                ArrayNode a = o.putArray("providers");
                a.add(pickS(r, "aws", "gcp", "azure"));
                if (r.nextDouble() < 0.5) {
                    a.add("ovh");
                }
            }
            if (r.nextDouble() < 0.2) {
                o.put("spot", false);
            }
            if (r.nextDouble() < 0.4) {
                o.put("maxSpotShare", new java.math.BigDecimal(SHARES[r.nextInt(SHARES.length)]));
            }
            if (r.nextDouble() < 0.2) {
                o.put("unplacedCostPerReplicaHour", pick(r, 0.02, 0.2, 1, 10, 50));
            }
        }
        // offers
        ArrayNode offs = root.putArray("offers");
        for (Catalog.Row row : offers) {
            ObjectNode o = offer(offs.addObject(), row);
            if (r.nextDouble() < 0.4) {
                o.put("available", r.nextInt(Math.max(2, size.replicas() / 40 + 3)));
            }
        }
        // budget: a fraction of a rough estimate of the cost of everything
        double cheapestPerCpu = Double.MAX_VALUE;
        for (Catalog.Row row : offers) {
            cheapestPerCpu = Math.min(cheapestPerCpu, row.price() / row.vcpus());
        }
        if (r.nextDouble() < 0.5 && !offers.isEmpty()) {
            pol.put("budgetPerHour", round4(cpuDemand * cheapestPerCpu * (0.5 + 2.5 * r.nextDouble())));
        }
        // owned nodes
        ArrayNode owned = root.putArray("ownedNodes");
        List<double[]> ownedCaps = new ArrayList<>();
        for (int i = 0; i < size.owned(); i++) {
            ObjectNode o = owned.addObject();
            o.put("id", "ovh-bm-" + i);
            o.put("provider", "ovh");
            o.put("region", OVH[r.nextInt(OVH.length)]);
            double v = pick(r, 16, 32, 48, 64);
            double m = v * pick(r, 4, 8);
            o.put("vcpus", v);
            o.put("memoryGiB", m);
            // measured wattage of a bare-metal host at a low-carbon grid
            o.put("co2GramsPerHour", round4((60 + v * 4) * 1.3 * 50 / 1000.0));
            ownedCaps.add(new double[] {v, m});
            fill(r, o.putObject("placements"), v, m, shapes, reps, 0.7);
        }
        // rented nodes
        ArrayNode rented = root.putArray("rentedNodes");
        for (int i = 0; i < size.rented(); i++) {
            ObjectNode o = rented.addObject();
            o.put("id", "i-" + Long.toHexString(seed & 0xffff) + "-" + i);
            Catalog.Row row;
            if (r.nextDouble() < 0.1 || offers.isEmpty()) {
                row = spare.get(r.nextInt(spare.size()));
                o.put("offerId", row.id());
                offerShape(o, row);
            } else {
                row = offers.get(r.nextInt(offers.size()));
                o.put("offerId", row.id());
            }
            fill(r, o.putObject("placements"), row.vcpus(), row.mem(), shapes, reps, r.nextDouble());
        }
        return JSON.writeValueAsString(root);
    }

    private static void fill(Random r, ObjectNode pl, double v, double m, List<double[]> shapes, int[] reps,
            double target) {
        if (shapes.isEmpty()) {
            return;
        }
        double usedV = 0;
        double usedM = 0;
        for (int tries = 0; tries < 6; tries++) {
            int w = r.nextInt(shapes.size());
            double[] s = shapes.get(w);
            int k = (int) Math.floor(Math.min((v * target - usedV) / s[0], (m * target - usedM) / s[1]));
            k = Math.min(k, Math.max(0, reps[w] / 2 + 1));
            if (k <= 0) {
                continue;
            }
            String id = String.format("wl-%04d", w);
            int have = pl.has(id) ? pl.get(id).intValue() : 0;
            pl.put(id, have + k);
            usedV += k * s[0];
            usedM += k * s[1];
        }
    }

    private static ObjectNode offer(ObjectNode o, Catalog.Row row) {
        o.put("id", row.id());
        offerShape(o, row);
        o.remove("interruptionRatePerHour");
        o.put("instanceType", row.type());
        if (row.spot()) {
            o.put("interruptionRatePerHour", round8(row.rate()));
        }
        return o;
    }

    private static void offerShape(ObjectNode o, Catalog.Row row) {
        o.put("provider", row.provider());
        o.put("region", row.region());
        if (row.zone() == null) {
            o.putNull("zone");
        } else {
            o.put("zone", row.zone());
        }
        o.put("market", row.spot() ? "spot" : "on_demand");
        o.put("vcpus", row.vcpus());
        o.put("memoryGiB", row.mem());
        o.put("pricePerHour", row.price());
        o.put("interruptionRatePerHour", row.spot() ? round8(row.rate()) : 0.0);
        o.put("co2GramsPerHour", round4(row.co2()));
    }

    private static double pick(Random r, double... v) {
        return v[r.nextInt(v.length)];
    }

    private static String pickS(Random r, String... v) {
        return v[r.nextInt(v.length)];
    }

    static double round4(double d) {
        return Math.round(d * 1e4) / 1e4;
    }

    static double round8(double d) {
        return Math.round(d * 1e8) / 1e8;
    }
}
