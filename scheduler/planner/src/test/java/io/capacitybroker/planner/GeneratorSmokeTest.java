package io.capacitybroker.planner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeneratorSmokeTest {

    @Test
    void generatedScenariosAreValidAndReproducible() {
        for (long seed = 1; seed <= 5; seed++) {
            ScenarioGenerator.Size size = new ScenarioGenerator.Size(40, 8, 120, 2, 10);
            String a = ScenarioGenerator.generate(seed, size);
            assertThat(ScenarioGenerator.generate(seed, size)).isEqualTo(a);
            Scenario s = ScenarioReader.read(a);
            Plan p = Planner.plan(s, PlannerOptions.defaults().withTimeLimitMillis(500));
            PlanChecker.Result r = PlanChecker.check(a, PlanWriter.write(p));
            assertThat(r.errors()).as("seed " + seed).isEmpty();
        }
    }
}
