package io.taskbridge.sync;

import io.taskbridge.approval.ApprovalChanged;
import io.taskbridge.approval.ApprovalEvents;
import io.taskbridge.approval.ApprovalStep;
import io.taskbridge.connector.Backends;
import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.task.Task;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Hands approvals of a task held in a task system on to that system, through the outbox, in the
 * transaction of the change: a review asked for here becomes the review there (its steps created,
 * the task submitted), and each step's outcome becomes one decision there: the step approved (when
 * one approver is enough, or the last of "all" approves) or the round rejected. A response that
 * leaves its step waiting is Slack's business alone, so the task system, which hears the
 * connection's own user once per step, never gets a second answer to a step.
 */
public final class BackendApprovals implements ApprovalEvents {
    private final Outbox outbox;

    public BackendApprovals(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void changed(ApprovalChanged e, Handle tx) {
        if (e.connection().equals(Backends.BUILTIN) || e.externalId().isEmpty()) {
            return;
        }
        long taskId = e.approval().taskId();
        int round = e.approval().round();
        Task task = e.task();
        if (e.kind() == ApprovalChanged.Kind.REQUESTED) {
            outbox.enqueue(tx, task.workspace(), new OutboxMessage.BackendReview(taskId, e.connection(),
                            e.externalId().get(), round, e.approval().steps().stream().map(ApprovalStep::dueDate).toList()),
                    Optional.of(OutboxMessage.BackendReview.key(taskId)), Optional.empty());
        } else if (endsStep(e.kind()) && e.response().isPresent()) {
            var r = e.response().get();
            outbox.enqueue(tx, task.workspace(), new OutboxMessage.BackendDecision(taskId, e.connection(),
                            e.externalId().get(), r.decision().name(), r.comment().orElse(null), r.userId()),
                    Optional.of("backend_decision:" + taskId + ":" + round + ":" + e.decidedStep()), Optional.empty());
        }
    }

    /** Whether a change of this kind is a step's outcome: approved (then the next, or the end) or rejected. */
    static boolean endsStep(ApprovalChanged.Kind kind) {
        return kind == ApprovalChanged.Kind.STEP_ADVANCED || kind == ApprovalChanged.Kind.APPROVED
                || kind == ApprovalChanged.Kind.REJECTED;
    }
}
