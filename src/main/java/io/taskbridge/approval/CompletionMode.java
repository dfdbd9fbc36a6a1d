package io.taskbridge.approval;

import java.util.Optional;

/**
 * How many approvals a step needs: a count ({@link #ONE} is a count of one; {@code any 2} is
 * {@link #anyOf}(2)), or {@link #ALL}, every participant the step has when it is decided. Workiva's
 * completionMode ONE/ALL are the two ends of it.
 */
public record CompletionMode(Optional<Integer> count) {
    public static final CompletionMode ONE = new CompletionMode(Optional.of(1));
    public static final CompletionMode ALL = new CompletionMode(Optional.empty());

    public CompletionMode {
        if (count.filter(n -> n < 1).isPresent()) {
            throw new IllegalArgumentException("a step needs at least one approval");
        }
    }

    /** Any {@code n} of the step's approvers. */
    public static CompletionMode anyOf(int n) {
        return new CompletionMode(Optional.of(n));
    }

    public boolean isAll() {
        return count.isEmpty();
    }

    /** Approvals needed from a step of {@code participants} people. */
    public int needed(int participants) {
        return count.orElse(participants);
    }

    /**
     * True when {@code rejections} fail a step of {@code participants}: when it can no longer reach
     * its count. A count of one keeps its old rule: one rejection is a veto.
     */
    public boolean failedBy(int rejections, int participants) {
        if (rejections == 0) {
            return false;
        }
        return count.filter(n -> n == 1).isPresent() || participants - rejections < needed(participants);
    }

    /** The stored mode word: {@code ONE}, {@code ALL} or {@code ANY} (with the count beside it). */
    public String stored() {
        return isAll() ? "ALL" : count.get() == 1 ? "ONE" : "ANY";
    }

    /** "any one", "everyone", "any 2": for messages and the audit trail. */
    public String words() {
        return isAll() ? "everyone" : count.get() == 1 ? "any one" : "any " + count.get();
    }

    /** A form's or a step input's value: {@code ONE}, {@code ALL} (any case) or a count such as {@code 2}. */
    public static Optional<CompletionMode> parse(String value) {
        String v = value.strip().toUpperCase(java.util.Locale.ROOT);
        if (v.equals("ONE") || v.equals("ALL")) {
            return Optional.of(v.equals("ONE") ? ONE : ALL);
        }
        try {
            int n = Integer.parseInt(v);
            return n >= 1 && n <= ApprovalPlan.MAX_PARTICIPANTS ? Optional.of(anyOf(n)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Reads {@code ONE}, {@code ALL} or a count back (the forms' option values are {@link #stored()} plus a count). */
    public static CompletionMode of(String mode, Optional<Integer> required) {
        return required.map(CompletionMode::anyOf).orElse("ONE".equals(mode) ? ONE : ALL);
    }
}
