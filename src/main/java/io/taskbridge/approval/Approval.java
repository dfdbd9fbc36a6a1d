package io.taskbridge.approval;

import io.taskbridge.task.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A task's approval: ordered steps, the one now waiting, and where it ended. {@code round} counts
 * requests for the same task; asking again after a rejection starts a new round.
 */
public record Approval(long taskId, int round, State state, int currentStep, List<ApprovalStep> steps) {

    public Approval {
        steps = List.copyOf(steps);
    }

    /** Where an approval is. */
    public enum State {
        PENDING,
        APPROVED,
        REJECTED,
        /** The due date of a step that said {@code then expire} passed before it was decided. */
        EXPIRED;

        public String label() {
            return name().toLowerCase();
        }

        /** The status of the task while its approval is here: in review while pending, done once approved, else back in progress. */
        public Status taskStatus() {
            return switch (this) {
                case PENDING -> Status.REVIEW;
                case APPROVED -> Status.DONE;
                case REJECTED, EXPIRED -> Status.IN_PROGRESS;
            };
        }
    }

    /** The step waiting for answers, while the approval is pending. */
    public Optional<ApprovalStep> current() {
        return state == State.PENDING && currentStep < steps.size() ? Optional.of(steps.get(currentStep)) : Optional.empty();
    }

    /** The same steps under another head: where a decision has moved the approval. */
    public Approval withHead(State state, int currentStep) {
        return new Approval(taskId, round, state, currentStep, steps);
    }

    /** The same approval with {@code step} in place of the step at its position. */
    public Approval withStep(ApprovalStep step) {
        List<ApprovalStep> changed = new ArrayList<>(steps);
        changed.set(step.position(), step);
        return new Approval(taskId, round, state, currentStep, changed);
    }

    /** The approvers of every step, step by step ({@link ApprovalDao#APPROVERS} reads the same from the database). */
    public List<String> people() {
        return steps.stream().flatMap(s -> s.participants().stream()).toList();
    }

    /** True when {@code userId} may answer now: a participant of the current step who has not answered. */
    public boolean awaits(String userId) {
        return current().map(s -> s.isParticipant(userId) && s.responseOf(userId).isEmpty()).orElse(false);
    }
}
