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
    void mediumIsWithinTwoPercentOfTheLpBound() {
        String sc = Resources.text("/examples/medium.json");
        Scenario s = ScenarioReader.read(sc);
        Plan plan = solve(sc);
        PlanChecker.Result r = PlanChecker.check(sc, PlanWriter.write(plan));
        assertThat(r.errors()).isEmpty();
        AggregatedLp.Result lb = AggregatedLp.solve(s, 120_000);
        assertThat(lb.optimal()).isTrue();
        assertThat(r.objective()).isGreaterThanOrEqualTo(lb.bound() - 1e-6 * lb.bound());
        assertThat((r.objective() - lb.bound()) / lb.bound()).isLessThanOrEqualTo(0.02);
    }

    @Test
    void smallAndMediumBeatTheBaselines() {
        for (String name : new String[] {"small", "medium"}) {
            String sc = Resources.text("/examples/" + name + ".json");
            Scenario s = ScenarioReader.read(sc);
            double planner = PlanChecker.check(sc, PlanWriter.write(solve(sc))).objective();
            for (Plan base : new Plan[] {Baselines.cheapestOnDemand(s), Baselines.cheapestPerWorkloadFfd(s)}) {
                PlanChecker.Result b = PlanChecker.check(sc, PlanWriter.write(base));
                assertThat(b.errors()).as("baselines keep the rules too").isEmpty();
                assertThat(planner).as(name).isLessThan(b.objective());
            }
        }
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
