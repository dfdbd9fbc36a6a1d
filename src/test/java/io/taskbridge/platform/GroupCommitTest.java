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
    private static final Sql COUNT = Sql.of("SELECT count(*) FROM gc_probe");

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void writesQueuedDuringABatchShareOneTransactionAndEachIsCommittedWhenItsCallerReturns(Databases.Kind kind)
            throws Exception {
        String url = Databases.url(kind);
        try (Database db = probed(url)) {
            GroupCommit writes = db.writes();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + writes.lanes());
            try {
                // Every lane holds its batch open until every other writer has queued behind them.
                Held held = holdEveryLane(writes, pool, url);
                List<Future<Boolean>> rest = new ArrayList<>();
                for (int i = 0; i < WRITERS; i++) {
                    String key = "k" + i;
                    rest.add(pool.submit(() -> writes.write(h -> insert(h, key)) == 1 && visible(url, key)));
                }
                while (writes.queued() < WRITERS) {
                    Thread.onSpinWait();
                }
                held.release().countDown();

                for (Future<Boolean> f : held.writes()) {
                    assertThat(f.get()).as("a held write, read from another connection when it returned").isTrue();
                }
                for (Future<Boolean> f : rest) {
                    assertThat(f.get()).as("each write is readable elsewhere once its caller returns").isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
            GroupCommit.Counts counts = writes.counts();
            assertThat(counts.writes()).isEqualTo(WRITERS + writes.lanes());
            assertThat(counts.transactions()).as("the held batches, then one for the %d queued", WRITERS)
                    .isEqualTo(writes.lanes() + 1);
            assertThat(count(url)).isEqualTo(WRITERS + writes.lanes());
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aFailingWriteFailsAloneAndTheRestOfItsBatchCommits(Databases.Kind kind) throws Exception {
        String url = Databases.url(kind);
        try (Database db = probed(url)) {
            // the refused insert is a real database error, which on PostgreSQL also aborts the
            // transaction it happens in
            Map<String, Long> results = tenWithOneRefused(db, db.writes(), url, (h, key) -> (long) insert(h, key));
            assertThat(results.values()).as("each changed its row").containsOnly(1L);
        }
    }

    /**
     * Rows deferred to the commit ({@link Sql.Run#defer}) are written together; when the database
     * refuses one, which write it came from is not known, so the batch goes again with every row
     * written at once: the write that made it fails alone, whether the refusal came at the commit or
     * in another write whose read of the table had the rows written first.
     */
    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aDeferredRowTheDatabaseRefusesFailsTheWriteThatMadeItAlone(Databases.Kind kind) throws Exception {
        for (boolean aWriteReads : new boolean[] {false, true}) {
            String url = Databases.url(kind);
            try (Database db = probed(url)) {
                // deferring on both databases (the service defers on PostgreSQL only)
                GroupCommit writes = new GroupCommit(db.jdbi(), db.writes().lanes(), true);
                try {
                    Map<String, Long> results = tenWithOneRefused(db, writes, url, (h, key) -> {
                        INSERT.on(h).bind("k", key).defer();
                        // the eighth may read the table: the rows so far, the refused one among them, go first
                        return aWriteReads && key.equals("ok7") ? COUNT.on(h).oneLong().orElseThrow() : 0L;
                    });
                    if (aWriteReads) {
                        assertThat(results.get("ok7")).as("taken, the held ones, and ok0..ok7 but ok4")
                                .isEqualTo(1 + writes.lanes() + 7);
                    }
                } finally {
                    writes.close();
                }
            }
        }
    }

    /**
     * With every lane held, queues ten writes in order, the fifth of them for the key "taken" (which
     * the table has already), then lets them go: "taken" fails alone, the other nine commit in one
     * transaction. Returns what the nine returned, by key.
     */
    private static Map<String, Long> tenWithOneRefused(Database db, GroupCommit writes, String url,
                                                       java.util.function.BiFunction<Handle, String, Long> work)
            throws Exception {
        db.jdbi().useHandle(h -> insert(h, "taken"));
        ExecutorService pool = Executors.newFixedThreadPool(10 + writes.lanes());
        Map<String, Future<Long>> results = new ConcurrentHashMap<>();
        Map<String, Long> returned = new ConcurrentHashMap<>();
        try {
            Held held = holdEveryLane(writes, pool, url);
            for (int i = 0; i < 10; i++) {
                String key = i == 4 ? "taken" : "ok" + i;
                results.put(key, pool.submit(() -> writes.write(h -> work.apply(h, key))));
                while (writes.queued() < i + 1) {
                    Thread.onSpinWait();
                }
            }
            held.release().countDown();
            for (Future<Boolean> f : held.writes()) {
                assertThat(f.get()).isTrue();
            }
            for (Map.Entry<String, Future<Long>> e : results.entrySet()) {
                if (e.getKey().equals("taken")) {
                    assertThatThrownBy(() -> e.getValue().get())
                            .hasCauseInstanceOf(UnableToExecuteStatementException.class);
                } else {
                    returned.put(e.getKey(), e.getValue().get());
                    assertThat(visible(url, e.getKey())).as(e.getKey()).isTrue();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(count(url)).as("taken, the held ones and the nine that did not fail").isEqualTo(10 + writes.lanes());
        assertThat(writes.counts().transactions()).as("each held one alone, then the nine together")
                .isEqualTo(writes.lanes() + 1);
        return returned;
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void theServiceDefersRowsOnPostgreSqlOnly(Databases.Kind kind) throws Exception {
        String url = Databases.url(kind);
        try (Database db = probed(url)) {
            int waiting = db.writes().write(h -> {
                INSERT.on(h).bind("k", "deferred").defer();
                return h.getConfig(DeferredRows.class).waiting();
            });
            assertThat(waiting).as("statements holding rows after the defer").isEqualTo(kind == Databases.Kind.POSTGRES ? 1 : 0);
            assertThat(visible(url, "deferred")).as("written by the commit").isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void onPostgreSqlBatchesAreWrittenSideBySideAndOnSqliteOneAfterAnother(Databases.Kind kind) throws Exception {
        String url = Databases.url(kind);
        try (Database db = probed(url)) {
            GroupCommit writes = db.writes();
            assertThat(writes.lanes()).isEqualTo(kind == Databases.Kind.SQLITE ? 1 : Database.POSTGRES_LANES);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CountDownLatch holding = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                Future<Integer> first = pool.submit(() -> writes.write(h -> {
                    insert(h, "first");
                    holding.countDown();
                    await(release);
                    return 1;
                }));
                assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
                Future<Boolean> second = pool.submit(() -> writes.write(h -> insert(h, "second")) == 1
                        && visible(url, "second"));
                if (kind == Databases.Kind.SQLITE) {
                    // one writer: the second write waits for the next batch
                    while (writes.queued() < 1) {
                        Thread.onSpinWait();
                    }
                    assertThat(second.isDone()).isFalse();
                    release.countDown();
                    assertThat(second.get()).isTrue();
                } else {
                    assertThat(second.get(10, TimeUnit.SECONDS))
                            .as("committed in a lane of its own while the first batch is still open").isTrue();
                    assertThat(visible(url, "first")).isFalse();
                    release.countDown();
                }
                assertThat(first.get()).isEqualTo(1);
                assertThat(visible(url, "first")).isTrue();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aBatchTheDatabaseRolledBackToEndADeadlockIsWrittenAgain() throws Exception {
        String url = Databases.url(Databases.Kind.POSTGRES);
        try (Database db = probed(url)) {
            db.jdbi().useHandle(h -> {
                insert(h, "x");
                insert(h, "y");
            });
            GroupCommit writes = db.writes();
            CountDownLatch aHasX = new CountDownLatch(1);
            CountDownLatch bHasY = new CountDownLatch(1);
            AtomicInteger runs = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                // Two lanes take the same two rows in opposite orders: PostgreSQL ends the deadlock by
                // rolling one transaction back, and that batch goes again once the other has committed.
                Future<String> a = pool.submit(() -> writes.write(h -> crossing(h, "x", aHasX, "y", bHasY, runs)));
                assertThat(aHasX.await(10, TimeUnit.SECONDS)).isTrue();
                Future<String> b = pool.submit(() -> writes.write(h -> crossing(h, "y", bHasY, "x", aHasX, runs)));
                assertThat(a.get()).isEqualTo("x then y");
                assertThat(b.get()).isEqualTo("y then x");
            } finally {
                pool.shutdownNow();
            }
            assertThat(runs.get()).as("both once, and the deadlock's victim again").isEqualTo(3);
            assertThat(writes.counts().transactions()).isEqualTo(2);
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
                int kept = h.getConfig(PreparedStatements.class).size();
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

    /** Writes holding every lane's batch open (each row written, none committed) until {@code release}. */
    private record Held(List<Future<Boolean>> writes, CountDownLatch release) {}

    private static Held holdEveryLane(GroupCommit writes, ExecutorService pool, String url) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<Future<Boolean>> held = new ArrayList<>();
        for (int lane = 0; lane < writes.lanes(); lane++) {
            // one after another, each taking a lane of its own: a lane is free when it arrives
            String key = "held" + lane;
            CountDownLatch holding = new CountDownLatch(1);
            held.add(pool.submit(() -> writes.write(h -> {
                insert(h, key);
                holding.countDown();
                await(release);
                return true;
            }) && visible(url, key)));
            assertThat(holding.await(10, TimeUnit.SECONDS)).as("lane %d held", lane).isTrue();
        }
        return new Held(held, release);
    }

    /** Locks row {@code first}, says so, waits until the other has locked {@code second}, then locks it too. */
    private static String crossing(Handle h, String first, CountDownLatch holdsFirst, String second,
                                   CountDownLatch otherHoldsSecond, AtomicInteger runs) {
        runs.incrementAndGet();
        touch(h, first);
        holdsFirst.countDown();
        await(otherHoldsSecond);
        touch(h, second);
        return first + " then " + second;
    }

    /** Takes the row's lock until the transaction ends. */
    private static void touch(Handle h, String key) {
        h.execute("UPDATE gc_probe SET k = k WHERE k = ?", key);
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
