package io.taskbridge.approval;

import static io.taskbridge.approval.ApprovalFlowTest.newTask;
import static io.taskbridge.approval.ApprovalFlowTest.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Database;
import io.taskbridge.slack.ApprovalMessage;
import io.taskbridge.task.Status;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Deadlines that act: a step {@code due … then escalate @carol} or {@code … then expire} warns its
 * waiting approvers 24 h and 1 h before, and when the date passes escalates or expires exactly
 * once: with two instances ticking on one PostgreSQL, and with simultaneous ticks on SQLite (clocks
 * moved by the test).
 */
class ApprovalDeadlinesTest {
    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    static final Map<String, String> FAST = Map.of("TASKBRIDGE_REMINDER_INTERVAL", "0.2", "TASKBRIDGE_OUTBOX_POLL_MS", "100");

    @Test
    void twoInstancesOnOnePostgresEscalateAndExpireOnceEach() throws Exception {
        TestClock clock = new TestClock(START);
        String url = Databases.postgresUrl();
        try (FakeSlack slack = new FakeSlack();
             RunningService a = new RunningService(url, FAST, slack, clock);
             RunningService b = new RunningService(url, FAST, slack, clock)) {
            long escalates = newTask(a, "Escalating purchase");
            a.requests.command("review " + escalates + " <@UA> due in 2 days then escalate <@UCAROL>", "UCREATOR", "C1",
                    "t-esc", slack.responseUrl("esc"));
            assertThat(reply(a, "esc")).contains("then escalates to <@UCAROL>");
            long expires = newTask(b, "Expiring purchase");
            b.requests.command("review " + expires + " <@UB> due in 2 days then expire", "UCREATOR", "C1", "t-exp",
                    slack.responseUrl("exp"));
            assertThat(reply(b, "exp")).contains("then expires");
            slack.awaitButtonFor("UA", ApprovalMessage.APPROVE);
            slack.awaitButtonFor("UB", ApprovalMessage.APPROVE);

            Instant due = a.service.approvals().find(expires).orElseThrow().steps().get(0).dueDate().orElseThrow();
            assertThat(a.service.approvals().find(escalates).orElseThrow().steps().get(0).dueDate()).contains(due);
            clock.set(due.minus(Duration.ofHours(23))); // the day-before warning
            awaitCount(() -> dms(slack, "DUA", "due in 24 h") + dms(slack, "DUB", "due in 24 h"), 2);
            clock.set(due.minus(Duration.ofMinutes(30))); // the last warning
            awaitCount(() -> dms(slack, "DUA", "due in 1 h") + dms(slack, "DUB", "due in 1 h"), 2);
            assertThat(a.service.tasks().get(escalates).status()).as("not due yet").isEqualTo(Status.REVIEW);
            assertThat(slack.channelMessages("DUCAROL")).isEmpty();

            clock.set(due.plusSeconds(1)); // past the due date
            // Besides their schedules, both instances tick at once, twice each: still one action per step.
            List<Integer> acted = io.taskbridge.testing.Concurrently.run(List.<java.util.concurrent.Callable<Integer>>of(
                    () -> a.service.reminderJob().tick().approvalSteps(), () -> b.service.reminderJob().tick().approvalSteps(),
                    () -> a.service.reminderJob().tick().approvalSteps(), () -> b.service.reminderJob().tick().approvalSteps()));
            assertThat(acted.stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(2);
            slack.awaitButtonFor("UCAROL", ApprovalMessage.APPROVE);
            slack.awaitMessage(m -> m.channel().equals("DUCREATOR") && m.text().contains("approval expired"));
            slack.awaitMessage(m -> m.channel().equals("DUB") && m.seen().contains("Expired") && m.actionIds().isEmpty());
            Quiescence.await(a);
            Quiescence.await(b);
            clock.advance(Duration.ofSeconds(2)); // more ticks on both instances find nothing left to do
            Quiescence.await(a);
            Quiescence.await(b);

            assertThat(a.service.tasks().get(expires).status()).isEqualTo(Status.IN_PROGRESS);
            assertThat(a.service.approvals().find(expires).orElseThrow().state()).isEqualTo(Approval.State.EXPIRED);
            Approval escalated = a.service.approvals().find(escalates).orElseThrow();
            assertThat(escalated.state()).isEqualTo(Approval.State.PENDING);
            assertThat(escalated.steps().get(0).participants()).containsExactlyInAnyOrder("UA", "UCAROL");
            assertThat(slack.channelMessages("DUCAROL")).as("Carol is asked once").hasSize(1);
            assertThat(dms(slack, "DUCREATOR", "approval expired")).as("the creator is told once").isEqualTo(1);
            assertThat(dms(slack, "DUA", "due in 24 h")).isEqualTo(1);
            assertThat(dms(slack, "DUB", "due in 1 h")).isEqualTo(1);
            assertThat(auditActions(url, escalates)).containsOnlyOnce("approval.escalated");
            assertThat(auditActions(url, expires)).containsOnlyOnce("approval.expired");

            // Carol's approval decides the escalated step (it needs as many approvals as before).
            ApprovalChanged done = a.service.approvals().decide(escalates, 1, 0, "UCAROL", Decision.APPROVE,
                    java.util.Optional.empty());
            assertThat(done.kind()).isEqualTo(ApprovalChanged.Kind.APPROVED);
        }
    }

    @Test
    void onSqliteSimultaneousTicksExpireOnce() throws Exception {
        TestClock clock = new TestClock(START);
        String url = Databases.sqliteUrl();
        try (FakeSlack slack = new FakeSlack(); RunningService svc = new RunningService(url, FAST, slack, clock)) {
            long id = newTask(svc, "Expiring on SQLite");
            svc.requests.command("review " + id + " <@UB> due in 2 days then expire", "UCREATOR", "C1", "t-exp",
                    slack.responseUrl("exp"));
            reply(svc, "exp");
            slack.awaitButtonFor("UB", ApprovalMessage.APPROVE);
            Instant due = svc.service.approvals().find(id).orElseThrow().steps().get(0).dueDate().orElseThrow();
            clock.set(due.plusSeconds(1));
            List<Integer> acted = io.taskbridge.testing.Concurrently.run(List.<java.util.concurrent.Callable<Integer>>of(
                    () -> svc.service.reminderJob().tick().approvalSteps(), () -> svc.service.reminderJob().tick().approvalSteps(),
                    () -> svc.service.reminderJob().tick().approvalSteps()));
            assertThat(acted.stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(1);
            slack.awaitMessage(m -> m.channel().equals("DUCREATOR") && m.text().contains("approval expired"));
            Quiescence.await(svc);
            assertThat(svc.service.tasks().get(id).status()).isEqualTo(Status.IN_PROGRESS);
            assertThat(dms(slack, "DUCREATOR", "approval expired")).isEqualTo(1);
            try (Database db = Database.open(url, null, null)) {
                List<String> actions = db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT action FROM audit_events WHERE task_id = :id").bind("id", id).mapTo(String.class).list());
                assertThat(actions).containsOnlyOnce("approval.expired");
            }
        }
    }

    static int dms(FakeSlack slack, String channel, String words) {
        return (int) slack.channelMessages(channel).stream().filter(m -> m.text().contains(words) || m.seen().contains(words))
                .count();
    }

    static List<String> auditActions(String url, long taskId) {
        try (Database db = Database.open(url, "postgres", "postgres")) {
            return db.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit_events WHERE task_id = :id ORDER BY id")
                    .bind("id", taskId).mapTo(String.class).list());
        }
    }

    static void awaitCount(Supplier<Integer> count, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count.get() < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + count.get() + " of " + expected);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
