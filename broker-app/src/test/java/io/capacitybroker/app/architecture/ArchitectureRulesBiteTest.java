package io.capacitybroker.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same rules, checked on fixtures under {@code io.capacitybroker.archfixture} that break them on
 * purpose: a Spring import in the domain and in the planner, one adapter using another, and a cycle.
 * If a rule stopped detecting its violation, this test fails.
 */
class ArchitectureRulesBiteTest {

    private static final String FIXTURES = "io.capacitybroker.archfixture";
    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages(FIXTURES);
    }

    @Test
    void springInAPureModuleIsReported() {
        EvaluationResult r = ArchitectureRules.pureModulesAreFrameworkFree(FIXTURES).evaluate(fixtures);
        assertThat(r.hasViolation()).isTrue();
        assertThat(String.join("\n", r.getFailureReport().getDetails()))
                .contains("SpringAwareValue").contains("org.springframework")
                .contains("SpringAwarePlanner");
    }

    @Test
    void anAdapterUsingAnotherAdapterIsReported() {
        EvaluationResult r = ArchitectureRules.adaptersAreIndependent(FIXTURES).evaluate(fixtures);
        assertThat(r.hasViolation()).isTrue();
        assertThat(String.join("\n", r.getFailureReport().getDetails())).contains("AlphaAdapter").contains("BetaAdapter");
    }

    @Test
    void aCycleBetweenModulesIsReported() {
        assertThat(ArchitectureRules.modulesAreAcyclic(FIXTURES).evaluate(fixtures).hasViolation()).isTrue();
    }

    @Test
    void theDomainUsingAnotherModuleIsReported() {
        assertThat(ArchitectureRules.domainDependsOnNothing(FIXTURES).evaluate(fixtures).hasViolation()).isTrue();
    }
}
