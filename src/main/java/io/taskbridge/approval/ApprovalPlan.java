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

    /**
     * One planned step: people, user groups (expanded when the step starts), how many must approve,
     * when it is due and what happens then.
     */
    public record Step(List<String> participants, CompletionMode mode, Optional<Instant> dueDate,
                       List<ApprovalGroup> groups, Optional<DueAction> onDue) {
        public Step {
            participants = List.copyOf(new java.util.LinkedHashSet<>(participants));
            groups = List.copyOf(groups);
        }

        /** People only, nothing happening at the due date. */
        public Step(List<String> participants, CompletionMode mode, Optional<Instant> dueDate) {
            this(participants, mode, dueDate, List.of(), Optional.empty());
        }
    }
}
