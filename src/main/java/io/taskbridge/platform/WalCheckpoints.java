package io.taskbridge.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/**
 * SQLite's checkpoints (copying the write-ahead log back into the database file), made on a thread
 * and a connection of their own. Left to SQLite, the commit that takes the log past 1000 pages makes
 * one, with its fsyncs, while that commit's caller waits, and with it every request queued behind
 * the group commit. The pool's connections do not checkpoint ({@code wal_autocheckpoint = 0}, set
 * by {@link Database}); this makes a passive checkpoint every {@link #EVERY}, which copies what no
 * reader still needs and never holds up a writer.
 *
 * <p>A passive checkpoint never starts the log again: SQLite does that when a writer begins after
 * every frame was copied back and no reader still reads from the log, and under a steady load some
 * request is always reading. The log then grew by every write, to gigabytes, until the service
 * stopped. So once it holds more than {@code restartAt} frames, this takes the writers' lock
 * ({@link SerialWrites}), so that no frame is added meanwhile, and makes a restarting checkpoint:
 * it copies the rest back and waits, at most {@link #READERS_WAIT}, for the readers that started
 * before that to finish (later ones read the database file). The next commit then writes from the
 * log's start, and the file is cut back to {@code journal_size_limit} (set by {@link Database}).
 * Closing the last connection checkpoints whatever is left, as before.
 */
final class WalCheckpoints implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WalCheckpoints.class);
    /** How often the log is copied back. */
    static final Duration EVERY = Duration.ofMillis(100);
    /** Frames past which the log is started again: 16 MiB of SQLite's 4 KiB pages. */
    static final int RESTART_AT = 4096;
    /** How long a restart, holding up every writer, waits for the log's readers. */
    static final Duration READERS_WAIT = Duration.ofMillis(100);

    private final String jdbcUrl;
    private final Lock writers;
    private final int restartAt;
    private final Readers readers = new Readers();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sqlite-checkpoint");
        t.setDaemon(true);
        return t;
    });
    /** Touched only by the timer's thread (and by close, once it has stopped): opened on first use. */
    private Connection connection;
    /** Touched only by the timer's thread: the last checkpoint failed (said once, until one succeeds). */
    private boolean failing;
    /** Touched only by the timer's thread: the frames in the log when it was last started again, or -1. */
    private int restarted = -1;

    /** Checkpoints the SQLite file at {@code jdbcUrl}, restarting its log under {@code writers}. */
    WalCheckpoints(String jdbcUrl, Lock writers, int restartAt) {
        this.jdbcUrl = jdbcUrl;
        this.writers = writers;
        this.restartAt = restartAt;
        timer.scheduleWithFixedDelay(this::checkpoint, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkpoint() {
        try {
            if (connection == null && (connection = open()) == null) {
                return;
            }
            int frames = run("PASSIVE").frames();
            // a log already started again stays as it was until the next commit: left alone then
            if (frames > restartAt && frames != restarted) {
                writers.lock();
                try {
                    readers.waitUntil(System.nanoTime() + READERS_WAIT.toNanos());
                    Checkpoint restart = run("RESTART");
                    // if a reader outlasted the wait, the next round tries again
                    restarted = restart.busy() ? -1 : restart.frames();
                } finally {
                    writers.unlock();
                }
            }
            if (failing) {
                log.info("SQLite checkpoints work again");
                failing = false;
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                log.warn("SQLite checkpoint failed ({}); the write-ahead log grows until one succeeds", e.getMessage());
                failing = true;
            }
        }
    }

    /**
     * A connection of this thread's own, so a checkpoint never waits for the pool's; none while the
     * file does not exist yet: it is made by the migration (maybe as a copy of the schema snapshot),
     * not here.
     */
    private Connection open() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        try {
            Connection made = config.createConnection(jdbcUrl);
            BusyHandler.setHandler(made, readers);
            return made;
        } catch (SQLiteException e) {
            if (e.getResultCode() == SQLiteErrorCode.SQLITE_CANTOPEN) {
                return null;
            }
            throw e;
        }
    }

    /** Runs a checkpoint of that mode. */
    private Checkpoint run(String mode) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            return rs.next() ? new Checkpoint(rs.getInt(1) != 0, rs.getInt(2)) : new Checkpoint(false, 0);
        }
    }

    /** What a checkpoint said: whether it could not finish, and the frames in the log. */
    private record Checkpoint(boolean busy, int frames) {
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            log.warn("SQLite checkpoints' connection did not close ({})", e.getMessage());
        }
    }

    /**
     * While a checkpoint waits for a lock (a reader still on the log, or a writer outside the group
     * commit), it tries again every 50 µs until its deadline: SQLite's own timeout sleeps 1, 2, 5, 10 ms
     * and more between tries, long past the moment the reader is done, with every writer held up.
     */
    private static final class Readers extends BusyHandler {
        private volatile long deadline;

        void waitUntil(long nanoTime) {
            deadline = nanoTime;
        }

        @Override
        protected int callback(int tries) {
            if (System.nanoTime() - deadline >= 0) {
                return 0;
            }
            LockSupport.parkNanos(50_000);
            return 1;
        }
    }
}
