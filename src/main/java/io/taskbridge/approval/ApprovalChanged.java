package io.taskbridge.approval;

import io.taskbridge.task.Source;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something happened to a task's approval. {@code connection} and {@code externalId} say which
 * task system holds the task, so a decision can be handed on to it; {@code source} which entry point
 * the change came through (stamped by {@link ApprovalService#via}).
 */
public record ApprovalChanged(Kind kind, Approval approval, Optional<ApprovalResponse> response, int decidedStep,
                              String actor, Instant at, String connection, Optional<String> externalId,
                              Source source) {
    public ApprovalChanged {
        Objects.requireNonNull(source, "source");
    }

    /** An event the service stamps with its source as it is announced. */
    public ApprovalChanged(Kind kind, Approval approval, Optional<ApprovalResponse> response, int decidedStep,
                           String actor, Instant at, String connection, Optional<String> externalId) {
        this(kind, approval, response, decidedStep, actor, at, connection, externalId, Source.SYSTEM);
    }

    public ApprovalChanged withSource(Source from) {
        return new ApprovalChanged(kind, approval, response, decidedStep, actor, at, connection, externalId, from);
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
        /** Someone rejected: the task goes back to its creator. */
        REJECTED
    }

    public boolean finished() {
        return kind == Kind.APPROVED || kind == Kind.REJECTED;
    }

    /** True when the step that now waits was just reached (a new round, or the next step). */
    public boolean asksNewParticipants() {
        return kind == Kind.REQUESTED || kind == Kind.STEP_ADVANCED;
    }
}
