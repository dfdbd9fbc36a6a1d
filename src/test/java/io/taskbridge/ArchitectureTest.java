package io.taskbridge;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of DESIGN.md, held against the production classes: a change that breaks one
 * fails the build. Each rule names the packages it is about; none has exceptions.
 */
@AnalyzeClasses(packages = "io.taskbridge", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** No cycle between the top-level packages (a connector's sub-package counts as part of connector). */
    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("io.taskbridge.(*)..")
            .namingSlices("$1").should().beFreeOfCycles();

    /** Nor between any two packages at all, sub-packages included. */
    @ArchTest
    static final ArchRule noCyclesBetweenAnyPackages = slices().matching("io.taskbridge.(**)")
            .should().beFreeOfCycles();

    /** Each task system is self-contained: the port does not know them, and they do not know each other. */
    @ArchTest
    static final ArchRule connectorsAreSelfContained = slices().matching("io.taskbridge.connector.(*)..")
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule thePortKnowsNoConnector = noClasses()
            .that().resideInAPackage("io.taskbridge.connector")
            .should().dependOnClassesThat().resideInAPackage("io.taskbridge.connector.*..");

    /** The root package is the composition: it may use everything, nothing may use it. */
    @ArchTest
    static final ArchRule nothingDependsOnTheCompositionRoot = noClasses()
            .that().resideOutsideOfPackage("io.taskbridge")
            .should().dependOnClassesThat().resideInAPackage("io.taskbridge");

    /** The domain never imports an adapter: no Slack, Bolt, Javalin, HTTP client, REST API or connector. */
    @ArchTest
    static final ArchRule domainImportsNoAdapter = noClasses()
            .that().resideInAnyPackage("io.taskbridge.task..", "io.taskbridge.approval..", "io.taskbridge.reminder..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.slack..", "io.javalin..", "java.net.http..",
                    "io.taskbridge.slack..", "io.taskbridge.api..",
                    "io.taskbridge.connector.workiva..", "io.taskbridge.connector.awork..",
                    "io.taskbridge.connector.taskapi..");

    /**
     * The one door to a task (access) sits between the surfaces and the domain: it imports the domain
     * and the policy (workspace), never a surface, Slack, Javalin or a connector.
     */
    @ArchTest
    static final ArchRule accessImportsNoSurface = noClasses()
            .that().resideInAPackage("io.taskbridge.access..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.slack..", "io.javalin..", "java.net.http..", "io.taskbridge.slack..", "io.taskbridge.api..",
                    "io.taskbridge.connector..", "io.taskbridge.sync..", "io.taskbridge.sandbox..");

    /** The permission policy is below everything: the domain does not ask it, so it never imports the domain. */
    @ArchTest
    static final ArchRule theDomainDoesNotKnowThePolicy = noClasses()
            .that().resideInAnyPackage("io.taskbridge.task..", "io.taskbridge.approval..", "io.taskbridge.workspace..")
            .should().dependOnClassesThat().resideInAnyPackage("io.taskbridge.access..");

    /** A connector talks to its task system only: no chat surface, no REST surface. */
    @ArchTest
    static final ArchRule connectorsImportNoSurface = noClasses()
            .that().resideInAPackage("io.taskbridge.connector..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.slack..", "io.javalin..", "io.taskbridge.slack..", "io.taskbridge.api..");

    /** Slack's text is formatted in slack only: nothing else renders with its helpers. */
    @ArchTest
    static final ArchRule onlySlackUsesSlack = noClasses()
            .that().resideOutsideOfPackages("io.taskbridge", "io.taskbridge.slack..")
            .should().dependOnClassesThat().resideInAPackage("io.taskbridge.slack..");

    /** The /task grammar is pure: text in, a Command out. No I/O, no service, no store. */
    @ArchTest
    static final ArchRule commandIsPure = noClasses()
            .that().resideInAPackage("io.taskbridge.command..")
            .should().dependOnClassesThat(or(
                    resideInAnyPackage("java.net..", "java.sql..", "org.jdbi..", "java.nio.file..", "java.io..",
                            "io.taskbridge.slack..", "io.taskbridge.api..", "io.taskbridge.sync..",
                            "io.taskbridge.connector..", "io.taskbridge.outbox..", "io.taskbridge.platform..",
                            "io.taskbridge.reminder.."),
                    simpleNameEndingWith("Service"), simpleNameEndingWith("Dao")));

    /** platform is what every package stands on: it knows none of them. */
    @ArchTest
    static final ArchRule platformImportsNothingOfOurs = noClasses()
            .that().resideInAPackage("io.taskbridge.platform..")
            .should().dependOnClassesThat().resideInAnyPackage("io.taskbridge", "io.taskbridge.task..",
                    "io.taskbridge.approval..", "io.taskbridge.reminder..", "io.taskbridge.workspace..",
                    "io.taskbridge.connector..", "io.taskbridge.sync..", "io.taskbridge.outbox..",
                    "io.taskbridge.slack..", "io.taskbridge.command..", "io.taskbridge.api..",
                    "io.taskbridge.sandbox..", "io.taskbridge.intake..", "io.taskbridge.audit..",
                    "io.taskbridge.recurring..");

    /** Metrics go through platform.Metrics: the metrics library is platform's detail, swappable in one place. */
    @ArchTest
    static final ArchRule onlyPlatformKnowsTheMetricsLibrary = noClasses()
            .that().resideOutsideOfPackage("io.taskbridge.platform..")
            .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..");

    /** The durable intake keeps rows and runs registered handlers: it knows no adapter and no domain package. */
    @ArchTest
    static final ArchRule intakeImportsOnlyPlatform = noClasses()
            .that().resideInAPackage("io.taskbridge.intake..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.slack..", "io.javalin..", "java.net.http..", "io.taskbridge.slack..", "io.taskbridge.api..",
                    "io.taskbridge.task..", "io.taskbridge.approval..", "io.taskbridge.reminder..",
                    "io.taskbridge.sync..", "io.taskbridge.connector..", "io.taskbridge.outbox..",
                    "io.taskbridge.workspace..", "io.taskbridge.command..", "io.taskbridge.sandbox..");

    /**
     * The audit trail is a domain noun: it hears task and approval events and keeps rows. It imports
     * task, approval and platform only: no surface, no adapter, no policy (its readers ask that first).
     */
    @ArchTest
    static final ArchRule auditImportsOnlyTheDomainAndPlatform = noClasses()
            .that().resideInAPackage("io.taskbridge.audit..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.slack..", "io.javalin..", "java.net.http..", "io.taskbridge.slack..", "io.taskbridge.api..",
                    "io.taskbridge.connector..", "io.taskbridge.sync..", "io.taskbridge.sandbox..",
                    "io.taskbridge.outbox..", "io.taskbridge.reminder..", "io.taskbridge.command..",
                    "io.taskbridge.access..", "io.taskbridge.workspace..", "io.taskbridge.intake..");

    /** The domain does not know its audit trail: the trail listens, nobody calls it from below. */
    @ArchTest
    static final ArchRule theDomainDoesNotKnowTheAuditTrail = noClasses()
            .that().resideInAnyPackage("io.taskbridge.task..", "io.taskbridge.approval..")
            .should().dependOnClassesThat().resideInAPackage("io.taskbridge.audit..");

    /** Recurring series are domain: task and platform below them, no surface, no grammar (the grammar imports them). */
    @ArchTest
    static final ArchRule recurringImportsOnlyTheDomainAndPlatform = noClasses()
            .that().resideInAPackage("io.taskbridge.recurring..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.slack..", "io.javalin..", "java.net.http..", "io.taskbridge.slack..", "io.taskbridge.api..",
                    "io.taskbridge.connector..", "io.taskbridge.sync..", "io.taskbridge.sandbox..",
                    "io.taskbridge.outbox..", "io.taskbridge.reminder..", "io.taskbridge.command..",
                    "io.taskbridge.access..", "io.taskbridge.workspace..", "io.taskbridge.intake..",
                    "io.taskbridge.audit..");
}
