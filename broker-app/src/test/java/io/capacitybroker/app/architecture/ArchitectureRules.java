package io.capacitybroker.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module rules of the broker, written against a base package so that they can be checked both on
 * the real code ({@code io.capacitybroker}) and on deliberately broken fixtures (to prove they bite).
 */
final class ArchitectureRules {

    /** Frameworks that pure modules must not touch. */
    static final String[] FRAMEWORKS = {"org.springframework..", "jakarta.persistence..", "jakarta.servlet..",
            "org.quartz..", "org.hibernate..", "io.micrometer.."};

    private ArchitectureRules() {
    }

    /** broker-domain, provider-spi and the planner are plain Java: no Spring, JPA, Quartz, servlet. */
    static ArchRule pureModulesAreFrameworkFree(String base) {
        return noClasses().that().resideInAnyPackage(base + ".domain..", base + ".provider.spi..", base + ".planner..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("pure modules stay free of frameworks so they can be reused and tested anywhere");
    }

    /** Adapters (base.provider.X) never see each other; they only share the SPI. */
    static ArchRule adaptersAreIndependent(String base) {
        return slices().matching(base + ".provider.(*)..")
                .should().notDependOnEachOther()
                .ignoreDependency(DescribedPredicate.alwaysTrue(), JavaClass.Predicates.resideInAPackage(base + ".provider.spi.."))
                .because("one adapter per cloud; adapters share only provider-spi");
    }

    /** The top-level modules form no cycle. */
    static ArchRule modulesAreAcyclic(String base) {
        return slices().matching(base + ".(*)..").should().beFreeOfCycles();
    }

    /** The domain depends on nothing else of the project. */
    static ArchRule domainDependsOnNothing(String base) {
        return noClasses().that().resideInAPackage(base + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(base + ".provider..", base + ".planner..",
                        base + ".ingest..", base + ".carbon..", base + ".app..", base + ".fleet..")
                .because("broker-domain is the bottom of the dependency graph");
    }

    /** The planner is a pure function of the planning contract: it knows no provider, database or app code. */
    static ArchRule plannerIsSelfContained(String base) {
        return noClasses().that().resideInAPackage(base + ".planner..")
                .should().dependOnClassesThat().resideInAnyPackage(base + ".provider..", base + ".ingest..",
                        base + ".carbon..", base + ".app..", base + ".fleet..", "java.sql..", "java.net..")
                .because("the planner does no I/O and is reproducible from a scenario alone");
    }

    /** Nothing below the composition root depends on it. */
    static ArchRule onlyTheAppKnowsTheApp(String base) {
        return noClasses().that().resideOutsideOfPackage(base + ".app..")
                .should().dependOnClassesThat().resideInAPackage(base + ".app..")
                .because("broker-app is the composition root; dependencies point into it, never out of it");
    }
}
