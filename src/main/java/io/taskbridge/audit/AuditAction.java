package io.taskbridge.audit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an audit row records; stored and exported as its {@link #word()} ({@code task.created}, …). */
public enum AuditAction {
    TASK_CREATED,
    TASK_STATUS,
    TASK_ASSIGNED,
    TASK_RESCHEDULED,
    TASK_EDITED,
    APPROVAL_REQUESTED,
    APPROVAL_ANSWERED,
    APPROVAL_STEP_ADVANCED,
    APPROVAL_APPROVED,
    APPROVAL_REJECTED,
    APPROVAL_COMMENTED,
    APPROVAL_GROUP_EXPANDED,
    APPROVAL_DELEGATED,
    APPROVAL_ESCALATED,
    APPROVAL_EXPIRED;

    /** Made once: every audit row asks for it, and {@code replaceFirst} compiles its pattern each time. */
    private final String word = name().toLowerCase(Locale.ROOT).replaceFirst("_", ".");

    /** {@code TASK_CREATED} is {@code task.created}. */
    public String word() {
        return word;
    }

    static Optional<AuditAction> ofWord(String word) {
        return Arrays.stream(values()).filter(a -> a.word().equals(word)).findFirst();
    }
}
