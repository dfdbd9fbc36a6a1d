package io.taskbridge.api;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** One REST API key as stored: never the key itself, only its hash. {@code role} is the API's role name. */
public record ApiKeyRow(long id, String name, String role, String principal, String secretHash, Instant createdAt,
                        String workspace) {

    /** Public for Jdbi's reflection. */
    public static final class Mapper implements RowMapper<ApiKeyRow> {
        @Override
        public ApiKeyRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new ApiKeyRow(rs.getLong("id"), rs.getString("name"), rs.getString("role"),
                    rs.getString("principal"), rs.getString("secret_hash"), Instant.ofEpochMilli(rs.getLong("created_at")),
                    rs.getString("workspace"));
        }
    }
}
