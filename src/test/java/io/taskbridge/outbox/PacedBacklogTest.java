package io.taskbridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Database;
import io.taskbridge.platform.Json;
import io.taskbridge.testing.Databases;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A backlog for a channel at its pace waits for the channel's next slot without a write: a pass
 * leaves the channel out until then (no claim, no attempt spent, no row touched), so the next pass
 * finds nothing to do instead of claiming and releasing the backlog one row per pass while requests
 * wait for the write lock. Another channel's row in the same pass still goes, and once the slot
 * comes the channel's oldest row goes first.
 */
class PacedBacklogTest {
    static final int BACKLOG = 200;
    static final Duration SLOT = Duration.ofMillis(300);

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aPacedChannelWaitsForItsSlotWithoutAWrite(Databases.Kind kind) throws InterruptedException {
        try (Database db = Databases.open(kind)) {
            Clock clock = Clock.systemUTC();
            List<OutboxDao.NewRow> rows = new ArrayList<>();
            for (int i = 0; i < BACKLOG; i++) {
                rows.add(new OutboxDao.NewRow(OutboxMessage.TaskMessage.KIND, "CBUSY", "{\"taskId\":1}", "T1"));
            }
            rows.add(new OutboxDao.NewRow(OutboxMessage.TaskMessage.KIND, "CFREE", "{\"taskId\":2}", "T1"));
            long past = clock.millis() - 60_000;
            db.jdbi().useHandle(h -> h.attach(OutboxDao.class).insertAll(rows, past));
            // CBUSY has spent its budget until its slot; CFREE has not.
            AtomicLong slotAt = new AtomicLong(clock.millis() + SLOT.toMillis());
            List<String> asked = new CopyOnWriteArrayList<>();
            Pacer pacer = new Pacer() {
                @Override
                public Duration reserve(String key) {
                    asked.add(key);
                    long left = slotAt.get() - clock.millis();
                    return key.equals("CBUSY") && left > 0 ? Duration.ofMillis(left) : Duration.ZERO;
                }

                @Override
                public void close(String key, Duration delay) {
                }
            };
            List<Long> delivered = new CopyOnWriteArrayList<>();
            OutboxWorker worker = new OutboxWorker(db.jdbi(), new OutboxCodec(Json.mapper()), attempt -> {
                delivered.add(attempt.rowId());
                return new Delivery.Outcome.Delivered();
            }, clock, Duration.ofMinutes(1), Optional.of(pacer), Duration.ofMinutes(2), Lane.slack());
            String before = snapshot(db);
            long oldest = db.jdbi().withHandle(h -> h.createQuery("SELECT MIN(id) FROM outbox WHERE channel = 'CBUSY'")
                    .mapTo(Long.class).one());

            assertThat(worker.drainOnce()).as("CFREE delivered, CBUSY left to its slot").isEqualTo(1);
            assertThat(worker.drainOnce()).as("nothing to do until CBUSY's slot").isZero();
            assertThat(asked).as("the paused channel is not even asked again").containsExactlyInAnyOrder("CBUSY", "CFREE");
            assertThat(snapshot(db)).as("the backlog untouched: no claim, no attempt, no new due time").isEqualTo(before);

            Thread.sleep(SLOT.toMillis() + 50);
            assertThat(worker.drainOnce()).as("its slot came: its oldest row goes").isEqualTo(1);
            assertThat(delivered).hasSize(2).last().isEqualTo(oldest);
        }
    }

    /** CBUSY's rows as the worker would see them. */
    private static String snapshot(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) || '/' || MIN(next_attempt_at) || '/' || MAX(next_attempt_at)"
                + " || '/' || MAX(attempts) || '/' || MAX(lease_until) || '/' || COALESCE(MAX(last_error), '-')"
                + " FROM outbox WHERE channel = 'CBUSY' AND state = 'pending'").mapTo(String.class).one());
    }
}
