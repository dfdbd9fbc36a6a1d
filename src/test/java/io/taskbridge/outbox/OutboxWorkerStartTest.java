package io.taskbridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Json;
import io.taskbridge.platform.Database;
import io.taskbridge.testing.Databases;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Rows left from before a start are delivered at the first poll, one interval after the start (not
 * during it); a wake, as a request that writes to the outbox gives, is served at once.
 */
class OutboxWorkerStartTest {
    final List<Long> delivered = new CopyOnWriteArrayList<>();

    OutboxWorker worker(Database db, OutboxCodec codec, Duration poll) {
        return new OutboxWorker(db.jdbi(), codec, attempt -> {
            delivered.add(attempt.rowId());
            return new Delivery.Outcome.Delivered();
        }, Clock.systemUTC(), poll);
    }

    @Test
    void leftoverRowsWaitForTheFirstPoll() throws Exception {
        try (Database db = Databases.open(Databases.Kind.SQLITE)) {
            OutboxCodec codec = new OutboxCodec(Json.mapper());
            Outbox outbox = new Outbox(codec, Clock.systemUTC(), row -> { });
            db.jdbi().useTransaction(tx -> outbox.enqueue(tx, new io.taskbridge.platform.WorkspaceId("T1"), new OutboxMessage.TaskMessage(1), Optional.empty(), Optional.empty()));
            OutboxWorker worker = worker(db, codec, Duration.ofMillis(1500));
            worker.start();
            try {
                // Once the worker waits for its first poll, it has not delivered anything: a worker
                // that drained at start would have delivered the row before it first waited.
                awaitWorkerWaiting();
                assertThat(delivered).isEmpty();
                awaitDelivery(5_000);
            } finally {
                worker.close();
            }
        }
    }

    @Test
    void aWakeIsServedAtOnce() throws Exception {
        try (Database db = Databases.open(Databases.Kind.SQLITE)) {
            OutboxCodec codec = new OutboxCodec(Json.mapper());
            OutboxWorker worker = worker(db, codec, Duration.ofSeconds(60));
            Outbox outbox = new Outbox(codec, Clock.systemUTC(), worker::wake);
            worker.start();
            try {
                // Only the commit wakes it: the poll is a minute away and nothing else calls wake().
                db.jdbi().useTransaction(tx -> outbox.enqueue(tx, new io.taskbridge.platform.WorkspaceId("T1"), new OutboxMessage.TaskMessage(1), Optional.empty(), Optional.empty()));
                awaitDelivery(5_000);
            } finally {
                worker.close();
            }
        }
    }

    private static void awaitWorkerWaiting() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            boolean waiting = Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals("outbox-all") && t.getState() == Thread.State.TIMED_WAITING);
            if (waiting) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the outbox worker never waited for its poll");
    }

    private void awaitDelivery(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (delivered.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(delivered).hasSize(1);
    }
}
