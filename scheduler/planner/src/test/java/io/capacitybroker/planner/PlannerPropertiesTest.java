package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Every rule holds on random scenarios, checked by the independent {@link PlanChecker}. */
class PlannerPropertiesTest {

    @Property(tries = 80)
    void everyRuleHoldsOnRandomScenarios(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 0, max = 40) int offers, @ForAll @IntRange(min = 0, max = 12) int workloads,
            @ForAll @IntRange(min = 0, max = 200) int replicas, @ForAll @IntRange(min = 0, max = 3) int owned,
            @ForAll @IntRange(min = 0, max = 12) int rented) {
        String json = ScenarioGenerator.generate(seed,
                new ScenarioGenerator.Size(offers, workloads, workloads == 0 ? 0 : replicas, owned, rented));
        Scenario s = ScenarioReader.read(json);
        Plan plan = Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(300));
        String out = PlanWriter.write(plan);
        PlanChecker.Result r = PlanChecker.check(json, out);
        assertThat(r.errors()).as(json).isEmpty();
        // the plan JSON reads back to the same plan
        assertThat(PlanReader.read(out).withoutExplanations()).isEqualTo(plan.withoutExplanations());
        // never worse than doing nothing at all from the drift-repaired state is not guaranteed by construction,
        // but never worse than the trivial "release everything, place nothing" plan is
        assertThat(r.objective()).isLessThanOrEqualTo(Baselines.nothingObjective(s) * (1 + 1e-9) + 1e-9);
    }

    /**
     * Scenarios with more than 64 pools, where (without a budget) the search keeps time for the recombination of its
     * nodes after the restarts ({@link Recombination}): its states keep every rule too.
     */
    @Property(tries = 20)
    void everyRuleHoldsWhereTheNodesAreRecombined(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 70, max = 120) int offers, @ForAll @IntRange(min = 3, max = 12) int workloads,
            @ForAll @IntRange(min = 20, max = 300) int replicas, @ForAll @IntRange(min = 0, max = 12) int rented) {
        String json = ScenarioGenerator.generate(seed,
                new ScenarioGenerator.Size(offers, workloads, replicas, 1, rented));
        Scenario s = ScenarioReader.read(json);
        Plan plan = Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(300));
        PlanChecker.Result r = PlanChecker.check(json, PlanWriter.write(plan));
        assertThat(r.errors()).as(json).isEmpty();
        assertThat(r.objective()).isLessThanOrEqualTo(Baselines.nothingObjective(s) * (1 + 1e-9) + 1e-9);
    }

    @Property(tries = 40)
    void carbonAndChurnBlindPlansAreValidToo(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        String json = ScenarioGenerator.generate(seed, new ScenarioGenerator.Size(25, 6, 80, 1, 6));
        Scenario s = ScenarioReader.read(json);
        Plan plan = Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(200).blind(true, true));
        assertThat(PlanChecker.check(json, PlanWriter.write(plan)).errors()).isEmpty();
    }
}
