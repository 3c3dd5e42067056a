package io.capacitybroker.planner;

/** Prints planner objective vs the aggregated LP bound for the examples or generated sizes (benchmark helper). */
final class LpBoundRun {
    public static void main(String[] args) {
        for (String a : args) {
            String json;
            if (a.startsWith("size")) {
                String[] parts = a.substring(4).split(":");
                int i = Integer.parseInt(parts[0]);
                long seed = parts.length > 1 ? Long.parseLong(parts[1]) : 1;
                json = PlannerBenchmark.scenarioJson(i, seed);
            } else {
                json = Resources.text("/examples/" + a + ".json");
            }
            Scenario s = ScenarioReader.read(json);
            Plan p = Planner.plan(s);
            long t = System.nanoTime();
            AggregatedLp.Result lb = AggregatedLp.solve(s, 600_000);
            System.out.printf("%s planner %.4f (%d ms) lp %.4f %s cols %d (%d ms) gap %.3f%%%n", a,
                    p.summary().objective(), p.solveMillis(), lb.bound(), lb.state(), lb.columns(),
                    (System.nanoTime() - t) / 1_000_000, 100 * (p.summary().objective() - lb.bound()) / lb.bound());
        }
    }
}
