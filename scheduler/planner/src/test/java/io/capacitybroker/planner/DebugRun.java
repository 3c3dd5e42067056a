package io.capacitybroker.planner;

final class DebugRun {
    public static void main(String[] args) {
        int i = Integer.parseInt(args[0]);
        long limit = Long.parseLong(args[1]);
        boolean blind = args.length > 2 && args[2].equals("blind");
        ScenarioGenerator.Size size = PlannerBenchmark.SIZES[i];
        String json = ScenarioGenerator.generate(7919 + i, size);
        Scenario s = ScenarioReader.read(json);
        System.out.println("policy " + s.policy() + " H " + s.horizonHours());
        for (int k = 0; k < 2; k++) {
            Plan p = Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(limit).blind(blind, blind));
            System.out.println("millis " + p.solveMillis() + " " + p.summary());
            if (k == 1) {
                double total = 0;
                for (var e : p.unplaced().entrySet()) {
                    Workload w = s.workloads().stream().filter(x -> x.id().equals(e.getKey())).findFirst().get();
                    double c = e.getValue() * w.unplacedCost(s.policy()) * s.horizonHours();
                    total += c;
                    if (c > 10000) {
                        System.out.println(e.getKey() + " " + e.getValue() + " cost " + c + " " + p.reasons().get(e.getKey())
                                + " regions " + w.regions() + " providers " + w.providers() + " spot " + w.spot());
                    }
                }
                System.out.println("unplaced cost " + total);
            }
        }
    }
}
