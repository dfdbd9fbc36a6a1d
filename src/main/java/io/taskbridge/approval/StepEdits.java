package io.taskbridge.approval;

import io.taskbridge.platform.Daos;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskChanged;
import io.taskbridge.task.TaskEvents;
import io.taskbridge.task.TaskProblem;
import io.taskbridge.task.TaskRead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Changes to the people of a waiting step, each inside a transaction it is given: a delegation, a
 * user group's expansion, a due date's escalation or expiry. Each first claims the step with the
 * same compare-and-set a decision uses, so it applies only to the step that waits now, and a
 * decision at the same moment goes before or after it, never in between.
 */
final class StepEdits {
    /** Who the trail names when the schedule acts (an escalation, an expiry, a group's expansion). */
    static final String SCHEDULE_ACTOR = "taskbridge";

    private final TaskEvents taskEvents;
    private final ApprovalEvents approvalEvents;

    StepEdits(TaskEvents taskEvents, ApprovalEvents approvalEvents) {
        this.taskEvents = taskEvents;
        this.approvalEvents = approvalEvents;
    }

    /** {@code from} hands their place on step {@code position} to {@code to}; {@code actor} did it. */
    ApprovalChanged delegate(Handle tx, long taskId, int round, int position, String from, String to, String actor,
                             Instant now) {
        ApprovalDao approvals = Daos.on(tx, ApprovalDao.class);
        ApprovalWrite.Claimed claimed = claim(tx, taskId, round, position, now);
        Task before = claimed.task();
        ApprovalStep step = step(tx, claimed, position);
        if (!step.isParticipant(from)) {
            throw new ApprovalProblem(ApprovalProblem.Kind.NOT_PARTICIPANT, "<@" + from + "> is not an approver of the"
                    + " step that waits on task #" + taskId + ", so there is no place to hand over. Nothing was changed.");
        }
        if (step.responseOf(from).isPresent()) {
            throw new ApprovalProblem(ApprovalProblem.Kind.ALREADY_ANSWERED, "<@" + from + "> already answered this step"
                    + " of task #" + taskId + "; an answer can't be handed over. Nothing was changed.");
        }
        if (from.equals(to) || step.isParticipant(to)) {
            throw new ApprovalProblem(ApprovalProblem.Kind.INVALID, "<@" + to + "> is already an approver of this step"
                    + " of task #" + taskId + ". Pick someone else.");
        }
        approvals.handOver(taskId, round, position, from, to);
        return announce(tx, ApprovalChanged.Kind.DELEGATED, taskId, position, actor, now, before, List.of(from, to));
    }

    /**
     * The members of {@code group} join the step, once (a second expansion of the same group changes
     * nothing and returns empty, as does a step that no longer waits). Nobody in {@code excluded}
     * (the creator, who asked) joins. A count larger than the step's people is lowered to them.
     */
    Optional<ApprovalChanged> expandGroup(Handle tx, long taskId, int round, int position, String groupId,
                                          List<String> members, List<String> excluded, Instant now) {
        ApprovalDao approvals = Daos.on(tx, ApprovalDao.class);
        Optional<ApprovalWrite.Claimed> claimed = claimed(tx, taskId, round, position, now);
        if (claimed.isEmpty() || approvals.markExpanded(taskId, round, position, groupId, now.toEpochMilli()) == 0) {
            return Optional.empty();
        }
        Task before = claimed.get().task();
        ApprovalStep step = step(tx, claimed.get(), position);
        List<String> joined = new ArrayList<>();
        for (String member : members) {
            if (!step.isParticipant(member) && !excluded.contains(member) && !joined.contains(member)) {
                approvals.insertParticipant(taskId, round, position, member);
                joined.add(member);
            }
        }
        int people = step.participants().size() + joined.size();
        step.mode().count().filter(n -> n > people && people > 0)
                .ifPresent(n -> approvals.setRequired(taskId, round, position, people));
        ApprovalChanged expanded = announce(tx, ApprovalChanged.Kind.GROUP_EXPANDED, taskId, position, SCHEDULE_ACTOR, now,
                before, joined);
        settle(tx, taskId, position, now);
        return Optional.of(expanded);
    }

    /**
     * Decides a step whose last group has just been looked up, when the answers it already has
     * decide it: the people on it before may all have approved, or rejected it out of reach (a step is
     * not settled while a group is pending, see {@link ApprovalStep#approved}). A step left with
     * nobody to ask (the group was empty, or only its creator and asker) ends the round as expired,
     * so the creator is told instead of the request waiting for no one.
     */
    private void settle(Handle tx, long taskId, int position, Instant now) {
        List<ApprovalStep> steps = ApprovalRead.find(tx, taskId).orElseThrow().steps();
        ApprovalStep step = steps.get(position);
        if (!step.unexpanded().isEmpty()) {
            return;
        }
        Task before = TaskRead.find(tx, taskId).orElseThrow();
        Optional<ApprovalChanged.Kind> kind;
        if (step.participants().isEmpty()) {
            ApprovalWrite.finish(tx, taskId, Approval.State.EXPIRED);
            kind = Optional.of(ApprovalChanged.Kind.EXPIRED);
        } else {
            kind = conclude(tx, taskId, position, step, steps.size());
        }
        kind.ifPresent(k -> announce(tx, k, taskId, position, SCHEDULE_ACTOR, now, before, List.of()));
    }

    /**
     * What {@code step}'s answers make of it, written: rejected ends the round with the task back in
     * progress; approved moves to the next step or ends the round (of {@code steps} steps) with the
     * task done; empty while it still waits.
     */
    static Optional<ApprovalChanged.Kind> conclude(Handle tx, long taskId, int position, ApprovalStep step, int steps) {
        if (step.rejected()) {
            ApprovalWrite.finish(tx, taskId, Approval.State.REJECTED);
            return Optional.of(ApprovalChanged.Kind.REJECTED);
        }
        if (!step.approved()) {
            return Optional.empty();
        }
        if (position + 1 < steps) {
            ApprovalWrite.advance(tx, taskId, position + 1);
            return Optional.of(ApprovalChanged.Kind.STEP_ADVANCED);
        }
        ApprovalWrite.finish(tx, taskId, Approval.State.APPROVED);
        return Optional.of(ApprovalChanged.Kind.APPROVED);
    }

    /**
     * {@code answered} (the round as read, with the new answer on step {@code position}) as
     * {@link #conclude} left it, that conclusion being {@code kind}: ended, moved on, or as it was.
     */
    static Approval concluded(Approval answered, int position, ApprovalChanged.Kind kind) {
        return switch (kind) {
            case APPROVED -> answered.withHead(Approval.State.APPROVED, answered.currentStep());
            case REJECTED -> answered.withHead(Approval.State.REJECTED, answered.currentStep());
            case STEP_ADVANCED -> answered.withHead(Approval.State.PENDING, position + 1);
            default -> answered;
        };
    }

    /**
     * The due-date action of a step, once: empty when another instance (or an earlier tick) took it,
     * or the step no longer waits.
     */
    Optional<ApprovalChanged> actOnDue(Handle tx, ApprovalDao.DueStep due, Instant now) {
        ApprovalDao approvals = Daos.on(tx, ApprovalDao.class);
        long taskId = due.taskId();
        if (approvals.claimDueAction(taskId, due.round(), due.position(), now.toEpochMilli()) == 0) {
            return Optional.empty();
        }
        Optional<ApprovalWrite.Claimed> claimed = claimed(tx, taskId, due.round(), due.position(), now);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Task before = claimed.get().task();
        ApprovalStep step = step(tx, claimed.get(), due.position());
        DueAction action = step.onDue().orElseThrow();
        if (action instanceof DueAction.Escalate escalate) {
            List<String> added = step.isParticipant(escalate.userId()) ? List.of() : List.of(escalate.userId());
            if (step.mode().isAll()) {
                approvals.setRequired(taskId, due.round(), due.position(), step.needed());
            }
            added.forEach(user -> approvals.insertParticipant(taskId, due.round(), due.position(), user));
            return Optional.of(announce(tx, ApprovalChanged.Kind.ESCALATED, taskId, due.position(), SCHEDULE_ACTOR, now,
                    before, added));
        }
        ApprovalWrite.finish(tx, taskId, Approval.State.EXPIRED);
        return Optional.of(announce(tx, ApprovalChanged.Kind.EXPIRED, taskId, due.position(), SCHEDULE_ACTOR, now,
                before, step.waitingFor()));
    }

    private static ApprovalWrite.Claimed claim(Handle tx, long taskId, int round, int position, Instant now) {
        return claimed(tx, taskId, round, position, now).orElseGet(() -> {
            TaskRead.find(tx, taskId).orElseThrow(() -> new TaskProblem.NotFound(taskId));
            throw new ApprovalProblem(ApprovalProblem.Kind.NOT_WAITING, "Task #" + taskId
                    + " is not waiting at that step any more, so nothing was handed over.");
        });
    }

    /**
     * The step's claim ({@link ApprovalWrite#claimStep}): the task as it left it, with its tags, and
     * the task's approval columns; empty when that step no longer waits.
     */
    private static Optional<ApprovalWrite.Claimed> claimed(Handle tx, long taskId, int round, int position, Instant now) {
        return ApprovalWrite.claimStep(tx, taskId, round, position, now.toEpochMilli())
                .map(c -> new ApprovalWrite.Claimed(TaskRead.tagged(tx, c.task()), c.head()));
    }

    /**
     * Step {@code position} of the round {@code claimed} names, as it stands now: read under the
     * approval columns the claim returned, not read again.
     */
    private static ApprovalStep step(Handle tx, ApprovalWrite.Claimed claimed, int position) {
        return ApprovalRead.round(tx, claimed.head()).orElseThrow().approval().steps().get(position);
    }

    private ApprovalChanged announce(Handle tx, ApprovalChanged.Kind kind, long taskId, int position, String actor,
                                     Instant now, Task before, List<String> people) {
        Task after = TaskRead.find(tx, taskId).orElseThrow();
        ApprovalRead.Round read = ApprovalRead.round(tx, taskId).orElseThrow(); // the head once, with the round
        ApprovalDao.Head head = read.head();
        ApprovalChanged event = new ApprovalChanged(kind, read.approval(), after, Optional.empty(),
                position, actor, now, head.connection(), head.externalId()).about(people);
        // As a decision does: the approvers just read go with the task change, not read again by its listeners.
        taskEvents.changed(new TaskChanged(Optional.of(before), after, actor, now).withApprovers(read.approval().people()), tx);
        approvalEvents.changed(event, tx);
        return event;
    }
}
