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
import java.util.concurrent.atomic.AtomicInteger;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Group commit on a real SQLite file and a real PostgreSQL: writes that arrive while a batch is
 * being written share the next transaction; an item that fails fails alone; and every caller
 * returns only once its write can be read from another connection (it is committed).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupCommitTest {
    static final int WRITERS = 24;
    private static final Sql INSERT = Sql.of("INSERT INTO gc_probe (k) VALUES (:k)");

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void writesQueuedDuringABatchShareOneTransactionAndEachIsCommittedWhenItsCallerReturns(Databases.Kind kind)
            throws Exception {
        String url = Databases.url(kind);
        try (Database db = probed(url)) {
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
        try (Database db = probed(url)) {
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
        try (Database db = probed(url)) {
            GroupCommit writes = db.writes();
            int written = writes.write(h -> insert(h, "outer") + writes.write(inner -> insert(inner, "inner")));
            assertThat(written).isEqualTo(2);
            assertThat(writes.counts().transactions()).isEqualTo(1);
            assertThat(visible(url, "outer")).isTrue();
            assertThat(visible(url, "inner")).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void batchesOneAfterAnotherShareTheWriterAndTheStatementsItPrepared(Databases.Kind kind) throws Exception {
        String url = Databases.url(kind);
        try (Database db = probed(url)) {
            GroupCommit writes = db.writes();
            Handle first = writes.write(h -> {
                INSERT.on(h).bind("k", "one").execute();
                return h;
            });
            int keptBefore = writes.write(h -> {
                assertThat(h).as("the second batch's handle").isSameAs(first);
                int kept = h.getConfig(Sql.Prepared.class).size();
                INSERT.on(h).bind("k", "two").execute();
                return kept;
            });
            assertThat(keptBefore).as("statements the writer kept from the first batch").isEqualTo(1);
            assertThat(writes.counts().transactions()).isEqualTo(2);
            assertThat(visible(url, "one")).isTrue();
            assertThat(visible(url, "two")).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aWriterWhoseConnectionWasKilledIsReplacedAndTheBatchStillCommits(boolean idleFirst) throws Exception {
        String url = Databases.url(Databases.Kind.POSTGRES);
        try (Database db = probed(url)) {
            GroupCommit writes = db.writes();
            int killed = writes.write(h -> h.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one());
            try (Connection admin = DriverManager.getConnection(url, "postgres", "postgres");
                 PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
                kill.setInt(1, killed);
                kill.executeQuery().close();
            }
            if (idleFirst) {
                // past the idle window: the writer is checked before the batch, not found broken by it
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(GroupCommit.IDLE_CHECK_NANOS) + 200);
            }
            AtomicInteger runs = new AtomicInteger();
            int pid = writes.write(h -> {
                runs.incrementAndGet();
                insert(h, "after");
                return h.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
            });
            assertThat(pid).as("the backend now writing").isNotEqualTo(killed);
            assertThat(runs.get()).as(idleFirst ? "checked before the batch: it ran once, on a new writer"
                    : "the dead connection failed the first try; the batch went again on a new writer")
                    .isEqualTo(idleFirst ? 1 : 2);
            assertThat(visible(url, "after")).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void closingHandsTheWritersConnectionBackToThePool(Databases.Kind kind) throws Exception {
        String url = Databases.url(kind);
        try (Database db = probed(url)) {
            HikariPoolMXBean pool = ((HikariDataSource) db.pool()).getHikariPoolMXBean();
            db.writes().write(h -> insert(h, "one"));
            assertThat(pool.getActiveConnections()).as("the writer's connection, kept").isEqualTo(1);
            db.writes().close();
            assertThat(pool.getActiveConnections()).isZero();
            db.writes().write(h -> insert(h, "two"));
            assertThat(visible(url, "two")).as("a write after close opens a new writer").isTrue();
        }
    }

    /** A database with the probe table. */
    private static Database probed(String url) {
        Database db = Database.open(url, "postgres", "postgres");
        db.jdbi().useHandle(h -> h.execute("CREATE TABLE gc_probe (k TEXT PRIMARY KEY)"));
        return db;
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
