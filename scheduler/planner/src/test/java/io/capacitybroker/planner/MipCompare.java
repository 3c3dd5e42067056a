package io.capacitybroker.planner;

import java.util.*;

/**
 * Diagnostic (benchmark helper): the planner's warm plan of a generated scenario next to the restricted master MIP's
 * plan ({@link PatternBounds}, 150 s of pattern LP), both checked; per pool (nodes, replicas, average fill of vCPU and
 * memory, $/h, workloads per node), per owned node and per workload (unplaced) into {@code PREFIX.planner} and
 * {@code PREFIX.mip}. Arguments: {@code size:seed mipMillis PREFIX}, e.g. {@code 3:3 240000 /tmp/cmp33}.
 */
public final class MipCompare {
    public static void main(String[] args) throws Exception {
        Planner.plan(ScenarioReader.read(ScenarioGenerator.generate(99, PlannerBenchmark.SIZES[2])));
        String json = PlannerBenchmark.scenarioJson(args[0]);
        Scenario s = ScenarioReader.read(json);
        Planner.plan(s);
        Plan p = Planner.plan(s);
        PatternBounds.MIP_MILLIS = Long.parseLong(args[1]);
        PoolModel pm = new PoolModel(s);
        PatternBounds.Result r = PatternBounds.lp(pm, p, 150_000);
        Model m = new Model(s, PlannerOptions.defaults());
        Map<String, Integer> pIdx = new HashMap<>();
        for (int q = 0; q < m.P; q++) pIdx.put(m.pId[q], q);
        Map<String, RentedNode> rented = new HashMap<>();
        for (RentedNode rn : s.rentedNodes()) rented.put(rn.id(), rn);
        Map<String, Integer> wIdx = new HashMap<>();
        for (int w = 0; w < m.W; w++) wIdx.put(s.workloads().get(w).id(), w);
        String[] names = {"planner", "mip"};
        Plan[] plans = {p, r.mipPlan};
        for (int k = 0; k < 2; k++) {
            Plan q = plans[k];
            PlanChecker.Result c = PlanChecker.check(json, PlanWriter.writeCompact(q));
            StringBuilder sb = new StringBuilder();
            Map<String, double[]> pools = new TreeMap<>();
            for (PlanNode n : q.nodes()) {
                if (n.source() == PlanNode.Source.OWNED) {
                    sb.append("owned ").append(n.id()).append(' ').append(new TreeMap<>(n.placements())).append('\n');
                    continue;
                }
                String off = n.source() == PlanNode.Source.NEW ? n.offerId() : rented.get(n.id()).offerId();
                int pq = pIdx.get(off);
                double v = 0;
                double mm = 0;
                double repl = 0;
                for (var e : n.placements().entrySet()) {
                    int w = wIdx.get(e.getKey());
                    v += m.wv[w] * e.getValue();
                    mm += m.wm[w] * e.getValue();
                    repl += e.getValue();
                }
                double[] a = pools.computeIfAbsent(off, x -> new double[6]);
                a[0]++;
                a[1] += repl;
                a[2] += v / m.pV[pq];
                a[3] += mm / m.pM[pq];
                a[4] += m.pPrice[pq];
                a[5] += n.placements().size();
            }
            for (var e : pools.entrySet()) {
                double[] a = e.getValue();
                sb.append(String.format(Locale.ROOT,
                        "pool %s nodes %.0f repl %.0f fillV %.2f fillM %.2f $/h %.4f wl/node %.1f%n", e.getKey(), a[0],
                        a[1], a[2] / a[0], a[3] / a[0], a[4], a[5] / a[0]));
            }
            for (int w = 0; w < m.W; w++) {
                String id = s.workloads().get(w).id();
                sb.append(String.format(Locale.ROOT, "wl %s unplaced %d%n", id, q.unplaced().getOrDefault(id, 0)));
            }
            java.nio.file.Files.writeString(java.nio.file.Path.of(args[2] + "." + names[k]), sb);
            System.out.println(names[k] + " " + c.objective() + " ok " + c.ok() + " " + q.summary());
        }
    }
}
