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
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/** Tasks and their tags. Attach to a transaction's handle; every write here is one statement. */
@RegisterRowMapper(TaskRow.class)
public interface TaskDao extends SqlObject {

    /** Which task system holds the task: 'builtin' for this database. */
    @SqlQuery("SELECT connection FROM tasks WHERE id = :id")
    Optional<String> connection(@Bind("id") long id);

    /** Whether the task's latest approval round still waits for answers (the approval package owns the round). */
    @SqlQuery("SELECT COUNT(*) > 0 FROM tasks WHERE id = :id AND approval_state = 'PENDING'")
    boolean awaitingApproval(@Bind("id") long id);

    @SqlQuery("SELECT id FROM tasks WHERE idempotency_key = :key")
    Optional<Long> idForKey(@Bind("key") String idempotencyKey);

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

    /** The task and its tags, with plain statements ({@link TaskRead}): every click and command reads one. */
    default Optional<Task> find(long id) {
        return TaskRead.find(getHandle(), id);
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
        TaskInsert.insertTags(getHandle(), id, tags);
    }

    private List<Task> withTags(List<Task> tasks) {
        if (tasks.isEmpty()) {
            return tasks;
        }
        Map<Long, List<String>> tags = new LinkedHashMap<>();
        for (TagRow row : tagRows(tasks.stream().map(Task::id).toList())) {
            tags.computeIfAbsent(row.taskId(), k -> new ArrayList<>()).add(row.tag());
        }
        return tasks.stream().map(t -> t.withTags(tags.getOrDefault(t.id(), List.of()))).toList();
    }

    private static Long millis(Optional<Instant> i) {
        return i.map(Instant::toEpochMilli).orElse(null);
    }

    private static Long seconds(Optional<Duration> d) {
        return d.map(Duration::getSeconds).orElse(null);
    }
}
