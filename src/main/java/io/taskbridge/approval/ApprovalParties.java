package io.taskbridge.approval;

import java.util.Optional;
import java.util.Set;

/**
 * Who takes part in a task's latest approval round: its approvers (on every step, delegates
 * included) and who asked for it (empty for rounds from before that was recorded). What a
 * permission check needs, read in one statement ({@link ApprovalService#parties}).
 */
public record ApprovalParties(Set<String> approvers, Optional<String> requestedBy) {
    public ApprovalParties {
        approvers = Set.copyOf(approvers);
        requestedBy = requestedBy.filter(u -> !u.isEmpty());
    }
}
