package io.taskbridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Database;
import io.taskbridge.platform.GroupCommit;
import io.taskbridge.platform.Json;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.testing.AutocommitWrites;
import io.taskbridge.testing.Databases;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The worker's claims and settlements are writes of the group commit, as the requests' are: none
 * is a statement of its own outside a transaction, which on SQLite took the write lock past the
 * writers' queue and synced the log once more, and under load slept in SQLite's busy handler.
 * Every way a delivery can end is settled that way: delivered, told to wait, failed and retried,
 * failed for good.
 */
class OutboxWritesTest {
    private static final WorkspaceId WS = new WorkspaceId("T1");
    /** The four rows settled: one delivered (gone), one told to wait and one to retry (pending, later), one dead. */
    private static final Map<String, Integer> SETTLED = Map.of("pending-later", 2, "dead", 1);

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void claimsAndSettlementsJoinTheGroupCommit(Databases.Kind kind) throws Exception {
        try (Database db = Databases.open(kind)) {
            OutboxCodec codec = new OutboxCodec(Json.mapper());
            Outbox outbox = new Outbox(codec, Clock.systemUTC(), row -> { });
            // Task ids 1..4 say how the delivery ends.
            Map<Long, Delivery.Outcome> outcomes = Map.of(
                    1L, new Delivery.Outcome.Delivered(),
                    2L, new Delivery.Outcome.WaitFor(Duration.ofMinutes(5), "the channel is archived"),
                    3L, new Delivery.Outcome.Failed("502 from Slack", true),
                    4L, new Delivery.Outcome.Failed("channel_not_found", false));
            db.jdbi().useTransaction(tx -> {
                for (long task = 1; task <= 4; task++) {
                    outbox.enqueue(tx, WS, new OutboxMessage.TaskMessage(task), Optional.empty(), Optional.of("C" + task));
                }
            });
            List<String> outside = AutocommitWrites.watch(db);
            GroupCommit.Counts before = db.writes().counts();
            Map<Long, Boolean> tried = new ConcurrentHashMap<>();
            OutboxWorker worker = new OutboxWorker(db, codec, attempt -> {
                long task = ((OutboxMessage.TaskMessage) attempt.message()).taskId();
                tried.put(task, true);
                return outcomes.get(task);
            }, Clock.systemUTC(), Duration.ofMinutes(1));
            try (worker) {
                worker.start();
                worker.wake();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (!states(db).equals(SETTLED) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }

            assertThat(tried).containsOnlyKeys(1L, 2L, 3L, 4L);
            assertThat(outside).as("writes outside the group commit").isEmpty();
            assertThat(db.writes().counts().writes() - before.writes()).as("a claim and a settlement a row").isEqualTo(8);
            assertThat(states(db)).as("delivered: gone; waiting and retried: pending, later; failed for good: dead")
                    .isEqualTo(SETTLED);
        }
    }

    /** The outbox's rows by state, a pending row's by whether it waits for later. */
    private static Map<String, Integer> states(Database db) {
        long now = System.currentTimeMillis();
        return db.jdbi().withHandle(h -> h.createQuery("SELECT state, next_attempt_at FROM outbox")
                .reduceRows(new java.util.HashMap<String, Integer>(), (m, row) -> {
                    String state = row.getColumn("state", String.class);
                    String key = "pending".equals(state)
                            ? (row.getColumn("next_attempt_at", Long.class) > now ? "pending-later" : "pending-leased") : state;
                    m.merge(key, 1, Integer::sum);
                    return m;
                }));
    }
}
