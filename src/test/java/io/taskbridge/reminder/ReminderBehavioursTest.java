package io.taskbridge.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.approval.ApprovalPlan;
import io.taskbridge.approval.CompletionMode;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * README reminder behaviours end to end on the service's clock: TASKBRIDGE_REMINDER_BROADCAST
 * shows thread replies in the channel, and an approval step with a due date nudges its approver
 * by DM when the date comes. Asserted on the messages as Slack keeps them.
 */
class ReminderBehavioursTest {
    static final Instant MONDAY = Instant.parse("2026-11-23T10:00:00Z"); // 11:00 in Berlin: no quiet hours

    static Task create(RunningService svc, String title, Optional<Instant> due, String assignee) {
        TaskDraft draft = TaskDraft.titled(title).withDueDate(due).withAssignee(Optional.of(assignee));
        return svc.service.tasks().create(draft, "UCREATOR", Optional.of(SlackPlace.channel("T1", "C1")),
                Optional.empty()).task();
    }

    static String postedTs(FakeSlack slack) {
        return slack.awaitMessage(m -> m.channel().equals("C1") && m.threadTs() == null).ts();
    }

    @Test
    void withBroadcastTheDueReplyIsAlsoShownInTheChannel() {
        for (boolean broadcast : List.of(true, false)) {
            TestClock clock = new TestClock(MONDAY);
            try (FakeSlack slack = new FakeSlack();
                 RunningService svc = new RunningService(Databases.sqliteUrl(), Map.of("TASKBRIDGE_REMINDER_INTERVAL", "0.2",
                         "TASKBRIDGE_REMINDER_BROADCAST", Boolean.toString(broadcast)), slack, clock)) {
                slack.timeZone("UALICE", "Europe/Berlin");
                Instant due = MONDAY.plus(Duration.ofHours(2));
                create(svc, "Pay the rent", Optional.of(due), "UALICE");
                String ts = postedTs(slack);

                clock.set(due.plusSeconds(1));
                FakeSlack.Message reply = slack.awaitMessage(m -> ts.equals(m.threadTs()));
                assertThat(reply.broadcast()).as("TASKBRIDGE_REMINDER_BROADCAST=" + broadcast).isEqualTo(broadcast);
                assertThat(reply.seen()).contains("Pay the rent");
                slack.awaitMessage(m -> m.channel().equals("DUALICE"));
            }
        }
    }

    @Test
    void anApprovalStepWithADueDateNudgesItsApproverByDm() {
        TestClock clock = new TestClock(MONDAY);
        try (FakeSlack slack = new FakeSlack();
             RunningService svc = new RunningService(Databases.sqliteUrl(), Map.of("TASKBRIDGE_REMINDER_INTERVAL", "0.2"),
                     slack, clock)) {
            slack.timeZone("UALICE", "Europe/Berlin");
            slack.timeZone("UBOB", "Europe/Berlin");
            Task task = create(svc, "Sign the lease", Optional.empty(), "UCREATOR");
            postedTs(slack);
            Instant stepDue = MONDAY.plus(Duration.ofHours(4));
            svc.service.approvals().request(task.id(), new ApprovalPlan(List.of(
                    new ApprovalPlan.Step(List.of("UALICE", "UBOB"), CompletionMode.ALL, Optional.of(stepDue)))), "UCREATOR");
            slack.awaitMessage(m -> m.channel().equals("DUALICE"));
            slack.awaitMessage(m -> m.channel().equals("DUBOB"));
            // Bob answers before the date: only Alice is still waited for, and only she is nudged.
            svc.service.approvals().decide(task.id(), 1, 0, "UBOB", io.taskbridge.approval.Decision.APPROVE, Optional.empty());

            clock.set(stepDue.plusSeconds(1));
            FakeSlack.Message nudge = slack.awaitMessage(m -> m.channel().equals("DUALICE")
                    && m.seen().contains("waiting for your approval"));
            assertThat(nudge.seen()).contains("Sign the lease");
            io.taskbridge.testing.Quiescence.await(svc);
            assertThat(slack.channelMessages("DUBOB")).as("Bob answered: his request only, no nudge")
                    .noneMatch(m -> m.seen().contains("waiting for your approval"));
        }
    }
}
