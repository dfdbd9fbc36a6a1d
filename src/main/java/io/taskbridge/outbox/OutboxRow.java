package io.taskbridge.outbox;

import io.taskbridge.platform.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * One waiting outbound message, as stored. {@code leaseUntil} is what a claim compares and sets;
 * {@code createdAt} (epoch millis) is when it was first queued; {@code workspace} whose token delivers it.
 */
public record OutboxRow(long id, String kind, String payload, Optional<String> channel, String state,
                        int attempts, long version, long nextAttemptAt, long leaseUntil, Optional<String> lastError,
                        long createdAt, WorkspaceId workspace) {

    /** Public for Jdbi's reflection. */
    public static final class Mapper implements RowMapper<OutboxRow> {
        @Override
        public OutboxRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new OutboxRow(rs.getLong("id"), rs.getString("kind"), rs.getString("payload"),
                    Optional.ofNullable(rs.getString("channel")), rs.getString("state"), rs.getInt("attempts"),
                    rs.getLong("version"), rs.getLong("next_attempt_at"), rs.getLong("lease_until"),
                    Optional.ofNullable(rs.getString("last_error")), rs.getLong("created_at"),
                    new WorkspaceId(rs.getString("workspace")));
        }
    }
}
