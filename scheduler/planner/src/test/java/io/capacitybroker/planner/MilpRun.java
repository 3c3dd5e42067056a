package io.capacitybroker.planner;

final class MilpRun {
    public static void main(String[] args) {
        String a = args[0];
        String json = a.startsWith("size") ? ScenarioGenerator.generate(7919 + Integer.parseInt(a.substring(4)),
                PlannerBenchmark.SIZES[Integer.parseInt(a.substring(4))]) : Resources.text("/examples/" + a + ".json");
        Scenario s = ScenarioReader.read(json);
        Plan p = Planner.plan(s);
        System.out.println(PlanWriter.write(p.withoutExplanations()).replaceAll("\\s+", " ").substring(0, 0)
                + "planner " + p.summary());
        System.out.println(p.reasons());
        long t = System.nanoTime();
        ExactMilp.Result r = ExactMilp.solve(s, false, Long.parseLong(args[1]));
        System.out.println("milp " + r + " in " + (System.nanoTime() - t) / 1_000_000 + " ms");
    }
}
