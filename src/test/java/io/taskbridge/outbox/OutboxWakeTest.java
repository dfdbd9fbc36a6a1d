package io.taskbridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Database;
import io.taskbridge.platform.Json;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.testing.Databases;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;

/**
 * A commit wakes a worker only when the row it wrote needs a pass now: not for another lane's row,
 * not for a channel at its pace (its slot brings the pass), and a row due later is looked for when
 * it is due, not at once and not at the next poll. Before, every commit woke every lane for a pass
 * over all due rows, which under a burst for one paced channel cost half a core.
 */
class OutboxWakeTest {
    private static final WorkspaceId WS = new WorkspaceId("T1");
    private final Clock clock = Clock.systemUTC();
    private final List<Long> delivered = new CopyOnWriteArrayList<>();
    private final AtomicInteger passes = new AtomicInteger();

    /** Counts the worker's passes: each runs the lane's due query once. */
    private Database counting(Database db) {
        db.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                String sql = context.getRawSql();
                if (sql.startsWith("SELECT") && sql.contains("next_attempt_at <= :now")) {
                    passes.incrementAndGet();
                }
            }
        });
        return db;
    }

    private OutboxWorker worker(Database db, Lane lane, Optional<Pacer> pacer) {
        return new OutboxWorker(db.jdbi(), new OutboxCodec(Json.mapper()), attempt -> {
            delivered.add(attempt.rowId());
            return new Delivery.Outcome.Delivered();
        }, clock, Duration.ofMinutes(1), pacer, Duration.ofMinutes(2), lane);
    }

    private static void commit(Database db, Outbox outbox, OutboxMessage message, String channel) {
        db.jdbi().useTransaction(tx -> outbox.enqueue(tx, WS, message, Optional.empty(), Optional.of(channel)));
    }

    @Test
    void anotherLanesRowDoesNotWakeThisLane() throws Exception {
        try (Database db = counting(Databases.open(Databases.Kind.SQLITE))) {
            OutboxWorker slack = worker(db, Lane.slack(), Optional.empty());
            Outbox outbox = new Outbox(new OutboxCodec(Json.mapper()), clock, slack::wake);
            slack.start();
            try {
                commit(db, outbox, new OutboxMessage.BackendDecision(1, "workiva", "X1", "approve", "", "U1"), "C1");
                Thread.sleep(400);
                assertThat(passes).as("a task system's row: no Slack pass").hasValue(0);
                commit(db, outbox, new OutboxMessage.TaskMessage(1), "C1");
                await(() -> delivered.size() == 1, 5_000);
                await(() -> passes.get() == 2, 5_000); // the pass that delivered it, and one that found nothing more
                Thread.sleep(100);
                assertThat(passes).hasValue(2);
            } finally {
                slack.close();
            }
        }
    }

    @Test
    void rowsForAChannelAtItsPaceWaitForTheSlotWithoutPasses() throws Exception {
        try (Database db = counting(Databases.open(Databases.Kind.SQLITE))) {
            AtomicLong slotAt = new AtomicLong(Long.MAX_VALUE);
            Pacer pacer = new Pacer() {
                @Override
                public Duration reserve(String key) {
                    long left = slotAt.get() - clock.millis();
                    if (left > 0) {
                        return Duration.ofMillis(left);
                    }
                    slotAt.set(clock.millis() + 1_000); // one post, then the next slot a second later
                    return Duration.ZERO;
                }

                @Override
                public void close(String key, Duration delay) {
                }
            };
            slotAt.set(0);
            OutboxWorker slack = worker(db, Lane.slack(), Optional.of(pacer));
            Outbox outbox = new Outbox(new OutboxCodec(Json.mapper()), clock, slack::wake);
            slack.start();
            try {
                commit(db, outbox, new OutboxMessage.TaskMessage(1), "CBUSY");
                await(() -> passes.get() == 2, 5_000); // it went, and the next pass found nothing
                commit(db, outbox, new OutboxMessage.TaskMessage(2), "CBUSY");
                await(() -> passes.get() == 3, 5_000); // this pass finds the channel at its pace
                int before = passes.get();
                for (int i = 3; i < 23; i++) {
                    commit(db, outbox, new OutboxMessage.TaskMessage(i), "CBUSY");
                }
                Thread.sleep(200);
                assertThat(passes.get() - before).as("20 commits for a paused channel: no pass").isZero();
                assertThat(delivered).hasSize(1);
                await(() -> delivered.size() == 2, 3_000);
                assertThat(passes.get() - before).as("its slot brought one pass (and the next finds it paused)")
                        .isBetween(1, 2);
            } finally {
                slack.close();
            }
        }
    }

    @Test
    void aRowDueLaterIsLookedForWhenItIsDue() throws Exception {
        try (Database db = counting(Databases.open(Databases.Kind.SQLITE))) {
            OutboxWorker slack = worker(db, Lane.slack(), Optional.empty());
            Outbox outbox = new Outbox(new OutboxCodec(Json.mapper()), clock, slack::wake);
            slack.start();
            try {
                long start = System.nanoTime();
                db.jdbi().useTransaction(tx -> outbox.enqueueSettled(tx, WS, new OutboxMessage.HomeView("U1"),
                        OutboxMessage.HomeView.key(WS, "U1"), Duration.ofMillis(800)));
                Thread.sleep(400);
                assertThat(passes).as("not due yet: no pass").hasValue(0);
                await(() -> delivered.size() == 1, 5_000);
                long tookMillis = (System.nanoTime() - start) / 1_000_000;
                assertThat(tookMillis).as("delivered when due, long before the minute's poll").isBetween(750L, 3_000L);
                await(() -> passes.get() == 2, 5_000); // the pass that delivered it, and one that found nothing more
            } finally {
                slack.close();
            }
        }
    }

    private static void await(java.util.function.BooleanSupplier done, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + millis + " ms");
            }
            Thread.sleep(10);
        }
    }
}
