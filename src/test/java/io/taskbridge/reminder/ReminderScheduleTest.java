package io.taskbridge.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Json;
import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxCodec;
import io.taskbridge.platform.Database;
import io.taskbridge.testing.Databases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The first reminder check comes one interval after the start, not during it. */
class ReminderScheduleTest {

    @Test
    void firstCheckOneIntervalAfterTheStart() throws Exception {
        try (Database db = Databases.open(Databases.Kind.SQLITE)) {
            Outbox outbox = new Outbox(new OutboxCodec(Json.mapper()), Clock.systemUTC(), row -> { });
            ReminderJob job = new ReminderJob(db.jdbi(), db.dialect(), outbox, Clock.systemUTC(), false);
            // Quartz keeps times in whole milliseconds: a start in the same millisecond is not "before".
            Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            try (ReminderSchedule schedule = ReminderSchedule.start(job, Duration.ofSeconds(60), new ReminderSchedule.Store.Memory())) {
                assertThat(schedule.nextTick()).hasValueSatisfying(next -> assertThat(next)
                        .isBetween(before.plusSeconds(60), Instant.now().plusSeconds(60)));
            }
        }
    }
}
