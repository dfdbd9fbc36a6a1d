package io.taskbridge.outbox;

/**
 * A share of the outbox that one worker thread delivers, so that lanes never wait on each other:
 * Slack messages in one, task-system deliveries in another (a task system that hangs holds up only
 * its own lane). Within a lane, each pass takes at most one due row per {@code fairnessKey}, so a
 * channel with thousands of queued rows gets one turn like any other instead of being worked through
 * first. Rows carry their workspace (V13), but keying the Slack lane by it alone would give a
 * single-workspace install one Slack message per pass, so the key stays the channel. The SQL pieces are constants of this class.
 */
public record Lane(String name, String filter, String fairnessKey) {
    /** Rows of one channel share a turn; a row without a channel (a DM, a task-system call) has one of its own. */
    public static final String BY_CHANNEL = "COALESCE(channel, CAST(id AS TEXT))";

    /** Everything in one lane (for tests and a single-threaded set-up). */
    public static Lane all() {
        return new Lane("all", "1 = 1", BY_CHANNEL);
    }

    /** Every Slack message. */
    public static Lane slack() {
        return new Lane("slack", "kind <> '" + OutboxMessage.BackendDecision.KIND + "'", BY_CHANNEL);
    }

    /** Deliveries to task systems (Workiva's actionSubmission and the like). */
    public static Lane taskSystems() {
        return new Lane("task-systems", "kind = '" + OutboxMessage.BackendDecision.KIND + "'", BY_CHANNEL);
    }

    /** The same lane, with its turns shared out by another key (a column or expression of {@code outbox}). */
    public Lane fairBy(String key) {
        return new Lane(name, filter, key);
    }
}
