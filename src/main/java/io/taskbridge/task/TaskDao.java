package io.taskbridge.task;

import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.platform.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/** Tasks and their tags. Attach to a transaction's handle; every write here is one statement. */
@RegisterRowMapper(TaskRow.class)
public interface TaskDao extends SqlObject {

    @SqlQuery("INSERT INTO tasks (title, description, status, priority, assignee, created_by, due_at, warning_seconds,"
            + " slack_team, slack_channel, slack_conversation_kind, source_ts, source_permalink,"
            + " idempotency_key, created_at, updated_at, workspace)"
            + " VALUES (:title, :description, :status, :priority, :assignee, :createdBy, :dueAt, :warningSeconds,"
            + " :team, :channel, :kind, :sourceTs, :sourceLink, :key, :now, :now, :workspace)"
            + " ON CONFLICT (idempotency_key) DO NOTHING RETURNING id")
    Optional<Long> insertRow(@Bind("title") String title, @Bind("description") String description,
            @Bind("status") String status, @Bind("priority") String priority, @Bind("assignee") String assignee,
            @Bind("createdBy") String createdBy, @Bind("dueAt") Long dueAt, @Bind("warningSeconds") Long warningSeconds,
            @Bind("team") String team, @Bind("channel") String channel, @Bind("kind") String kind,
            @Bind("sourceTs") String sourceTs, @Bind("sourceLink") String sourceLink, @Bind("key") String idempotencyKey,
            @Bind("now") long now, @Bind("workspace") String workspace);

    /** Which task system holds the task: 'builtin' for this database. */
    @SqlQuery("SELECT connection FROM tasks WHERE id = :id")
    Optional<String> connection(@Bind("id") long id);

    /** Whether the task's latest approval round still waits for answers (the approval package owns the round). */
    @SqlQuery("SELECT COUNT(*) > 0 FROM tasks WHERE id = :id AND approval_state = 'PENDING'")
    boolean awaitingApproval(@Bind("id") long id);

    @SqlQuery("SELECT id FROM tasks WHERE idempotency_key = :key")
    Optional<Long> idForKey(@Bind("key") String idempotencyKey);

    @SqlQuery("SELECT " + TaskRow.COLUMNS + " FROM tasks WHERE id = :id")
    Optional<Task> findRow(@Bind("id") long id);

    @SqlUpdate("UPDATE tasks SET title = :title, description = :description, status = :status, priority = :priority,"
            + " assignee = :assignee, due_at = :dueAt, warning_seconds = :warningSeconds, updated_at = :now,"
            + " version = version + 1 WHERE id = :id AND version = :expected")
    int updateRow(@Bind("id") long id, @Bind("expected") long expectedVersion, @Bind("title") String title,
            @Bind("description") String description, @Bind("status") String status, @Bind("priority") String priority,
            @Bind("assignee") String assignee, @Bind("dueAt") Long dueAt, @Bind("warningSeconds") Long warningSeconds,
            @Bind("now") long now);

    /** Records the posted message's ts once; a second writer does not overwrite the first. */
    @SqlUpdate("UPDATE tasks SET slack_ts = :ts WHERE id = :id AND slack_ts IS NULL")
    int setSlackTs(@Bind("id") long id, @Bind("ts") String ts);

    /** Records the kind of the task's conversation once it is known (it never changes after). */
    @SqlUpdate("UPDATE tasks SET slack_conversation_kind = :kind WHERE id = :id AND slack_conversation_kind IS NULL")
    int setConversationKind(@Bind("id") long id, @Bind("kind") String kind);

    /** Deletes a task that has no Slack message; its tags go with it. 0 when there was none such. */
    @SqlUpdate("DELETE FROM tasks WHERE id = :id AND slack_channel IS NULL")
    int deleteRow(@Bind("id") long id);

    @SqlUpdate("DELETE FROM task_tags WHERE task_id = :id")
    void deleteTags(@Bind("id") long id);

    @SqlBatch("INSERT INTO task_tags (task_id, tag, position) VALUES (:id, :tag, :position)")
    void insertTags(@Bind("id") long id, @Bind("tag") List<String> tags, @Bind("position") List<Integer> positions);

    @SqlQuery("SELECT task_id, tag FROM task_tags WHERE task_id IN (<ids>) ORDER BY task_id, position")
    @UseRowMapper(TagRow.Mapper.class)
    List<TagRow> tagRows(@BindList("ids") List<Long> ids);

    /** One tag of one task. */
    record TagRow(long taskId, String tag) {
        /** Public for Jdbi's reflection. */
        public static final class Mapper implements RowMapper<TagRow> {
            @Override
            public TagRow map(ResultSet rs, StatementContext ctx) throws SQLException {
                return new TagRow(rs.getLong("task_id"), rs.getString("tag"));
            }
        }
    }

    /** Inserts a task, or finds the one made earlier with the same idempotency key. */
    default Inserted insert(Task t, Optional<String> idempotencyKey) {
        Optional<Long> id = insertRow(t.title(), t.description().orElse(null), t.status().name(), t.priority().name(),
                t.assignee().orElse(null), t.createdBy(), millis(t.dueDate()), seconds(t.warning()),
                t.slack().map(s -> s.teamId()).orElse(null), t.slack().map(s -> s.channelId()).orElse(null),
                t.slack().flatMap(SlackPlace::kind).orElse(null),
                t.slack().flatMap(SlackPlace::source).map(SlackPlace.Source::ts).orElse(null),
                t.slack().flatMap(SlackPlace::source).flatMap(SlackPlace.Source::permalink).orElse(null),
                idempotencyKey.orElse(null), t.createdAt().toEpochMilli(),
                t.workspace().value());
        if (id.isEmpty()) {
            long existing = idForKey(idempotencyKey.orElseThrow()).orElseThrow();
            return new Inserted(find(existing).orElseThrow(), false);
        }
        insertTags(id.get(), t.tags());
        return new Inserted(asStored(t, id.get()), true);
    }

    /**
     * The row just inserted from {@code t}, as {@link #find} would read it back (times to the
     * millisecond, warnings to the second, no message yet, version 0), without reading it back.
     */
    private static Task asStored(Task t, long id) {
        Instant created = Instant.ofEpochMilli(t.createdAt().toEpochMilli());
        return new Task(id, t.title(), t.description(), t.status(), t.priority(), t.assignee(), t.createdBy(),
                t.dueDate().map(d -> Instant.ofEpochMilli(d.toEpochMilli())),
                t.warning().map(w -> Duration.ofSeconds(w.getSeconds())), List.copyOf(t.tags()), created, created,
                t.slack().map(p -> new SlackPlace(p.teamId(), p.channelId(), Optional.empty(), p.kind(), p.source())), 0, t.workspace());
    }

    record Inserted(Task task, boolean created) {}

    default Optional<Task> find(long id) {
        return findRow(id).map(t -> withTags(List.of(t)).get(0));
    }

    /** Writes {@code t}'s fields if the stored version is still {@code t.version()}; false if it moved on. */
    default boolean update(Task t) {
        int rows = updateRow(t.id(), t.version(), t.title(), t.description().orElse(null), t.status().name(),
                t.priority().name(), t.assignee().orElse(null), millis(t.dueDate()), seconds(t.warning()),
                t.updatedAt().toEpochMilli());
        if (rows == 0) {
            return false;
        }
        writeTags(t.id(), t.tags());
        return true;
    }

    /** The tasks {@code q} selects, of {@code workspace} only when one is given, that {@code viewer} may see (all when empty). */
    default List<Task> query(TaskQuery q, Optional<WorkspaceId> workspace, Optional<Viewer> viewer) {
        return withTags(TaskSql.select(getHandle(), q, workspace, viewer).map(new TaskRow()).list());
    }

    default int count(TaskQuery q, Optional<WorkspaceId> workspace, Optional<Viewer> viewer) {
        return TaskSql.count(getHandle(), q, workspace, viewer).mapTo(Integer.class).one();
    }

    private void writeTags(long id, List<String> tags) {
        deleteTags(id);
        insertTags(id, tags);
    }

    private void insertTags(long id, List<String> tags) {
        if (!tags.isEmpty()) {
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < tags.size(); i++) {
                positions.add(i);
            }
            insertTags(id, tags, positions);
        }
    }

    private List<Task> withTags(List<Task> tasks) {
        if (tasks.isEmpty()) {
            return tasks;
        }
        Map<Long, List<String>> tags = new LinkedHashMap<>();
        for (TagRow row : tagRows(tasks.stream().map(Task::id).toList())) {
            tags.computeIfAbsent(row.taskId(), k -> new ArrayList<>()).add(row.tag());
        }
        return tasks.stream().map(t -> new Task(t.id(), t.title(), t.description(), t.status(), t.priority(),
                t.assignee(), t.createdBy(), t.dueDate(), t.warning(), tags.getOrDefault(t.id(), List.of()),
                t.createdAt(), t.updatedAt(), t.slack(), t.version(), t.workspace())).toList();
    }

    private static Long millis(Optional<Instant> i) {
        return i.map(Instant::toEpochMilli).orElse(null);
    }

    private static Long seconds(Optional<Duration> d) {
        return d.map(Duration::getSeconds).orElse(null);
    }
}
