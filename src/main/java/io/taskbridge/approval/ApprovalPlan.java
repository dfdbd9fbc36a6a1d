package io.taskbridge.approval;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What someone asks for: the steps of a new approval round, before anyone has answered. */
public record ApprovalPlan(List<Step> steps) {
    public static final int MAX_STEPS = 10;
    public static final int MAX_PARTICIPANTS = 25;

    public ApprovalPlan {
        steps = List.copyOf(steps);
    }

    /** One planned step. */
    public record Step(List<String> participants, CompletionMode mode, Optional<Instant> dueDate) {
        public Step {
            participants = List.copyOf(new java.util.LinkedHashSet<>(participants));
        }
    }
}
