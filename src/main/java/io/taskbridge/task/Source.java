package io.taskbridge.task;

/**
 * Which entry point a change came through: what the audit trail records as "from where". Each
 * surface stamps its own on the services it is given ({@link TaskService#via}); a change made by the
 * service itself, with no surface in between, is {@link #SYSTEM}.
 */
public enum Source {
    /** A slash command, a button, a form or a reminder button in Slack (and the /try sandbox). */
    SLACK,
    /** The REST API under /v1. */
    REST,
    /** A task system's webhook. */
    WEBHOOK,
    /** A poll of a task system. */
    POLL,
    /** A Slack workflow step. */
    WORKFLOW,
    /** A schedule of the service's own: the next occurrence of a recurring task. */
    SCHEDULE,
    /** The service itself, with no surface in between. */
    SYSTEM;

    /** The word the audit trail shows: {@code slack}, {@code rest}, … */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
