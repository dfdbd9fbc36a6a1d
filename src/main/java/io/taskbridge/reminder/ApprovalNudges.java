package io.taskbridge.reminder;

import io.taskbridge.approval.ApprovalChanged;
import io.taskbridge.approval.ApprovalEvents;
import io.taskbridge.approval.ApprovalStep;
import io.taskbridge.task.ReminderKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Approval nudges: when a step with a due date waits, each approver who has not answered gets a DM
 * 24 h and 1 h before it, and at the date itself unless the step then acts (expires or escalates:
 * the approval service does that from the same tick). Re-planned in the transaction of every
 * approval event, so an answer, a delegation, the next step or the end of the round drops the
 * nudges that no longer apply.
 */
public final class ApprovalNudges implements ApprovalEvents {
    static final List<String> KINDS = List.of(ReminderKind.APPROVAL.stored(), ReminderKind.APPROVAL_DAY_BEFORE.stored(),
            ReminderKind.APPROVAL_HOUR_BEFORE.stored());

    private final ReminderPlanner planner;

    public ApprovalNudges(ReminderPlanner planner) {
        this.planner = planner;
    }

    @Override
    public void changed(ApprovalChanged event, Handle tx) {
        long taskId = event.approval().taskId();
        // A round's due dates are set when it is asked for: a round without any plans no nudge, so
        // after its request (which drops those of the rounds before it) there is nothing to drop.
        boolean dated = event.approval().steps().stream().anyMatch(s -> s.dueDate().isPresent());
        if (dated || event.kind() == ApprovalChanged.Kind.REQUESTED) {
            planner.drop(tx, taskId, KINDS);
        }
        event.approval().current().ifPresent(step -> step.dueDate()
                .filter(due -> due.isAfter(event.at()))
                .ifPresent(due -> step.waitingFor().forEach(user -> plan(tx, taskId, step, user, due, event.at()))));
    }

    private void plan(Handle tx, long taskId, ApprovalStep step, String user, Instant due, Instant now) {
        warn(tx, taskId, user, ReminderKind.APPROVAL_DAY_BEFORE, due.minus(Duration.ofHours(24)), now);
        warn(tx, taskId, user, ReminderKind.APPROVAL_HOUR_BEFORE, due.minus(Duration.ofHours(1)), now);
        if (step.onDue().isEmpty()) {
            planner.planApprovalNudge(tx, taskId, user, ReminderKind.APPROVAL, due);
        }
    }

    private void warn(Handle tx, long taskId, String user, ReminderKind kind, Instant at, Instant now) {
        if (at.isAfter(now)) {
            planner.planApprovalNudge(tx, taskId, user, kind, at);
        }
    }
}
