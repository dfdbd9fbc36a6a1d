package io.taskbridge.reminder;

import io.taskbridge.platform.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** A channel's daily overdue digest: at {@code localTime} ("09:00") in {@code zone}; no {@code nextAt} when off. */
public record DigestRow(String channel, String team, String localTime, String zone, Optional<Long> nextAt,
                        WorkspaceId workspace) {

    /** Public for Jdbi's reflection. */
    public static final class Mapper implements RowMapper<DigestRow> {
        @Override
        public DigestRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            long next = rs.getLong("next_at");
            Optional<Long> nextAt = rs.wasNull() ? Optional.empty() : Optional.of(next);
            return new DigestRow(rs.getString("channel"), rs.getString("team"), rs.getString("local_time"),
                    rs.getString("zone"), nextAt, new WorkspaceId(rs.getString("workspace")));
        }
    }
}
