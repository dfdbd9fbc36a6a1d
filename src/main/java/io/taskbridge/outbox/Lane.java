package io.taskbridge.outbox;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A share of the outbox that one worker thread delivers, so that lanes never wait on each other:
 * Slack messages in one, task-system deliveries in another (a task system that hangs holds up only
 * its own lane).
 *
 * <p>Within a lane, turns are taken at two levels: first by {@code turnKey} (the workspace), then by
 * {@code fairnessKey} (the channel). A pass takes the oldest due row of every channel, then orders
 * those heads so that each workspace's oldest comes first, then each workspace's second, and so on.
 * So a workspace with 10,000 posts queued over many channels gets one turn per round like any other
 * workspace, and within it a crowded channel gets one turn like any other channel. With a single
 * workspace the order is the one a channel-only turn gives (oldest head first), and a pass takes as
 * many rows as before. An install that can only ever have one workspace (a single bot token, no
 * sandbox beside it) drops the outer level ({@link #oneWorkspace()}), so its pass runs the same
 * statement as before workspaces took turns: ranking the heads costs a sort of them that it never needs.
 */
public record Lane(String name, Kinds kinds, Optional<String> turnKey, String fairnessKey) {
    /** Which kinds of row a lane delivers. */
    public enum Kinds {
        ALL, SLACK, TASK_SYSTEMS;

        /** The same, as an SQL condition on {@code outbox}. */
        String filter() {
            return switch (this) {
                case ALL -> "1 = 1";
                case SLACK -> "kind NOT IN " + TASK_SYSTEM_KINDS;
                case TASK_SYSTEMS -> "kind IN " + TASK_SYSTEM_KINDS;
            };
        }

        /** Whether a row of {@code kind} is this lane's. */
        public boolean take(String kind) {
            boolean taskSystem = TASK_SYSTEM.contains(kind);
            return switch (this) {
                case ALL -> true;
                case SLACK -> !taskSystem;
                case TASK_SYSTEMS -> taskSystem;
            };
        }
    }

    /** Rows of one channel share a turn; a row without a channel (a DM, a task-system call) has one of its own. */
    public static final String BY_CHANNEL = "COALESCE(channel, CAST(id AS TEXT))";
    /** Rows of one workspace share the outer turn (rows from before workspaces are all in {@code '~'}). */
    public static final String BY_WORKSPACE = "workspace";

    /**
     * The Slack lane and the task-systems lane, taking turns by workspace when the install may serve
     * several ({@code manyWorkspaces}: multi-workspace mode, or the sandbox beside a real workspace).
     */
    public static java.util.List<Lane> lanes(boolean manyWorkspaces) {
        return java.util.List.of(slack(), taskSystems()).stream()
                .map(lane -> manyWorkspaces ? lane : lane.oneWorkspace()).toList();
    }

    /** Everything in one lane (for tests and a single-threaded set-up). */
    public static Lane all() {
        return new Lane("all", Kinds.ALL, Optional.of(BY_WORKSPACE), BY_CHANNEL);
    }

    /** The kinds of {@link OutboxMessage.ForTaskSystem}. */
    static final Set<String> TASK_SYSTEM = Set.of(OutboxMessage.BackendDecision.KIND, OutboxMessage.BackendReview.KIND);
    /** The same, as an SQL list (in a fixed order, so the lane's query text is always the same). */
    static final String TASK_SYSTEM_KINDS = TASK_SYSTEM.stream().sorted().map(k -> "'" + k + "'")
            .collect(Collectors.joining(", ", "(", ")"));

    /** Every Slack message. */
    public static Lane slack() {
        return new Lane("slack", Kinds.SLACK, Optional.of(BY_WORKSPACE), BY_CHANNEL);
    }

    /** Deliveries to task systems (reviews set up and decisions submitted: Workiva's approval steps and actionSubmission). */
    public static Lane taskSystems() {
        return new Lane("task-systems", Kinds.TASK_SYSTEMS, Optional.of(BY_WORKSPACE), BY_CHANNEL);
    }

    /** The same lane, with the inner turns shared out by another key (a column or expression of {@code outbox}). */
    public Lane fairBy(String key) {
        return new Lane(name, kinds, turnKey, key);
    }

    /** The same lane, with the outer turns shared out by another key (a column or expression of {@code outbox}). */
    public Lane turnsBy(String key) {
        return new Lane(name, kinds, Optional.of(key), fairnessKey);
    }

    /** The same lane for an install with one workspace: turns by channel only. */
    public Lane oneWorkspace() {
        return new Lane(name, kinds, Optional.empty(), fairnessKey);
    }

    /**
     * The rows of one pass (binds {@code :now} and {@code :limit}): the oldest due row of each
     * (turn, fairness) pair, ranked within its turn key by age, taken rank by rank. Portable: window
     * functions run on SQLite (3.25 and later) and PostgreSQL alike.
     */
    String dueSql(String columns) {
        return dueSql(columns, "1 = 1");
    }

    /** The same, of the rows that also meet {@code also} (an SQL condition on {@code outbox}). */
    String dueSql(String columns, String also) {
        String due = "WHERE state = 'pending' AND next_attempt_at <= :now AND lease_until < :now AND (" + kinds.filter() + ")"
                + " AND (" + also + ")";
        if (turnKey.isEmpty()) {
            return "SELECT " + columns + " FROM outbox WHERE id IN (SELECT MIN(id) FROM outbox " + due
                    + " GROUP BY " + fairnessKey + ") ORDER BY next_attempt_at, id LIMIT :limit";
        }
        String outer = turnKey.get();
        return "SELECT " + columns + " FROM (SELECT " + columns + ", ROW_NUMBER() OVER (PARTITION BY " + outer
                + " ORDER BY next_attempt_at, id) AS turn FROM outbox WHERE id IN (SELECT MIN(id) FROM outbox " + due
                + " GROUP BY " + outer + ", " + fairnessKey + ")) heads ORDER BY turn, next_attempt_at, id LIMIT :limit";
    }
}
