package io.taskbridge.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * The statements a handle has prepared, kept in the handle's own configuration (every handle
 * gets an empty copy) and closed when it closes; or, where {@link #keepPerConnection} was set
 * (SQLite), kept with the connection the handle borrowed, for every later handle on it. A handle
 * is used by one thread at a time, and a pooled connection by one handle at a time.
 *
 * <p>Why per connection on SQLite: a read on the hot paths (an Approve click reads the task, its
 * tags and its approvers, each on a handle of its own) prepared its statements again every time,
 * and sqlite-jdbc keeps no cache of its own: the prepares were 12 % of the request threads' CPU
 * under the approve benchmark. pgjdbc caches parsed statements per connection itself, and a
 * statement made on the pool's own connection would keep PostgreSQL's errors from the pool,
 * which retires a connection that failed; so PostgreSQL keeps them per handle.
 */
public final class PreparedStatements implements JdbiConfig<PreparedStatements> {
    /** A handle (on SQLite, a connection) keeps at most this many; more (a list of a new size) starts over. */
    static final int KEPT_AT_MOST = 128;

    /** Each connection's statements, shared by every copy; null: each handle keeps its own. */
    private Map<Connection, Map<String, PreparedStatement>> connections;
    /** This handle's own statements, or (per connection) its connection's, from its first statement. */
    private Map<String, PreparedStatement> kept = new HashMap<>();
    /** The connection's statements this handle ran (per connection only). */
    private final Set<PreparedStatement> used = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean cleaning;
    private Consumer<String> observer = sql -> { };

    /** Jdbi makes the first one (its configuration's root); every copy starts empty. */
    public PreparedStatements() {
    }

    @Override
    public PreparedStatements createCopy() {
        PreparedStatements copy = new PreparedStatements();
        copy.observer = observer;
        copy.connections = connections;
        return copy;
    }

    /**
     * Hears every statement run on the handles made after this (set on {@code jdbi.getConfig}):
     * tests count statements with it, as Jdbi's SqlLogger counts Jdbi's own.
     */
    public void observe(Consumer<String> statements) {
        observer = statements;
    }

    void heard(String statement) {
        observer.accept(statement);
    }

    /**
     * From now on (set on {@code jdbi.getConfig}) a statement is kept with the pool's connection
     * it was prepared on, past the handle, until that connection closes (which closes it).
     */
    public void keepPerConnection() {
        connections = new ConcurrentHashMap<>();
    }

    PreparedStatement statement(Handle handle, String jdbc) throws SQLException {
        Connection connection = handle.getConnection();
        if (connections != null) {
            connection = connection.unwrap(Connection.class);
            kept = connections.get(connection);
            if (kept == null) {
                connections.keySet().removeIf(PreparedStatements::closed);
                kept = new HashMap<>();
                connections.put(connection, kept);
            }
        }
        PreparedStatement statement = kept.get(jdbc);
        if (statement == null) {
            if (kept.size() >= KEPT_AT_MOST) {
                handle.getConfig(DeferredRows.class).flush(); // the statements about to close may hold rows
                closeAll(kept);
            }
            statement = connection.prepareStatement(jdbc);
            kept.put(jdbc, statement);
        }
        if (!cleaning) {
            handle.addCleanable(this::cleanUp);
            cleaning = true;
        }
        if (connections != null) {
            used.add(statement);
        }
        return statement;
    }

    /**
     * After {@code statement} failed: sqlite-jdbc finalizes a statement on most errors (an I/O
     * error, a full disk) while it still reports it open, so a kept one would fail every later run
     * on its connection; it is closed and dropped, to be prepared anew.
     */
    void failed(PreparedStatement statement) {
        used.remove(statement);
        drop(statement);
    }

    private void drop(PreparedStatement statement) {
        kept.values().remove(statement);
        try {
            statement.close();
        } catch (SQLException e) {
            // closed already, or its connection is gone: it is kept nowhere either way
        }
    }

    /** How many statements this handle keeps, or (per connection) its connection (for tests). */
    int size() {
        return kept.size();
    }

    private static boolean closed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /**
     * At the handle's close: its own statements close; a connection's are left with no rows waiting
     * in them (rows the handle deferred and neither flushed nor discarded).
     */
    private void cleanUp() throws SQLException {
        if (connections == null) {
            closeAll(kept);
        }
        for (PreparedStatement statement : used) {
            try {
                statement.clearBatch();
            } catch (SQLException e) {
                drop(statement); // finalized by a failure that did not pass through failed()
            }
        }
        used.clear();
    }

    private static void closeAll(Map<String, PreparedStatement> statements) throws SQLException {
        SQLException first = null;
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        statements.clear();
        if (first != null) {
            throw first;
        }
    }
}
