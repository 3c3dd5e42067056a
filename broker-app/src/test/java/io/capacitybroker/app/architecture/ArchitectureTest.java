package io.capacitybroker.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules hold on the real code of every module on the broker's classpath. */
class ArchitectureTest {

    private static final String BASE = "io.capacitybroker";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    @Test
    void pureModulesAreFrameworkFree() {
        ArchitectureRules.pureModulesAreFrameworkFree(BASE).check(classes);
    }

    @Test
    void adaptersAreIndependent() {
        ArchitectureRules.adaptersAreIndependent(BASE).check(classes);
    }

    @Test
    void modulesAreAcyclic() {
        ArchitectureRules.modulesAreAcyclic(BASE).check(classes);
    }

    @Test
    void domainDependsOnNothing() {
        ArchitectureRules.domainDependsOnNothing(BASE).check(classes);
    }

    @Test
    void plannerIsSelfContained() {
        ArchitectureRules.plannerIsSelfContained(BASE).check(classes);
    }

    @Test
    void onlyTheAppKnowsTheApp() {
        ArchitectureRules.onlyTheAppKnowsTheApp(BASE).check(classes);
    }

    @Test
    void everyModuleIsOnTheClasspathBeingChecked() {
        // guards against the rules passing vacuously because a module's classes were not imported
        org.assertj.core.api.Assertions.assertThat(classes.stream().map(c -> c.getPackageName()).distinct())
                .anyMatch(p -> p.startsWith(BASE + ".domain"))
                .anyMatch(p -> p.startsWith(BASE + ".provider.spi"))
                .anyMatch(p -> p.startsWith(BASE + ".provider.simulated"))
                .anyMatch(p -> p.startsWith(BASE + ".planner"))
                .anyMatch(p -> p.startsWith(BASE + ".ingest"))
                .anyMatch(p -> p.startsWith(BASE + ".app"));
    }
}
