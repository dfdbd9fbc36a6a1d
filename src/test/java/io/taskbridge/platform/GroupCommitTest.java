package io.taskbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskbridge.testing.Databases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Group commit on a real SQLite file and a real PostgreSQL: writes that arrive while a batch is
 * being written share the next transaction; an item that fails fails alone; and every caller
 * returns only once its write can be read from another connection (it is committed).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupCommitTest {
    static final int WRITERS = 24;

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void writesQueuedDuringABatchShareOneTransactionAndEachIsCommittedWhenItsCallerReturns(Databases.Kind kind)
            throws Exception {
        String url = Databases.url(kind);
        try (Database db = Database.open(url, "postgres", "postgres")) {
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE gc_probe (k TEXT PRIMARY KEY)"));
            GroupCommit writes = db.writes();
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
            try {
                // The first write holds its batch open until every other writer has queued behind it.
                Future<Boolean> first = pool.submit(() -> writes.write(h -> {
                    insert(h, "first");
                    holding.countDown();
                    await(release);
                    return true;
                }) && visible(url, "first"));
                assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
                List<Future<Boolean>> rest = new ArrayList<>();
                for (int i = 0; i < WRITERS; i++) {
                    String key = "k" + i;
                    rest.add(pool.submit(() -> writes.write(h -> insert(h, key)) == 1 && visible(url, key)));
                }
                while (writes.queued() < WRITERS) {
                    Thread.onSpinWait();
                }
                release.countDown();

                assertThat(first.get()).as("the first write, read from another connection when it returned").isTrue();
                for (Future<Boolean> f : rest) {
                    assertThat(f.get()).as("each write is readable elsewhere once its caller returns").isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
            GroupCommit.Counts counts = writes.counts();
            assertThat(counts.writes()).isEqualTo(WRITERS + 1);
            assertThat(counts.transactions()).as("transactions for %d writes", WRITERS + 1).isEqualTo(2);
            assertThat(count(url)).isEqualTo(WRITERS + 1);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aFailingWriteFailsAloneAndTheRestOfItsBatchCommits(Databases.Kind kind) throws Exception {
        String url = Databases.url(kind);
        try (Database db = Database.open(url, "postgres", "postgres")) {
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE gc_probe (k TEXT PRIMARY KEY)"));
            db.jdbi().useHandle(h -> insert(h, "taken"));
            GroupCommit writes = db.writes();
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(12);
            Map<String, Future<Integer>> results = new ConcurrentHashMap<>();
            try {
                Future<Integer> first = pool.submit(() -> writes.write(h -> {
                    holding.countDown();
                    await(release);
                    return insert(h, "first");
                }));
                assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
                for (int i = 0; i < 10; i++) {
                    // one of the batch breaks a constraint: a real database error, which on PostgreSQL
                    // also aborts the transaction it happens in
                    String key = i == 4 ? "taken" : "ok" + i;
                    results.put(key, pool.submit(() -> writes.write(h -> insert(h, key))));
                }
                while (writes.queued() < 10) {
                    Thread.onSpinWait();
                }
                release.countDown();
                assertThat(first.get()).isEqualTo(1);
                for (Map.Entry<String, Future<Integer>> e : results.entrySet()) {
                    if (e.getKey().equals("taken")) {
                        assertThatThrownBy(() -> e.getValue().get())
                                .hasCauseInstanceOf(UnableToExecuteStatementException.class);
                    } else {
                        assertThat(e.getValue().get()).as(e.getKey()).isEqualTo(1);
                        assertThat(visible(url, e.getKey())).isTrue();
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(count(url)).as("taken, first and the nine that did not fail").isEqualTo(11);
            assertThat(writes.counts().transactions()).as("first alone, then the nine together").isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aWriteMadeFromInsideAWriteJoinsItsTransaction(Databases.Kind kind) throws Exception {
        String url = Databases.url(kind);
        try (Database db = Database.open(url, "postgres", "postgres")) {
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE gc_probe (k TEXT PRIMARY KEY)"));
            GroupCommit writes = db.writes();
            int written = writes.write(h -> insert(h, "outer") + writes.write(inner -> insert(inner, "inner")));
            assertThat(written).isEqualTo(2);
            assertThat(writes.counts().transactions()).isEqualTo(1);
            assertThat(visible(url, "outer")).isTrue();
            assertThat(visible(url, "inner")).isTrue();
        }
    }

    private static int insert(org.jdbi.v3.core.Handle h, String key) {
        return h.execute("INSERT INTO gc_probe (k) VALUES (?)", key);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Read on a connection of its own, outside the pool: true once the row is committed. */
    private static boolean visible(String url, String key) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM gc_probe WHERE k = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    private static int count(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM gc_probe");
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getInt(1) : -1;
        }
    }
}
