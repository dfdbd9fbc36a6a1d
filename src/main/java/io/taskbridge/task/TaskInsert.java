package io.taskbridge.task;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import io.taskbridge.platform.NewIds;
import io.taskbridge.platform.Sql;
import org.jdbi.v3.core.Handle;

/**
 * Inserts a task and its tags with plain statements on the caller's handle. Creation is the hot
 * path of {@code /task add} and of REST posts: attaching {@link TaskDao} there cost more than the
 * statements themselves (Jdbi builds a handler, with its own copy of the configuration, for every
 * method of a SqlObject on every attach), so this path does without it. The SQL is shared with
 * {@link TaskDao}, whose other methods read what this writes.
 */
final class TaskInsert {
    private static final String COLUMNS = "title, description, status, priority, assignee, created_by, due_at,"
            + " warning_seconds, slack_team, slack_channel, slack_conversation_kind, source_ts, source_permalink,"
            + " idempotency_key, created_at, updated_at, workspace";
    private static final String VALUES = ":title, :description, :status, :priority, :assignee, :createdBy, :dueAt,"
            + " :warningSeconds, :team, :channel, :kind, :sourceTs, :sourceLink, :key, :now, :now, :workspace";
    static final String INSERT = "INSERT INTO tasks (" + COLUMNS + ") VALUES (" + VALUES + ")"
            + " ON CONFLICT (idempotency_key) DO NOTHING RETURNING id";
    /**
     * INSERT, for a task whose id was {@linkplain NewIds reserved}: a plain insert, deferred with its
     * batch. A second task with the same idempotency key is refused here, which has the batch written
     * again with INSERT, whose ON CONFLICT then finds the first.
     */
    static final String INSERT_NUMBERED = "INSERT INTO tasks (id, " + COLUMNS + ") VALUES (:id, " + VALUES + ")";
    static final String INSERT_TAG = "INSERT INTO task_tags (task_id, tag, position) VALUES (:id, :tag, :position)";
    private static final Sql INSERT_SQL = Sql.of(INSERT);
    private static final Sql INSERT_NUMBERED_SQL = Sql.of(INSERT_NUMBERED);
    private static final Sql INSERT_TAG_SQL = Sql.of(INSERT_TAG);

    private TaskInsert() {}

    /**
     * Inserts {@code t} and its tags; empty when a task with the same idempotency key exists already
     * (the caller reads that one).
     */
    static Optional<Task> insert(Handle tx, Task t, Optional<String> idempotencyKey) {
        OptionalLong reserved = NewIds.take(tx, "tasks");
        Optional<Long> id;
        if (reserved.isPresent()) {
            bound(INSERT_NUMBERED_SQL.on(tx).bind("id", reserved.getAsLong()), t, idempotencyKey).deferAhead();
            id = Optional.of(reserved.getAsLong());
        } else {
            id = bound(INSERT_SQL.on(tx), t, idempotencyKey).oneLong();
        }
        id.ifPresent(made -> insertTags(tx, made, t.tags()));
        return id.map(made -> asStored(t, made));
    }

    private static Sql.Run bound(Sql.Run insert, Task t, Optional<String> idempotencyKey) {
        return insert
                .bind("title", t.title())
                .bind("description", t.description().orElse(null))
                .bind("status", t.status().name())
                .bind("priority", t.priority().name())
                .bind("assignee", t.assignee().orElse(null))
                .bind("createdBy", t.createdBy())
                .bind("dueAt", t.dueDate().map(Instant::toEpochMilli).orElse(null))
                .bind("warningSeconds", t.warning().map(Duration::getSeconds).orElse(null))
                .bind("team", t.slack().map(SlackPlace::teamId).orElse(null))
                .bind("channel", t.slack().map(SlackPlace::channelId).orElse(null))
                .bind("kind", t.slack().flatMap(SlackPlace::kind).orElse(null))
                .bind("sourceTs", t.slack().flatMap(SlackPlace::source).map(SlackPlace.Source::ts).orElse(null))
                .bind("sourceLink", t.slack().flatMap(SlackPlace::source).flatMap(SlackPlace.Source::permalink).orElse(null))
                .bind("key", idempotencyKey.orElse(null))
                .bind("now", t.createdAt().toEpochMilli())
                .bind("workspace", t.workspace().value());
    }

    /**
     * Writes {@code tags} of task {@code id} in their order, with one prepared statement; deferred
     * ({@link Sql.Run#defer}), so a group commit writes a whole batch's tags in one round trip.
     */
    static void insertTags(Handle tx, long id, List<String> tags) {
        for (int i = 0; i < tags.size(); i++) {
            INSERT_TAG_SQL.on(tx).bind("id", id).bind("tag", tags.get(i)).bind("position", i).defer();
        }
    }

    /**
     * The row just inserted from {@code t}, as {@link TaskDao#find} would read it back (times to the
     * millisecond, warnings to the second, no message yet, version 0), without reading it back.
     */
    private static Task asStored(Task t, long id) {
        Instant created = Instant.ofEpochMilli(t.createdAt().toEpochMilli());
        return new Task(id, t.title(), t.description(), t.status(), t.priority(), t.assignee(), t.createdBy(),
                t.dueDate().map(d -> Instant.ofEpochMilli(d.toEpochMilli())),
                t.warning().map(w -> Duration.ofSeconds(w.getSeconds())), List.copyOf(t.tags()), created, created,
                t.slack().map(p -> new SlackPlace(p.teamId(), p.channelId(), Optional.empty(), p.kind(), p.source())), 0,
                t.workspace());
    }
}
