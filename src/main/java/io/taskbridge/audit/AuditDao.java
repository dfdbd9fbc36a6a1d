package io.taskbridge.audit;

import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.Source;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/**
 * The audit_events table. It has an INSERT and SELECTs, nothing else: the trail is append-only (the
 * database refuses an UPDATE or DELETE with a trigger, migration V21).
 */
interface AuditDao {

    /**
     * Appends one row, in the task's workspace (the event's task carries it, as read or written in
     * the same transaction): a plain INSERT, so it can wait with the batch's other rows
     * (platform/DeferredRows).
     */
    String APPEND = "INSERT INTO audit_events (workspace, task_id, actor, at, action, details, source)"
            + " VALUES (:workspace, :task, :actor, :at, :action, :details, :source)";

    /** One task's rows after {@code afterId}, oldest first. */
    @SqlQuery("SELECT id, workspace, task_id, actor, at, action, details, source FROM audit_events"
            + " WHERE task_id = :task AND id > :after ORDER BY id LIMIT :limit")
    @UseRowMapper(Mapper.class)
    List<AuditEntry> ofTask(@Bind("task") long taskId, @Bind("after") long afterId, @Bind("limit") int limit);

    /** One task's rows, oldest first, skipping {@code offset} (for numbered pages in chat). */
    @SqlQuery("SELECT id, workspace, task_id, actor, at, action, details, source FROM audit_events"
            + " WHERE task_id = :task ORDER BY id LIMIT :limit OFFSET :offset")
    @UseRowMapper(Mapper.class)
    List<AuditEntry> ofTaskFrom(@Bind("task") long taskId, @Bind("offset") long offset, @Bind("limit") int limit);

    @SqlQuery("SELECT COUNT(*) FROM audit_events WHERE task_id = :task")
    long countOfTask(@Bind("task") long taskId);

    /** A workspace's rows with {@code since <= at < until}, after {@code afterId}, oldest first. */
    @SqlQuery("SELECT id, workspace, task_id, actor, at, action, details, source FROM audit_events"
            + " WHERE workspace = :ws AND at >= :since AND at < :until AND id > :after ORDER BY id LIMIT :limit")
    @UseRowMapper(Mapper.class)
    List<AuditEntry> inWorkspace(@Bind("ws") String workspace, @Bind("since") long since, @Bind("until") long until,
                                 @Bind("after") long afterId, @Bind("limit") int limit);

    /** Public for Jdbi's reflection. */
    final class Mapper implements RowMapper<AuditEntry> {
        @Override
        public AuditEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new AuditEntry(rs.getLong("id"), new WorkspaceId(rs.getString("workspace")), rs.getLong("task_id"),
                    rs.getString("actor"), Instant.ofEpochMilli(rs.getLong("at")),
                    AuditAction.ofWord(rs.getString("action")).orElseThrow(
                            () -> new IllegalStateException("unknown audit action in the store")),
                    rs.getString("details"), Source.valueOf(rs.getString("source")));
        }
    }
}
