package io.taskbridge.slack;

import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.approval.ApprovalChanged;
import io.taskbridge.approval.ApprovalEvents;
import io.taskbridge.approval.ApprovalGroup;
import io.taskbridge.approval.ApprovalStep;
import io.taskbridge.slack.SlackText;
import io.taskbridge.task.Task;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Turns approval events into outbox rows, in the transaction of the event: requests to the
 * approvers now asked (a new step's, a group's members, a delegate, an escalation's approver), the
 * look-up of a new step's user groups, an update of every message showing the round, word to whoever
 * is affected (the creator when it ends, an approver who handed over), and the App Home of
 * everyone it concerns ({@link HomeRefresh}). Every row has a key naming the
 * event it came from, so it is queued once. (What the task system that holds the task hears is
 * {@code sync.BackendApprovals}'.)
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
        Task task = e.task();
        // Every approver's home shows what waits for them; the creator's and assignee's show the task.
        java.util.List<String> concerned = new java.util.ArrayList<>(java.util.List.of(task.createdBy()));
        task.assignee().ifPresent(concerned::add);
        e.approval().steps().forEach(s -> concerned.addAll(s.participants()));
        concerned.addAll(e.people()); // who handed over their place, too
        homes.touched(tx, task.workspace(), concerned);
        e.approval().current().ifPresent(step -> {
            ask(tx, task, round, step, e.newlyAsked());
            if (e.kind() == ApprovalChanged.Kind.REQUESTED || e.kind() == ApprovalChanged.Kind.STEP_ADVANCED) {
                note(tx, task, round, step);
                for (ApprovalGroup group : step.unexpanded()) {
                    outbox.enqueue(tx, task.workspace(), new OutboxMessage.GroupExpansion(taskId, round, step.position(),
                                    group.id()),
                            Optional.of("approval_group:" + taskId + ":" + round + ":" + step.position() + ":" + group.id()),
                            Optional.empty());
                }
            }
        });
        if (e.kind() != ApprovalChanged.Kind.REQUESTED) {
            outbox.enqueue(tx, task.workspace(), new OutboxMessage.ApprovalSync(taskId, round),
                    Optional.of("approval_sync:" + taskId + ":" + round), Optional.empty());
        }
        String subject = "Task #" + taskId + " “" + SlackText.escape(task.title(), 200) + "”";
        String key = taskId + ":" + round + ":" + e.decidedStep() + ":" + e.at().toEpochMilli();
        switch (e.kind()) {
            case DELEGATED -> tell(tx, task, e.people().get(0), ":handshake: " + subject + ": your place as approver"
                    + " went to <@" + e.people().get(1) + ">" + (e.actor().equals(e.people().get(0)) ? ""
                    : " (by <@" + e.actor() + ">)") + ". You will still see how it goes.", "approval_delegated:" + key);
            case ESCALATED -> thread(tx, task, ":rotating_light: " + subject + " passed its approval due date; "
                    + (e.people().isEmpty() ? "its escalation approver was already asked."
                    : "asked " + people(e.people()) + " to decide too."), "approval_escalated:" + key);
            case GROUP_EXPANDED -> thread(tx, task, ":busts_in_silhouette: Approval requested from " + people(e.people())
                    + " (" + ApprovalMessage.groupNames(e.approval().steps().get(e.decidedStep()).groups()) + ").",
                    "approval_group_note:" + key);
            case APPROVED, REJECTED, EXPIRED, REQUESTED, ANSWERED, STEP_ADVANCED -> { }
        }
        if (e.finished()) {
            String outcome = switch (e.kind()) {
                case APPROVED -> ":white_check_mark: " + subject + " was approved.";
                case EXPIRED -> ":hourglass: " + subject + "'s approval expired: nobody decided by its due date."
                        + " It is back with you, in progress.";
                default -> ":x: " + subject + " was rejected by <@" + e.actor() + ">"
                        + e.response().flatMap(r -> r.comment()).map(c -> ": “" + SlackText.escape(c, 500) + "”")
                        .orElse(".") + " It is back with you to rework.";
            };
            tell(tx, task, task.createdBy(), outcome, "approval_result:" + taskId + ":" + round);
            thread(tx, task, outcome, "approval_result_note:" + taskId + ":" + round);
        }
    }

    private void ask(Handle tx, Task task, int round, ApprovalStep step, List<String> users) {
        for (String user : users) {
            outbox.enqueue(tx, task.workspace(), new OutboxMessage.ApprovalRequest(task.id(), round, step.position(), user),
                    Optional.of("approval_request:" + task.id() + ":" + round + ":" + step.position() + ":" + user),
                    Optional.empty());
        }
    }

    private void note(Handle tx, Task task, int round, ApprovalStep step) {
        if (step.participants().isEmpty()) {
            return; // only groups: their note comes when their members are known
        }
        String who = people(step.participants());
        String how = step.participants().size() > 1 ? " (" + (step.mode().isAll() ? "everyone must approve"
                : step.needed() == 1 ? "any one of them" : "any " + step.needed() + " of them") + ")" : "";
        thread(tx, task, ":ballot_box_with_check: Approval requested from " + who + how + ".",
                "approval_note:" + task.id() + ":" + round + ":" + step.position());
    }

    private void tell(Handle tx, Task task, String user, String text, String key) {
        outbox.enqueue(tx, task.workspace(), new OutboxMessage.Notice(user, text), Optional.of(key), Optional.empty());
    }

    private void thread(Handle tx, Task task, String text, String key) {
        outbox.enqueue(tx, task.workspace(), new OutboxMessage.ThreadNote(task.id(), text), Optional.of(key), Optional.empty());
    }

    private static String people(List<String> ids) {
        return String.join(", ", ids.stream().map(u -> "<@" + u + ">").toList());
    }
}
