package io.taskbridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.jdbi.v3.core.Handle;

/**
 * The writes every {@code /task add} makes (the task and its tags, its reminders, its audit row,
 * its Slack post) use plain statements on the transaction's handle. Attaching a Jdbi SqlObject
 * builds a handler for each of its methods every time, which cost more than the statements on this
 * path (JFR, and {@code bench/run.sh ack}); this rule keeps a later change from bringing one back.
 */
@AnalyzeClasses(packages = "io.taskbridge", importOptions = ImportOption.DoNotIncludeTests.class)
class HotPathTest {

    private static final ArchCondition<JavaMethod> ATTACH_A_SQL_OBJECT = new ArchCondition<>("attach a SqlObject") {
        @Override
        public void check(JavaMethod method, ConditionEvents events) {
            for (JavaMethodCall call : method.getMethodCallsFromSelf()) {
                if (call.getTargetOwner().isEquivalentTo(Handle.class) && call.getName().equals("attach")) {
                    events.add(SimpleConditionEvent.satisfied(method, call.getDescription()));
                }
            }
        }
    };

    @ArchTest
    static final ArchRule taskInsertAttachesNothing = noMethods()
            .that().areDeclaredInClassesThat().haveFullyQualifiedName("io.taskbridge.task.TaskInsert")
            .should(ATTACH_A_SQL_OBJECT);

    @ArchTest
    static final ArchRule auditAppendAttachesNothing = noMethods()
            .that().areDeclaredIn(io.taskbridge.audit.AuditTrail.class)
            .should(ATTACH_A_SQL_OBJECT);

    @ArchTest
    static final ArchRule outboxEnqueueAttachesNothing = noMethods()
            .that().areDeclaredIn(io.taskbridge.outbox.Outbox.class).and().haveNameStartingWith("enqueue")
            .should(ATTACH_A_SQL_OBJECT);

    @ArchTest
    static final ArchRule defaultDigestAttachesNothing = noMethods()
            .that().areDeclaredIn(io.taskbridge.reminder.Digests.class).and().haveName("ensure")
            .should(ATTACH_A_SQL_OBJECT);

    /** Every task change asks which of the people it concerns have opened their App Home. */
    @ArchTest
    static final ArchRule homeRefreshAttachesNothing = noMethods()
            .that().areDeclaredInClassesThat().haveFullyQualifiedName("io.taskbridge.slack.HomeRefresh")
            .and().haveName("touched")
            .should(ATTACH_A_SQL_OBJECT);

    @ArchTest
    static final ArchRule reminderPlanningAttachesNothing = noMethods()
            .that().areDeclaredIn(io.taskbridge.reminder.ReminderPlanner.class).and().haveName("changed")
            .should(ATTACH_A_SQL_OBJECT);

    /**
     * Everywhere else a DAO comes from {@code Daos.on}: attached once per handle, so the work of a
     * group commit's batch (a decision, a task change and its listeners) attaches each DAO once,
     * not once per write and listener.
     */
    @ArchTest
    static final ArchRule onlyDaosAttaches = noMethods()
            .that().areDeclaredInClassesThat().doNotHaveFullyQualifiedName("io.taskbridge.platform.Daos")
            .should(ATTACH_A_SQL_OBJECT);
}
