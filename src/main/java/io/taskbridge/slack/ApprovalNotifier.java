package io.taskbridge.slack;

import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.approval.ApprovalChanged;
import io.taskbridge.approval.ApprovalEvents;
import io.taskbridge.approval.ApprovalStep;
import io.taskbridge.slack.SlackText;
import io.taskbridge.task.TaskDao;
import io.taskbridge.task.Task;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Turns approval events into outbox rows, in the transaction of the decision: requests to the
 * approvers now asked, an update of every message showing the round, word to the creator when it
 * ends, and the App Home of everyone it concerns ({@link HomeRefresh}). Every row has a key naming
 * the decision it came from, so it is queued once. (What the task
 * system that holds the task hears is {@code sync.BackendApprovals}'.)
 */
public final class ApprovalNotifier implements ApprovalEvents {
    private final Outbox outbox;
    private final HomeRefresh homes;

    public ApprovalNotifier(Outbox outbox, HomeRefresh homes) {
        this.outbox = outbox;
        this.homes = homes;
    }

    @Override
    public void changed(ApprovalChanged e, Handle tx) {
        long taskId = e.approval().taskId();
        int round = e.approval().round();
        Task task = tx.attach(TaskDao.class).find(taskId).orElseThrow();
        // Every approver's home shows what waits for them; the creator's and assignee's show the task.
        java.util.List<String> concerned = new java.util.ArrayList<>(java.util.List.of(task.createdBy()));
        task.assignee().ifPresent(concerned::add);
        e.approval().steps().forEach(s -> concerned.addAll(s.participants()));
        homes.touched(tx, task.workspace(), concerned);
        if (e.asksNewParticipants()) {
            e.approval().current().ifPresent(step -> ask(tx, task, round, step));
        }
        if (e.response().isPresent()) {
            outbox.enqueue(tx, task.workspace(), new OutboxMessage.ApprovalSync(taskId, round),
                    Optional.of("approval_sync:" + taskId + ":" + round), Optional.empty());
        }
        if (e.finished()) {
            String outcome = e.kind() == ApprovalChanged.Kind.APPROVED
                    ? ":white_check_mark: Task #" + taskId + " “" + SlackText.escape(task.title(), 200) + "” was approved."
                    : ":x: Task #" + taskId + " “" + SlackText.escape(task.title(), 200) + "” was rejected by <@" + e.actor()
                            + ">" + e.response().flatMap(r -> r.comment()).map(c -> ": “" + SlackText.escape(c, 500) + "”")
                            .orElse(".") + " It is back with you to rework.";
            outbox.enqueue(tx, task.workspace(), new OutboxMessage.Notice(task.createdBy(), outcome),
                    Optional.of("approval_result:" + taskId + ":" + round), Optional.empty());
            outbox.enqueue(tx, task.workspace(), new OutboxMessage.ThreadNote(taskId, outcome),
                    Optional.of("approval_result_note:" + taskId + ":" + round), Optional.empty());
        }
    }

    private void ask(Handle tx, Task task, int round, ApprovalStep step) {
        for (String user : step.participants()) {
            outbox.enqueue(tx, task.workspace(), new OutboxMessage.ApprovalRequest(task.id(), round, step.position(), user),
                    Optional.of("approval_request:" + task.id() + ":" + round + ":" + step.position() + ":" + user),
                    Optional.empty());
        }
        String who = String.join(", ", step.participants().stream().map(u -> "<@" + u + ">").toList());
        outbox.enqueue(tx, task.workspace(), new OutboxMessage.ThreadNote(task.id(), ":ballot_box_with_check: Approval requested from "
                        + who + (step.participants().size() > 1
                        ? (step.mode() == io.taskbridge.approval.CompletionMode.ALL ? " (everyone must approve)" : " (any one of them)")
                        : "") + "."),
                Optional.of("approval_note:" + task.id() + ":" + round + ":" + step.position()), Optional.empty());
    }
}
