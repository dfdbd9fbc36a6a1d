package io.taskbridge.platform;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * Rows a handle's transaction has {@linkplain Sql.Run#defer deferred}: plain {@code INSERT ...
 * VALUES} whose results nobody reads, waiting in one JDBC batch per statement. On PostgreSQL a
 * group commit's writer defers them ({@link #deferOn}), so a whole batch's rows go to the server
 * together, one round trip per statement, where a {@code /task add} made eight round trips, six of
 * them rows of this kind.
 *
 * <p>They are written before the commit ({@link #flush}, by the caller) and before any statement
 * that could see them or that they could affect: a {@link Sql} statement that is neither an INSERT
 * nor a SELECT, or that names a table with waiting rows, and every statement Jdbi runs on the handle
 * (a DAO's, {@code h.execute}). A deferred row that other deferred rows' foreign keys point at (a
 * new task's, its id {@linkplain NewIds reserved}) is deferred {@linkplain Sql.Run#deferAhead
 * ahead}: its statement is written before every other, whichever got its first row first.
 *
 * <p>Kept in the handle's own configuration (every handle gets an empty copy, which writes every
 * row at once); a handle is used by one thread at a time.
 */
public final class DeferredRows implements JdbiConfig<DeferredRows> {
    /** Statements holding rows deferred ahead, then the others, each in the order of its first row, with its table. */
    private final Map<PreparedStatement, String> ahead = new LinkedHashMap<>();
    private final Map<PreparedStatement, String> pending = new LinkedHashMap<>();
    private boolean deferring;
    private boolean customized;

    /** Jdbi makes the first one (its configuration's root); every copy starts empty, not deferring. */
    public DeferredRows() {
    }

    @Override
    public DeferredRows createCopy() {
        return new DeferredRows();
    }

    /**
     * Makes {@link Sql.Run#defer} on {@code handle} wait, or ({@code on} false) write at once again.
     * The caller flushes before every commit and {@linkplain #discard discards} after a rollback, as
     * a group commit's writer does. Returns the handle's rows.
     */
    public static DeferredRows deferOn(Handle handle, boolean on) {
        DeferredRows rows = handle.getConfig(DeferredRows.class);
        if (!on && rows.waiting() > 0) {
            throw new IllegalStateException("deferred rows are waiting: flush or discard them first");
        }
        if (on && !rows.customized) {
            // every statement Jdbi runs on this handle sees the rows first
            handle.getConfig(SqlStatements.class).addCustomizer(new StatementCustomizer() {
                @Override
                public void beforeExecution(PreparedStatement statement, StatementContext ctx) {
                    rows.flush();
                }
            });
            rows.customized = true;
        }
        rows.deferring = on;
        return rows;
    }

    boolean deferring() {
        return deferring;
    }

    /**
     * {@code statement} has a row more (added to its batch), for {@code table}; {@code ahead}, when
     * rows of other statements may point at it: then its statement is written before theirs.
     */
    void add(PreparedStatement statement, String table, boolean ahead) {
        (ahead ? this.ahead : pending).putIfAbsent(statement, table);
    }

    /** How many statements hold rows. */
    int waiting() {
        return ahead.size() + pending.size();
    }

    /** The tables with rows waiting. */
    Collection<String> tables() {
        if (ahead.isEmpty()) {
            return pending.values();
        }
        List<String> tables = new ArrayList<>(ahead.values());
        tables.addAll(pending.values());
        return tables;
    }

    /**
     * Writes the rows, one JDBC batch per statement, in the order each got its first row. A failure
     * leaves none waiting (the transaction is to be rolled back) and is thrown as a
     * {@link DeferredWriteFailed}.
     */
    public void flush() {
        if (waiting() == 0) {
            return;
        }
        try {
            for (PreparedStatement statement : ahead.keySet()) {
                statement.executeBatch();
            }
            for (PreparedStatement statement : pending.keySet()) {
                statement.executeBatch();
            }
            ahead.clear();
            pending.clear();
        } catch (SQLException e) {
            String tables = String.join(", ", new LinkedHashSet<>(tables()));
            discard();
            throw new DeferredWriteFailed("a deferred row of " + tables + " was not written: " + e.getMessage(), e);
        }
    }

    /** Drops the rows unwritten (after a rollback, which took what was written with them). */
    public void discard() {
        for (Map<PreparedStatement, String> statements : List.of(ahead, pending)) {
            for (PreparedStatement statement : statements.keySet()) {
                try {
                    statement.clearBatch();
                } catch (SQLException e) {
                    // a closed statement holds nothing
                }
            }
            statements.clear();
        }
    }
}
