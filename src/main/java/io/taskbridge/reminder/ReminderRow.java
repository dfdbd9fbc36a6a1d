package io.taskbridge.reminder;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * One reminder as stored: {@code kind} is the name of a {@code reminder.ReminderKind} in lower case,
 * {@code recipient} is empty for reminders about the whole task.
 */
public record ReminderRow(long id, long taskId, String kind, String recipient, long fireAt) {

    /** Public for Jdbi's reflection. */
    public static final class Mapper implements RowMapper<ReminderRow> {
        @Override
        public ReminderRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ReminderRow(rs.getLong("id"), rs.getLong("task_id"), rs.getString("kind"),
                    rs.getString("recipient"), rs.getLong("fire_at"));
        }
    }
}
