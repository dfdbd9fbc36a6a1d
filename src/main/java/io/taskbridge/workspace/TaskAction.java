package io.taskbridge.workspace;

/** What a person does to a task from Slack (and what a REST principal does as an approver). */
public enum TaskAction {
    SEE(""),
    START("start"),
    DONE("complete"),
    CANCEL("cancel"),
    REDATE("change the due date of"),
    RETITLE("rename"),
    REASSIGN("reassign"),
    ASK_REVIEW("ask for a review of"),
    APPROVE("approve"),
    REJECT("reject");

    private final String verb;

    TaskAction(String verb) {
        this.verb = verb;
    }

    /** The words in "only the creator, the assignee or an admin can … task #N". */
    String verb() {
        return verb;
    }

    boolean isDecision() {
        return this == APPROVE || this == REJECT;
    }
}
