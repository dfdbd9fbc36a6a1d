package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.approval.ApprovalDao;
import io.taskbridge.approval.ApprovalEvents;
import io.taskbridge.approval.ApprovalPlan;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.approval.CompletionMode;
import io.taskbridge.approval.Decision;
import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxCodec;
import io.taskbridge.platform.Database;
import io.taskbridge.platform.Json;
import io.taskbridge.platform.PreparedStatements;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.task.TaskEvents;
import io.taskbridge.task.TaskService;
import io.taskbridge.testing.Databases;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A decision (and a step's edit, such as a hand-over) hands the approvers it read to the task change
 * it announces, so the Slack notifier touches their App Homes without reading them again
 * ({@link ApprovalDao#APPROVERS}); any other change to a task in review still reads them. Either way each approver who opened their home has
 * it queued.
 */
class DecisionHomesTest {

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aDecisionTouchesTheApproversHomesWithoutReadingThemAgain(Databases.Kind kind) {
        try (Database db = Databases.open(kind)) {
            Jdbi jdbi = db.jdbi();
            Clock clock = Clock.systemUTC();
            Outbox outbox = new Outbox(new OutboxCodec(Json.mapper()), clock, row -> { });
            HomeRefresh homes = new HomeRefresh(outbox, clock);
            TaskEvents taskEvents = TaskEvents.all(List.of(new SlackNotifier(outbox, homes)));
            TaskService tasks = new TaskService(jdbi, clock, taskEvents);
            // The approval's own listener is left out: what is queued here is the task change's doing.
            ApprovalService approvals = new ApprovalService(jdbi, clock, taskEvents, ApprovalEvents.all(List.of()));
            AtomicInteger approverReads = new AtomicInteger();
            jdbi.getConfig(PreparedStatements.class).observe(sql -> {
                if (sql.equals(ApprovalDao.APPROVERS)) {
                    approverReads.incrementAndGet();
                }
            });

            Task task = tasks.create(TaskDraft.titled("Contract"), "UCREATOR", Optional.empty(), Optional.empty()).task();
            jdbi.useHandle(h -> {
                h.attach(AppHomeDao.class).opened(task.workspace().value(), "UANN", 1L);
                h.attach(AppHomeDao.class).opened(task.workspace().value(), "UBEN", 1L);
                h.attach(AppHomeDao.class).opened(task.workspace().value(), "UCAL", 1L);
            });
            approvals.request(task.id(), new ApprovalPlan(List.of(
                    new ApprovalPlan.Step(List.of("UANN"), CompletionMode.ONE, Optional.empty()),
                    new ApprovalPlan.Step(List.of("UBEN"), CompletionMode.ONE, Optional.empty()))), "UCREATOR");
            assertThat(approverReads.get()).as("a request is a task change: it reads them").isEqualTo(1);
            clearHomes(jdbi);

            approverReads.set(0);
            approvals.decide(task.id(), 1, 0, "UANN", Decision.APPROVE, Optional.empty());
            assertThat(approverReads.get()).as("the decision read them already").isZero();
            assertThat(homesQueued(jdbi)).as("both approvers' homes").containsExactlyInAnyOrder("UANN", "UBEN");

            clearHomes(jdbi);
            approvals.delegate(task.id(), 1, 1, "UBEN", "UCAL", "UBEN");
            assertThat(approverReads.get()).as("a hand-over reads the round, and hands its approvers on too").isZero();
            assertThat(homesQueued(jdbi)).as("UBEN's place went to UCAL").containsExactlyInAnyOrder("UANN", "UCAL");

            clearHomes(jdbi);
            tasks.change(task.id(), "UCREATOR", draft -> draft.withTitle("Contract, signed"));
            assertThat(approverReads.get()).as("an edit of a task in review reads them").isEqualTo(1);
            assertThat(homesQueued(jdbi)).containsExactlyInAnyOrder("UANN", "UCAL");
        }
    }

    private static void clearHomes(Jdbi jdbi) {
        jdbi.useHandle(h -> h.execute("DELETE FROM outbox WHERE kind = 'home_view'"));
    }

    private static List<String> homesQueued(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT payload FROM outbox WHERE kind = 'home_view'")
                .mapTo(String.class).list()).stream()
                .map(payload -> List.of("UANN", "UBEN", "UCAL").stream().filter(payload::contains).findFirst().orElse(payload))
                .toList();
    }
}
