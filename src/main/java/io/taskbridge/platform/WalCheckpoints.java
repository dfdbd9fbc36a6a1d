package io.taskbridge.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's checkpoints (copying the write-ahead log back into the database file), made on a thread
 * of their own. Left to SQLite, the commit that takes the log past 1000 pages makes one, with its
 * fsyncs, while that commit's caller waits, and with it every request queued behind the group
 * commit. The pool's connections do not checkpoint ({@code wal_autocheckpoint = 0}, set by
 * {@link Database}); this makes a passive checkpoint every {@link #EVERY}, which copies what
 * no reader still needs and never holds up a writer. Closing the last connection checkpoints
 * whatever is left, as before.
 */
final class WalCheckpoints implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WalCheckpoints.class);
    /** How often the log is copied back. */
    static final Duration EVERY = Duration.ofMillis(100);

    private final DataSource pool;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sqlite-checkpoint");
        t.setDaemon(true);
        return t;
    });
    /** Touched only by the timer's thread: the last checkpoint failed (said once, until one succeeds). */
    private boolean failing;

    WalCheckpoints(DataSource pool) {
        this.pool = pool;
        timer.scheduleWithFixedDelay(this::checkpoint, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void checkpoint() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
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

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
