package io.taskbridge.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's connection pool, schema and Jdbi. SQLite runs in WAL mode with immediate
 * transactions (a writer takes the lock when it begins, so two writers wait for each other
 * instead of failing half-way); PostgreSQL runs as it is.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /**
     * Batches written at once on PostgreSQL, each holding a pooled connection while it writes: a
     * batch waits on round trips to the server, not on the other batches (SQLite has one writer).
     * Two, since a batch's plain inserts go to the server together (DeferredRows): fewer lanes make
     * larger batches, and so fewer round trips a task; side by side, two served 1.14-1.47x the adds
     * of four, and one served less than two at 64 connections (bench/RESULTS.md, ninth session).
     */
    static final int POSTGRES_LANES = 2;
    /** Bytes of SQLite's write-ahead log kept on disk once it starts again: twice where it does. */
    static final int JOURNAL_SIZE_LIMIT = 32 << 20;
    private final HikariDataSource pool;
    private final Dialect dialect;
    private final String jdbcUrl;
    /** Made on first use (see {@link #jdbi}). */
    private volatile Jdbi jdbi;
    /** Made with {@link #jdbi}. */
    private volatile GroupCommit writes;
    /** SQLite's checkpoints, started with {@link #jdbi}. */
    private volatile WalCheckpoints checkpoints;
    /** Frames in SQLite's log past which its checkpoints start it again (see {@link WalCheckpoints}). */
    private int logRestartAt = WalCheckpoints.RESTART_AT;

    private Database(HikariDataSource pool, Dialect dialect, String jdbcUrl) {
        this.pool = pool;
        this.dialect = dialect;
        this.jdbcUrl = jdbcUrl;
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
     * The store, not yet opened: the pool starts on first use, which is {@link #migrate()} (a
     * database that cannot be reached fails there), and nothing may use the tables before that
     * has returned. Connecting costs nothing, so the service can migrate on one thread (loading
     * SQLite's native library, or PostgreSQL's handshake, and Flyway) while it wires the rest on
     * another.
     */
    public static Database connect(String jdbcUrl, String user, String password) {
        Dialect dialect = Dialect.of(jdbcUrl);
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("taskbridge-db");
        if (dialect == Dialect.SQLITE) {
            sqlite(pool, jdbcUrl);
            // Four for reads and the workers, one held by the group commit's writer.
            pool.setMaximumPoolSize(5);
        } else {
            pool.setJdbcUrl(jdbcUrl);
            pool.setUsername(user);
            pool.setPassword(password);
            // Nine for reads and the workers, one for each lane of the group commit's writers.
            pool.setMaximumPoolSize(9 + POSTGRES_LANES);
        }
        pool.setConnectionTimeout(10_000);
        pool.setValidationTimeout(2_000);
        return new Database(pool, dialect, jdbcUrl);
    }

    /** SQLite's settings, applied by the pool when it creates the driver's data source. */
    private static void sqlite(HikariDataSource pool, String jdbcUrl) {
        pool.setDataSourceClassName(FoldingSQLiteDataSource.class.getName());
        pool.addDataSourceProperty("url", jdbcUrl);
        pool.addDataSourceProperty("journalMode", SQLiteConfig.JournalMode.WAL.name());
        // FULL: every commit (one a group-commit batch) is on disk before any of its requests is
        // answered; WAL's NORMAL would leave the last commits to a power cut or an OS crash.
        pool.addDataSourceProperty("synchronous", SQLiteConfig.SynchronousMode.FULL.name());
        // MEMORY: a statement's journal (the pages it changes that the transaction had changed
        // before, kept to undo the statement alone) stays in memory. SQLite's default spills it
        // to a temporary file past 64 KiB and then writes every later statement's pages there
        // too, two system calls a page, while the group commit's one writer holds every request
        // in its batch waiting.
        pool.addDataSourceProperty("tempStore", SQLiteConfig.TempStore.MEMORY.name());
        pool.addDataSourceProperty("busyTimeout", 10_000);
        pool.addDataSourceProperty("transactionMode", SQLiteConfig.TransactionMode.IMMEDIATE.name());
        pool.addDataSourceProperty("enforceForeignKeys", true);
        // sqlite-jdbc otherwise follows every INSERT with a statement of its own (SELECT
        // last_insert_rowid(), prepared, run and finalized) for getGeneratedKeys, which nothing
        // here reads: a new row's id comes back through RETURNING, on both databases.
        pool.addDataSourceProperty("getGeneratedKeys", false);
        // Commits never checkpoint: WalCheckpoints does, on its own thread.
        pool.setConnectionInitSql("PRAGMA wal_autocheckpoint = 0");
        // The first commit after WalCheckpoints started the log again cuts its file back to this.
        pool.addDataSourceProperty("journalSizeLimit", JOURNAL_SIZE_LIMIT);
    }

    /**
     * Brings the schema up to date (migrations in {@code db/migration}). Flyway runs only when the
     * history is behind this build: a fresh database, or one a previous version left; an
     * up-to-date schema is recognised with one query (see {@link SchemaHistory}).
     */
    public void migrate() {
        migrate(Optional.empty());
    }

    /**
     * Brings the schema up to date; a SQLite file that does not exist yet starts as a copy of
     * {@code snapshot} (see {@link SchemaSnapshot}), which leaves Flyway nothing, or only what the
     * snapshot lacks, to do.
     */
    public void migrate(Optional<Path> snapshot) {
        boolean seeded = dialect == Dialect.SQLITE && snapshot.filter(s -> SchemaSnapshot.seed(jdbcUrl, s)).isPresent();
        if (SchemaHistory.current(pool)) {
            if (seeded) {
                log.info("New database made from the schema snapshot, at version {}", SchemaHistory.latest());
            } else {
                log.info("Database schema is at version {}; nothing to migrate", SchemaHistory.latest());
            }
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

    /**
     * Jdbi over the pool, made on first use: its set-up is a good part of a start, and the
     * migration, which needs only the pool, need not wait for it.
     */
    public Jdbi jdbi() {
        Jdbi made = jdbi;
        if (made == null) {
            synchronized (this) {
                made = jdbi;
                if (made == null) {
                    made = Jdbi.create(pool).installPlugin(new SqlObjectPlugin());
                    if (dialect == Dialect.SQLITE) {
                        SerialWrites serial = new SerialWrites(made.getTransactionHandler());
                        made.setTransactionHandler(serial);
                        made.getConfig(PreparedStatements.class).keepPerConnection();
                        checkpoints = new WalCheckpoints(jdbcUrl, serial.lock(), logRestartAt);
                    }
                    writes = dialect == Dialect.SQLITE ? new GroupCommit(made, 1, false)
                            : new GroupCommit(made, POSTGRES_LANES, true);
                    jdbi = made;
                }
            }
        }
        return made;
    }

    /** For tests: start SQLite's log again past that many frames; before the first {@link #jdbi}. */
    void restartLogAt(int frames) {
        logRestartAt = frames;
    }

    /**
     * Where the request paths write: concurrent writes share one transaction (see {@link GroupCommit}),
     * each caller returning once its own write has committed.
     */
    public GroupCommit writes() {
        jdbi();
        return writes;
    }

    /** The pool itself, for the schema check's tests. */
    DataSource pool() {
        return pool;
    }

    /** SQLite's write-ahead log file, for its size in {@code /metrics}; none on PostgreSQL or in memory. */
    public Optional<Path> writeAheadLog() {
        return SchemaSnapshot.file(jdbcUrl).map(db -> Path.of(db + "-wal"));
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
        GroupCommit made = writes;
        if (made != null) {
            made.close(); // its writer's connection back first: the pool would wait seconds for it
        }
        WalCheckpoints running = checkpoints;
        if (running != null) {
            running.close();
        }
        pool.close();
    }
}
