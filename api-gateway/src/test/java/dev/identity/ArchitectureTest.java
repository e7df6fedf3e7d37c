package dev.identity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Module boundaries that the Maven graph alone does not enforce. */
@AnalyzeClasses(packages = "dev.identity", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule querySideNeverUsesTheCommandSide = noClasses()
            .that().resideInAPackage("dev.identity.query..")
            .should().dependOnClassesThat().resideInAPackage("dev.identity.command..");

    @ArchTest
    static final ArchRule commandSideNeverUsesTheQuerySide = noClasses()
            .that().resideInAPackage("dev.identity.command..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.identity.query..", "dev.identity.gateway..");

    @ArchTest
    static final ArchRule eventsDependOnlyOnJavaAndAxonAnnotations = classes()
            .that().resideInAPackage("dev.identity.events..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.identity.events..",
                    "org.axonframework.modelling.command", "org.axonframework.serialization");

    @ArchTest
    static final ArchRule controllersNeverTouchTheDatabase = noClasses()
            .that().haveSimpleNameEndingWith("Controller")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "jakarta.persistence..");

    /*
     * No package of the contract or of either side is in a cycle. The gateway's packages are not checked yet:
     * they import each other in circles (auth and login, session, user, system), which its re-cut removes.
     */
    @ArchTest
    static final ArchRule contractPackagesAreFreeOfCycles = slices().matching("dev.identity.events.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule commandSidePackagesAreFreeOfCycles = slices().matching("dev.identity.command.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule querySidePackagesAreFreeOfCycles = slices().matching("dev.identity.query.(*)..")
            .should().beFreeOfCycles();
}
