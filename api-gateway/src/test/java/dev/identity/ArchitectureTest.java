package dev.identity;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.identity.command.session.AuthenticatedAccount;
import dev.identity.query.audit.AuditQueries;
import dev.identity.query.deadletter.DeadLetterView;
import dev.identity.query.deadletter.DeadLetters;
import dev.identity.query.replay.ProjectionRebuilds;
import dev.identity.query.replay.RebuildableProjection;
import org.springframework.web.bind.annotation.RestController;

/** Module boundaries that the Maven graph alone does not enforce. */
@AnalyzeClasses(packages = "dev.identity", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule querySideNeverUsesTheCommandSide = noClasses()
            .that()
            .resideInAPackage("dev.identity.query..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.identity.command..");

    @ArchTest
    static final ArchRule commandSideNeverUsesTheQuerySide = noClasses()
            .that()
            .resideInAPackage("dev.identity.command..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.identity.query..", "dev.identity.gateway..");

    @ArchTest
    static final ArchRule eventsDependOnlyOnJavaAndAxonAnnotations = classes()
            .that()
            .resideInAPackage("dev.identity.events..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "java..",
                    "dev.identity.events..",
                    "org.axonframework.modelling.command",
                    "org.axonframework.serialization");

    @ArchTest
    static final ArchRule controllersNeverTouchTheDatabase = noClasses()
            .that()
            .haveSimpleNameEndingWith("Controller")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.jdbc..", "jakarta.persistence..");

    /* No package of any module is in a cycle: each can be read, and changed, from its own imports down. */
    @ArchTest
    static final ArchRule contractPackagesAreFreeOfCycles =
            slices().matching("dev.identity.events.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule commandSidePackagesAreFreeOfCycles =
            slices().matching("dev.identity.command.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule querySidePackagesAreFreeOfCycles =
            slices().matching("dev.identity.query.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule applicationPackagesAreFreeOfCycles =
            slices().matching("dev.identity.gateway.(*)..").should().beFreeOfCycles();

    /**
     * Controllers speak HTTP and hand over: to Axon's buses, to the application's own services, or to the
     * few façades the sides offer for what is not a command or a query (the audit trail's streaming reads,
     * dead letters, projection rebuilds, a checked login). Nothing else of a side's insides.
     */
    @ArchTest
    static final ArchRule controllersUseTheSidesOnlyThroughBusesAndFacades = noClasses()
            .that()
            .areAnnotatedWith(RestController.class)
            .should()
            .dependOnClassesThat(resideInAnyPackage("dev.identity.command..", "dev.identity.query..")
                    .and(not(belongToAnyOf(
                            AuditQueries.class,
                            DeadLetters.class,
                            DeadLetterView.class,
                            ProjectionRebuilds.class,
                            RebuildableProjection.class,
                            AuthenticatedAccount.class))));
}
