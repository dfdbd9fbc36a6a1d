package io.taskbridge.testing;

import io.taskbridge.platform.Database;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The writes (INSERT, UPDATE, DELETE) a database ran outside a transaction, each a commit of its
 * own, from the moment {@link #watch} is called: a worker whose writes should join the group
 * commit's batches shows none. Replaces the database's SQL logger.
 */
public final class AutocommitWrites {
    private AutocommitWrites() {
    }

    /** A live list of such statements' SQL, filled as they run. */
    public static List<String> watch(Database db) {
        List<String> seen = new CopyOnWriteArrayList<>();
        db.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                String sql = context.getRawSql().strip();
                try {
                    if (sql.matches("(?is)^(INSERT|UPDATE|DELETE)\\b.*") && context.getConnection().getAutoCommit()) {
                        seen.add(sql);
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        return seen;
    }
}
