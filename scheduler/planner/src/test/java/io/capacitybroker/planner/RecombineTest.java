package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The recombination diagnostic ({@link RecombineRun}) models the contract's rules over node columns: its solution,
 * turned into a plan, must keep every rule by the independent checker, cost what the MIP says, and be no worse than
 * the best plan it was built from (the MIP is hinted with it).
 */
class RecombineTest {

    @Test
    void recombinedPlanKeepsEveryRuleAndCostsWhatTheMipSays() {
        PlannerOptions d = PlannerOptions.defaults();
        List<PlannerOptions> variants = List.of(d.withTimeLimitMillis(300), d.withTimeLimitMillis(600),
                d.withTimeLimitMillis(300).blind(true, true), d.withTimeLimitMillis(300).blind(false, true));
        String json = PlannerBenchmark.scenarioJson(3, 3);
        RecombineRun.Result r = RecombineRun.recombine(json, variants, 5_000);
        PlanChecker.Result c = PlanChecker.check(json, PlanWriter.writeCompact(r.plan()));
        assertThat(c.errors()).isEmpty();
        assertThat(c.objective()).isCloseTo(r.objective(), within(1e-6 * Math.abs(r.objective())));
        assertThat(r.objective()).isLessThanOrEqualTo(r.best() + 1e-6 * Math.abs(r.best()));
    }
}
