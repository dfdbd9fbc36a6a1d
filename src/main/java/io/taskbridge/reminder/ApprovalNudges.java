package io.taskbridge.reminder;

import io.taskbridge.approval.ApprovalChanged;
import io.taskbridge.approval.ApprovalEvents;
import io.taskbridge.reminder.ReminderDao;
import io.taskbridge.task.ReminderKind;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Approval nudges: when a step with a due date waits, each approver who has not answered gets a DM
 * at that date. Re-planned in the transaction of every approval event, so an answer, the next
 * step or the end of the round drops the nudges that no longer apply.
 */
public final class ApprovalNudges implements ApprovalEvents {
    private final ReminderPlanner planner;

    public ApprovalNudges(ReminderPlanner planner) {
        this.planner = planner;
    }

    @Override
    public void changed(ApprovalChanged event, Handle tx) {
        long taskId = event.approval().taskId();
        tx.attach(ReminderDao.class).drop(taskId, List.of(ReminderKind.APPROVAL.stored()));
        event.approval().current().ifPresent(step -> step.dueDate()
                .filter(due -> due.isAfter(event.at()))
                .ifPresent(due -> step.waitingFor().forEach(user -> planner.planApprovalNudge(tx, taskId, user, due))));
    }
}
