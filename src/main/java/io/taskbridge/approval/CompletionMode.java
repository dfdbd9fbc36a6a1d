package io.taskbridge.approval;

/** How a step completes: ONE participant's approval, or ALL of them (Workiva's completionMode). */
public enum CompletionMode {
    ONE,
    ALL
}
