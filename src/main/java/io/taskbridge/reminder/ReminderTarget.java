package io.taskbridge.reminder;

import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** What a due reminder needs of its task: whether it is still open, its Slack channel and its assignee. */
public record ReminderTarget(long taskId, Status status, Optional<String> channel, Optional<String> assignee,
                             WorkspaceId workspace) {
    static final String COLUMNS = "id, status, slack_channel, assignee, workspace";

    /** Public for Jdbi's reflection. */
    public static final class Mapper implements RowMapper<ReminderTarget> {
        @Override
        public ReminderTarget map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ReminderTarget(rs.getLong("id"), Status.valueOf(rs.getString("status")),
                    Optional.ofNullable(rs.getString("slack_channel")), Optional.ofNullable(rs.getString("assignee")),
                    new WorkspaceId(rs.getString("workspace")));
        }
    }
}
