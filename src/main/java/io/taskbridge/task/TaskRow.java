package io.taskbridge.task;

import io.taskbridge.task.Priority;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.platform.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@code tasks} row (public only because Jdbi instantiates it reflectively); tags come from {@code task_tags} and are filled in by {@link TaskDao} and {@link TaskRead}. */
public final class TaskRow implements RowMapper<Task> {
    static final String COLUMNS = "id, title, description, status, priority, assignee, created_by, due_at, "
            + "warning_seconds, slack_team, slack_channel, slack_ts, slack_conversation_kind, source_ts, source_permalink, created_at, updated_at, version, workspace";

    @Override
    public Task map(ResultSet rs, StatementContext ctx) throws SQLException {
        String channel = rs.getString("slack_channel");
        Optional<String> permalink = Optional.ofNullable(rs.getString("source_permalink"));
        Optional<SlackPlace> slack = channel == null ? Optional.empty()
                : Optional.of(new SlackPlace(Optional.ofNullable(rs.getString("slack_team")).orElse(""), channel,
                        Optional.ofNullable(rs.getString("slack_ts")),
                        Optional.ofNullable(rs.getString("slack_conversation_kind")),
                        Optional.ofNullable(rs.getString("source_ts")).map(ts -> new SlackPlace.Source(ts, permalink))));
        return new Task(
                rs.getLong("id"),
                rs.getString("title"),
                Optional.ofNullable(rs.getString("description")),
                Status.valueOf(rs.getString("status")),
                Priority.valueOf(rs.getString("priority")),
                Optional.ofNullable(rs.getString("assignee")),
                rs.getString("created_by"),
                instant(rs, "due_at"),
                seconds(rs, "warning_seconds"),
                List.of(),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                slack,
                rs.getLong("version"),
                new WorkspaceId(rs.getString("workspace")));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    private static Optional<Duration> seconds(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofSeconds(v));
    }
}
