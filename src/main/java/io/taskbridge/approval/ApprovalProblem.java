package io.taskbridge.approval;

/** Why an approval request or decision was refused; the message is for the person who asked. */
public final class ApprovalProblem extends RuntimeException {
    private final Kind kind;

    /** The closed set of refusals, so callers can answer each the right way (ephemeral text, 403, 409, 422). */
    public enum Kind { INVALID, NOT_PARTICIPANT, ALREADY_ANSWERED, NOT_WAITING, NO_APPROVAL }

    public ApprovalProblem(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
