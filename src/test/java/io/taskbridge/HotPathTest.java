package io.taskbridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The writes every {@code /task add} makes (the task and its tags, its reminders, its audit row,
 * its Slack post) are {@link io.taskbridge.platform.Sql} statements on the transaction's handle.
 * Attaching a Jdbi SqlObject builds a handler for each of its methods every time, and a Jdbi
 * statement copies its configuration and is prepared again each time; both cost more than SQLite's
 * own work on this path (JFR, and {@code bench/run.sh serialab}). These rules keep a later change
 * from bringing either back.
 */
@AnalyzeClasses(packages = "io.taskbridge", importOptions = ImportOption.DoNotIncludeTests.class)
class HotPathTest {

    private static final ArchCondition<JavaMethod> ATTACH_A_SQL_OBJECT = calling("attach a SqlObject", Handle.class, Set.of("attach"));

    private static final ArchCondition<JavaMethod> ATTACH_OR_MAKE_A_JDBI_STATEMENT = calling(
            "attach a SqlObject or make a Jdbi statement", Handle.class,
            Set.of("attach", "createUpdate", "createQuery", "prepareBatch", "createScript", "createCall", "execute"));

    private static ArchCondition<JavaMethod> calling(String description, Class<?> owner, Set<String> methods) {
        return new ArchCondition<>(description) {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                for (JavaMethodCall call : method.getMethodCallsFromSelf()) {
                    if (call.getTargetOwner().isEquivalentTo(owner) && methods.contains(call.getName())) {
                        events.add(SimpleConditionEvent.satisfied(method, call.getDescription()));
                    }
                }
            }
        };
    }

    /**
     * SQLite's connections keep no generated keys (sqlite-jdbc would run a statement of its own after
     * every INSERT to have them; {@code Database} turns that off), so a new row's id comes back
     * through {@code RETURNING}: nothing may ask for generated keys.
     */
    @ArchTest
    static final ArchRule newIdsComeBackThroughReturning = noMethods()
            .should().beAnnotatedWith(org.jdbi.v3.sqlobject.statement.GetGeneratedKeys.class)
            .orShould(calling("ask for generated keys", org.jdbi.v3.core.statement.Update.class,
                    Set.of("executeAndReturnGeneratedKeys")))
            .orShould(calling("ask for generated keys", org.jdbi.v3.core.statement.PreparedBatch.class,
                    Set.of("executeAndReturnGeneratedKeys", "executePreparedBatch")))
            .orShould(calling("ask for generated keys", java.sql.Statement.class, Set.of("getGeneratedKeys")))
            .orShould(calling("ask for generated keys", java.sql.PreparedStatement.class, Set.of("getGeneratedKeys")));

    @ArchTest
    static final ArchRule taskInsertUsesPlainStatements = noMethods()
            .that().areDeclaredInClassesThat().haveFullyQualifiedName("io.taskbridge.task.TaskInsert")
            .should(ATTACH_OR_MAKE_A_JDBI_STATEMENT);

    @ArchTest
    static final ArchRule auditAppendUsesPlainStatements = noMethods()
            .that().areDeclaredIn(io.taskbridge.audit.AuditTrail.class)
            .should(ATTACH_OR_MAKE_A_JDBI_STATEMENT);

    @ArchTest
    static final ArchRule outboxEnqueueUsesPlainStatements = noMethods()
            .that().areDeclaredIn(io.taskbridge.outbox.Outbox.class).and().haveName("enqueue")
            .should(ATTACH_OR_MAKE_A_JDBI_STATEMENT);

    @ArchTest
    static final ArchRule defaultDigestUsesPlainStatements = noMethods()
            .that().areDeclaredIn(io.taskbridge.reminder.Digests.class).and().haveName("ensure")
            .should(ATTACH_OR_MAKE_A_JDBI_STATEMENT);

    /** Every task change asks which of the people it concerns have opened their App Home. */
    @ArchTest
    static final ArchRule homeRefreshUsesPlainStatements = noMethods()
            .that().areDeclaredInClassesThat().haveFullyQualifiedName("io.taskbridge.slack.HomeRefresh")
            .and().haveName("touched")
            .should(ATTACH_OR_MAKE_A_JDBI_STATEMENT);

    @ArchTest
    static final ArchRule reminderPlanningUsesPlainStatements = noMethods()
            .that().areDeclaredIn(io.taskbridge.reminder.ReminderPlanner.class).and().haveName("changed")
            .should(ATTACH_OR_MAKE_A_JDBI_STATEMENT);

    private static final ArchCondition<JavaMethod> USE_A_DAO = calling("use a SqlObject DAO",
            io.taskbridge.platform.Daos.class, Set.of("on"));

    /**
     * An Approve or Reject click: the decision's reads and writes, what concluding the step writes,
     * and every listener that hears the decision in its transaction. This is the group commit's
     * leader's work, which the other clicks of its batch wait for.
     */
    @ArchTest
    static final ArchRule decisionUsesPlainStatements = noMethods()
            .that(named("io.taskbridge.approval.ApprovalService", "record")
                    .or(named("io.taskbridge.approval.ApprovalWrite", ".*"))
                    .or(named("io.taskbridge.approval.StepEdits", "conclude"))
                    .or(named("io.taskbridge.reminder.ApprovalNudges", ".*"))
                    .or(named("io.taskbridge.reminder.ReminderPlanner", "planApprovalNudge|drop|plan"))
                    .or(named("io.taskbridge.slack.ApprovalNotifier", "changed"))
                    .or(named("io.taskbridge.sync.BackendApprovals", "changed"))
                    .or(named("io.taskbridge.slack.StepExecutions", "changed")))
            .should(ATTACH_OR_MAKE_A_JDBI_STATEMENT).orShould(USE_A_DAO);

    /** Methods of the class {@code className} whose names match {@code names}. */
    private static DescribedPredicate<JavaMethod> named(String className, String names) {
        return DescribedPredicate.describe(className + "." + names, m -> m.getOwner().getName().equals(className)
                && m.getName().matches(names));
    }

    private static final ArchCondition<JavaMethod> OPEN_AN_EXTENSION = calling("attach a SqlObject through Jdbi",
            org.jdbi.v3.core.Jdbi.class, Set.of("withExtension", "useExtension", "onDemand"));

    /**
     * Every click and command first reads its task, and the permission check of an Approve click
     * reads who takes part in its approval ({@code parties}), each on a handle of its own: an
     * attach there built the whole DAO's handlers for one read.
     */
    @ArchTest
    static final ArchRule taskReadAttachesNothing = noMethods()
            .that().areDeclaredIn(io.taskbridge.task.TaskService.class).and().haveName("find")
            .should(OPEN_AN_EXTENSION);

    @ArchTest
    static final ArchRule approvalReadAttachesNothing = noMethods()
            .that().areDeclaredIn(io.taskbridge.approval.ApprovalService.class).and().haveName("find")
            .should(OPEN_AN_EXTENSION);

    @ArchTest
    static final ArchRule partiesReadAttachesNothing = noMethods()
            .that().areDeclaredIn(io.taskbridge.approval.ApprovalService.class).and().haveName("parties")
            .should(OPEN_AN_EXTENSION);

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
