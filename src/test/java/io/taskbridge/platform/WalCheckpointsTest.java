package io.taskbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.testing.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On SQLite, a commit never checkpoints (every pooled connection says {@code wal_autocheckpoint}
 * 0): the write-ahead log is copied into the database file by a thread of its own, soon after
 * the writes, and what was written reads the same.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WalCheckpointsTest {

    @Test
    void commitsLeaveCheckpointsToTheirOwnThreadWhichCopiesTheLogSoonAfter() throws Exception {
        String url = Databases.sqliteUrl();
        Path file = Path.of(url.substring("jdbc:sqlite:".length()));
        try (Database db = Database.open(url, "", "")) {
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE wal_probe (k INTEGER PRIMARY KEY, v TEXT)"));
            try (Connection c = ((javax.sql.DataSource) db.pool()).getConnection();
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_autocheckpoint")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("a pooled connection's auto-checkpoint").isZero();
            }
            long before = Files.size(file);
            String text = "x".repeat(2000);
            // ~8 MB in 40 commits: past SQLite's own 1000-page threshold several times over.
            for (int batch = 0; batch < 40; batch++) {
                int first = batch * 100;
                db.writes().write(h -> {
                    for (int k = first; k < first + 100; k++) {
                        h.execute("INSERT INTO wal_probe (k, v) VALUES (?, ?)", k, text);
                    }
                    return null;
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Files.size(file) < before + 4_000_000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Files.size(file)).as("the database file, once the log was copied into it")
                    .isGreaterThan(before + 4_000_000);
            assertThat(count(db)).isEqualTo(4000);
        }
    }

    /**
     * Under a steady load some request is always reading, so SQLite itself never starts the log
     * again: without a restarting checkpoint the log grew by every write (to gigabytes in the
     * benchmarks). Here readers overlap so that one always holds a snapshot while small commits
     * follow each other, ~24 MB or more: the log must stay near where it is started again (256
     * frames, 1 MiB, in this test), and every row must be there.
     */
    @Test
    void aLogThatReadersNeverLeaveIsStillStartedAgainAndStaysSmall() throws Exception {
        String url = Databases.sqliteUrl();
        try (Database db = Database.connect(url, "", "")) {
            Path wal = db.writeAheadLog().orElseThrow();
            db.migrate();
            db.restartLogAt(256);
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE wal_probe (k INTEGER PRIMARY KEY, v TEXT)"));
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService readers = Executors.newFixedThreadPool(3);
            List<Future<Integer>> reads = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                int offset = r;
                reads.add(readers.submit(() -> holdSnapshots(db, writing, offset)));
            }
            String text = "x".repeat(2000);
            long largest = 0;
            int rows = 0;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            try {
                // small commits one after another, at most ~20 MB a second whatever the disk,
                // for two seconds and at least ~24 MB
                while (rows < 12_000 || System.nanoTime() < until) {
                    int from = rows;
                    db.writes().write(h -> {
                        for (int k = from; k < from + 20; k++) {
                            h.execute("INSERT INTO wal_probe (k, v) VALUES (?, ?)", k, text);
                        }
                        return null;
                    });
                    rows += 20;
                    largest = Math.max(largest, Files.exists(wal) ? Files.size(wal) : 0);
                    Thread.sleep(1);
                }
            } finally {
                writing.set(false);
                readers.shutdown();
            }
            for (Future<Integer> read : reads) {
                assertThat(read.get(30, TimeUnit.SECONDS)).as("snapshots a reader held").isGreaterThan(10);
            }
            assertThat(largest).as("the largest the write-ahead log grew, in bytes").isLessThan(10L << 20);
            assertThat(count(db)).isEqualTo(rows);
        }
    }

    /**
     * A log started again keeps its frames until the next commit begins: while nothing is written,
     * the checkpoints leave it alone rather than hold the writers up every round for nothing.
     */
    @Test
    void anIdleLogAlreadyStartedAgainIsLeftAlone() throws Exception {
        String url = Databases.sqliteUrl();
        try (Database db = Database.open(url, "", "")) {
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE wal_probe (k INTEGER PRIMARY KEY, v TEXT)"));
            String text = "x".repeat(2000);
            db.writes().write(h -> { // ~1000 frames in one commit, under the pool's own 4096
                for (int k = 0; k < 2000; k++) {
                    h.execute("INSERT INTO wal_probe (k, v) VALUES (?, ?)", k, text);
                }
                return null;
            });
            AtomicInteger locked = new AtomicInteger();
            ReentrantLock writers = new ReentrantLock() {
                @Override
                public void lock() {
                    locked.incrementAndGet();
                    super.lock();
                }
            };
            try (WalCheckpoints checkpoints = new WalCheckpoints(url, writers, 256)) {
                Thread.sleep(WalCheckpoints.EVERY.toMillis() * 10);
            }
            assertThat(locked).as("times the writers were held up").hasValue(1);
            assertThat(count(db)).isEqualTo(2000);
        }
    }

    /** Reads in transactions of ~4 ms each, staggered, until the writes end; returns how many. */
    private static int holdSnapshots(Database db, AtomicBoolean writing, int offset) throws Exception {
        Thread.sleep(offset);
        int held = 0;
        try (Connection c = ((javax.sql.DataSource) db.pool()).getConnection(); Statement s = c.createStatement()) {
            while (writing.get()) {
                s.execute("BEGIN DEFERRED"); // a read transaction (the pool's own begin is IMMEDIATE)
                try (ResultSet rs = s.executeQuery("SELECT max(k) FROM wal_probe")) {
                    rs.next();
                }
                Thread.sleep(4);
                s.execute("COMMIT");
                held++;
            }
        }
        return held;
    }

    private static int count(Database db) throws SQLException {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM wal_probe").mapTo(Integer.class).one());
    }
}
