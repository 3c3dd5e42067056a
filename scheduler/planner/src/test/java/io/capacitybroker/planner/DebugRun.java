package io.capacitybroker.planner;

public final class DebugRun {
    public static void main(String[] args) {
        int i = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        String json = PlannerBenchmark.scenarioJson(i, seed);
        Scenario s = ScenarioReader.read(json);
        System.out.println("policy " + s.policy() + " H " + s.horizonHours());
        for (int k = 2; k < args.length; k++) {
            String a = args[k];
            boolean blind = a.startsWith("b");
            long limit = Long.parseLong(blind ? a.substring(1) : a);
            Plan p = Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(limit).blind(blind, blind));
            System.out.println((blind ? "blind " : "true ") + limit + " millis " + p.solveMillis() + " " + p.summary());
        }
    }
}
