package io.capacitybroker.planner;

final class DebugRun {
    public static void main(String[] args) {
        int i = Integer.parseInt(args[0]);
        long limit = Long.parseLong(args[1]);
        boolean blind = args.length > 2;
        ScenarioGenerator.Size size = PlannerBenchmark.SIZES[i];
        String json = ScenarioGenerator.generate(7919 + i, size);
        Scenario s = ScenarioReader.read(json);
        for (int k = 0; k < 2; k++) {
            long t = System.nanoTime();
            Plan p = Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(limit).blind(blind, blind));
            System.out.println("millis " + p.solveMillis() + " obj " + p.summary().objective() + " unplaced "
                    + p.summary().unplacedReplicas() + " nodes " + p.nodes().size());
        }
    }
}
