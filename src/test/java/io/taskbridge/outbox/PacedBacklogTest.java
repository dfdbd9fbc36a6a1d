package io.taskbridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Database;
import io.taskbridge.platform.Json;
import io.taskbridge.testing.Databases;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A backlog for a channel at its pace waits for the channel's next slot as a whole: one pass puts
 * off every due row of it, without claiming any (no attempt spent, no lease taken), so the next
 * pass finds nothing due instead of claiming and releasing the backlog one row per pass while
 * requests wait for the write lock. Another channel's row in the same pass still goes.
 */
class PacedBacklogTest {
    static final int BACKLOG = 200;
    static final Duration SLOT = Duration.ofSeconds(5);

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aPacedChannelsBacklogWaitsForItsSlotInOnePass(Databases.Kind kind) {
        try (Database db = Databases.open(kind)) {
            Clock clock = Clock.systemUTC();
            List<OutboxDao.NewRow> rows = new ArrayList<>();
            for (int i = 0; i < BACKLOG; i++) {
                rows.add(new OutboxDao.NewRow(OutboxMessage.TaskMessage.KIND, "CBUSY", "{\"taskId\":1}", "T1"));
            }
            rows.add(new OutboxDao.NewRow(OutboxMessage.TaskMessage.KIND, "CFREE", "{\"taskId\":2}", "T1"));
            long past = clock.millis() - 60_000;
            db.jdbi().useHandle(h -> h.attach(OutboxDao.class).insertAll(rows, past));
            // CBUSY has spent its budget; CFREE has not.
            Pacer pacer = new Pacer() {
                @Override
                public Duration reserve(String key) {
                    return key.equals("CBUSY") ? SLOT : Duration.ZERO;
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

            long before = clock.millis();
            assertThat(worker.drainOnce()).as("CBUSY put off, CFREE delivered").isEqualTo(2);
            long after = clock.millis();
            assertThat(delivered).hasSize(1);
            assertThat(worker.drainOnce()).as("nothing is due until CBUSY's slot").isZero();

            Map<String, Object> busy = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) AS n, MIN(next_attempt_at) AS first, MAX(next_attempt_at) AS last,"
                            + " MAX(attempts) AS attempts, MAX(lease_until) AS lease, MIN(last_error) AS error"
                            + " FROM outbox WHERE channel = 'CBUSY' AND state = 'pending'").mapToMap().one());
            assertThat(((Number) busy.get("n")).intValue()).as("the backlog, all still pending").isEqualTo(BACKLOG);
            assertThat(((Number) busy.get("first")).longValue()).isGreaterThanOrEqualTo(before + SLOT.toMillis());
            assertThat(((Number) busy.get("last")).longValue()).isLessThanOrEqualTo(after + SLOT.toMillis());
            assertThat(((Number) busy.get("attempts")).intValue()).as("waiting for the pace is not an attempt").isZero();
            assertThat(((Number) busy.get("lease")).longValue()).as("nor a claim").isZero();
            assertThat(busy.get("error")).isEqualTo("paced");
        }
    }
}
