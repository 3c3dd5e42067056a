package io.capacitybroker.planner;

/** Prints the plan of an example scenario (helper). */
final class PrintPlan {
    public static void main(String[] args) {
        System.out.println(PlanWriter.write(Planner.plan(ScenarioReader.read(Resources.text("/examples/" + args[0] + ".json")))));
    }
}
