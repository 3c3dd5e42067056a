package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GoldenExamplesTest {

    static Plan solve(String json) {
        return Planner.plan(ScenarioReader.read(json), PlannerOptions.defaults().withTimeLimitMillis(3000));
    }

    @Test
    void tinyMatchesTheOptimalObjective() {
        String sc = Resources.text("/examples/tiny.json");
        Plan plan = solve(sc);
        PlanChecker.Result r = PlanChecker.check(sc, PlanWriter.write(plan));
        assertThat(r.errors()).isEmpty();
        assertThat(r.objective()).isCloseTo(181.1631879388, within(1e-6));
        assertThat(plan.reasons().get("wl-000")).startsWith("cost");
    }

    @Test
    void tinyReferencePlanPassesTheChecker() {
        String sc = Resources.text("/examples/tiny.json");
        PlanChecker.Result r = PlanChecker.check(sc, Resources.text("/examples/tiny.plan.json"));
        // the reference plan uses the legacy reason text "unplacedCheaper"; everything else must hold
        assertThat(r.errors()).allMatch(e -> e.startsWith("missing or bad reason"));
        assertThat(r.objective()).isCloseTo(181.1631879388, within(1e-6));
    }

    @Test
    void smallAndMediumAreValid() {
        for (String name : new String[] {"small", "medium"}) {
            String sc = Resources.text("/examples/" + name + ".json");
            Plan plan = solve(sc);
            PlanChecker.Result r = PlanChecker.check(sc, PlanWriter.write(plan));
            assertThat(r.errors()).as(name).isEmpty();
            System.out.println(name + " objective " + r.objective() + " millis " + plan.solveMillis());
        }
    }
}
