package io.taskbridge.approval;

import io.taskbridge.task.Source;
import io.taskbridge.task.Task;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something happened to a task's approval. {@code task} is the task as the change left it (the
 * listeners, in the same transaction, need not read it again). {@code connection} and {@code externalId} say which
 * task system holds the task, so a decision can be handed on to it; {@code source} which entry point
 * the change came through (stamped by {@link ApprovalService#via}). {@code people} are who the event
 * is about besides the actor: the members a group brought ({@link Kind#GROUP_EXPANDED}), the one who
 * handed over and the one who took over ({@link Kind#DELEGATED}), the approver added ({@link Kind#ESCALATED}).
 */
public record ApprovalChanged(Kind kind, Approval approval, Task task, Optional<ApprovalResponse> response,
                              int decidedStep, String actor, Instant at, String connection, Optional<String> externalId,
                              Source source, List<String> people) {
    public ApprovalChanged {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(source, "source");
        people = List.copyOf(people);
    }

    /** An event the service stamps with its source as it is announced. */
    public ApprovalChanged(Kind kind, Approval approval, Task task, Optional<ApprovalResponse> response, int decidedStep,
                           String actor, Instant at, String connection, Optional<String> externalId) {
        this(kind, approval, task, response, decidedStep, actor, at, connection, externalId, Source.SYSTEM, List.of());
    }

    public ApprovalChanged withSource(Source from) {
        return new ApprovalChanged(kind, approval, task, response, decidedStep, actor, at, connection, externalId, from,
                people);
    }

    /** The same event about {@code who}. */
    ApprovalChanged about(List<String> who) {
        return new ApprovalChanged(kind, approval, task, response, decidedStep, actor, at, connection, externalId, source,
                who);
    }

    /** What happened. */
    public enum Kind {
        /** A new round started: the first step's participants are asked. */
        REQUESTED,
        /** Someone answered; the step still waits for others. */
        ANSWERED,
        /** The step was approved and the next step's participants are asked. */
        STEP_ADVANCED,
        /** The last step was approved: the task is done. */
        APPROVED,
        /** Someone rejected and the step can no longer be approved: the task goes back to its creator. */
        REJECTED,
        /** A user group's members joined the waiting step ({@code people}) and are asked. */
        GROUP_EXPANDED,
        /** An approver handed their place to someone else ({@code people}: from, to); the new one is asked. */
        DELEGATED,
        /** The step's due date passed: an approver was added ({@code people}) and is asked. */
        ESCALATED,
        /** The step's due date passed: the round ended unanswered and the task went back to its creator. */
        EXPIRED
    }

    public boolean finished() {
        return kind == Kind.APPROVED || kind == Kind.REJECTED || kind == Kind.EXPIRED;
    }

    /** People asked by this event who were not asked before (the whole step for a new step). */
    public List<String> newlyAsked() {
        return switch (kind) {
            case REQUESTED, STEP_ADVANCED -> approval.current().map(ApprovalStep::participants).orElse(List.of());
            case GROUP_EXPANDED, ESCALATED -> people;
            case DELEGATED -> people.subList(1, people.size());
            case ANSWERED, APPROVED, REJECTED, EXPIRED -> List.of();
        };
    }
}
