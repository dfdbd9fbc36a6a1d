package io.taskbridge.approval;

/** What a participant answered. A REJECT by anyone on the current step rejects the task. */
public enum Decision {
    APPROVE,
    REJECT;

    public String pastTense() {
        return this == APPROVE ? "approved" : "rejected";
    }
}
