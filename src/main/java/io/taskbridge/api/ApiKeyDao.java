package io.taskbridge.api;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** REST API keys: issued, looked up by hash while not revoked, revoked. */
@RegisterRowMapper(ApiKeyRow.Mapper.class)
public interface ApiKeyDao {
    String COLUMNS = "id, name, role, principal, secret_hash, created_at, workspace";

    @SqlQuery("INSERT INTO api_keys (name, role, principal, secret_hash, created_at, workspace)"
            + " VALUES (:name, :role, :principal, :hash, :now, :workspace) RETURNING id")
    long insert(@Bind("name") String name, @Bind("role") String role, @Bind("principal") String principal,
                @Bind("hash") String secretHash, @Bind("now") long now, @Bind("workspace") String workspace);

    @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE secret_hash = :hash AND revoked_at IS NULL")
    Optional<ApiKeyRow> active(@Bind("hash") String secretHash);

    @SqlQuery("SELECT " + COLUMNS + " FROM api_keys WHERE revoked_at IS NULL AND workspace = :workspace ORDER BY id")
    List<ApiKeyRow> allActive(@Bind("workspace") String workspace);

    /** 1 when the workspace's key was active and is now revoked; 0 when it has no such active key. */
    @SqlUpdate("UPDATE api_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL AND workspace = :workspace")
    int revoke(@Bind("id") long id, @Bind("now") long now, @Bind("workspace") String workspace);
}
