package io.taskbridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's connection pool, schema and Jdbi. SQLite runs in WAL mode with immediate
 * transactions (a writer takes the lock when it begins, so two writers wait for each other
 * instead of failing half-way); PostgreSQL runs as it is.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private final HikariDataSource pool;
    private final Dialect dialect;
    private final Jdbi jdbi;

    private Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
        this.jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin());
    }

    /** Opens the pool and brings the schema up to date (migrations in {@code db/migration}). */
    public static Database open(String jdbcUrl, String user, String password) {
        Database db = connect(jdbcUrl, user, password);
        try {
            db.migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /**
     * Opens the pool (one connection at once: a database that cannot be reached fails here) and
     * Jdbi, without touching the schema: nothing may use the tables before {@link #migrate()} has
     * returned. The service migrates on another thread while it wires everything else.
     */
    public static Database connect(String jdbcUrl, String user, String password) {
        Dialect dialect = Dialect.of(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setPoolName("taskbridge-db");
        if (dialect == Dialect.SQLITE) {
            config.setDataSource(sqlite(jdbcUrl));
            config.setMaximumPoolSize(4);
        } else {
            config.setJdbcUrl(jdbcUrl);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(10);
        }
        config.setConnectionTimeout(10_000);
        config.setValidationTimeout(2_000);
        return new Database(new HikariDataSource(config), dialect);
    }

    private static DataSource sqlite(String jdbcUrl) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl(jdbcUrl);
        return ds;
    }

    /**
     * Brings the schema up to date (migrations in {@code db/migration}). Flyway runs only when the
     * history is behind this build: a fresh database, or one a previous version left; an
     * up-to-date schema is recognised with one query (see {@link SchemaHistory}).
     */
    public void migrate() {
        if (SchemaHistory.current(pool)) {
            log.info("Database schema is at version {}; nothing to migrate", SchemaHistory.latest());
            return;
        }
        MigrateResult result = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .placeholders(Map.of("id_column", dialect.idColumn()))
                .load()
                .migrate();
        log.info("Database schema migrated to version {} (migrations applied: {})",
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                result.migrationsExecuted);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The pool itself, for the schema check's tests. */
    DataSource pool() {
        return pool;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** True when the database answers a trivial query within two seconds. */
    public boolean ping() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
