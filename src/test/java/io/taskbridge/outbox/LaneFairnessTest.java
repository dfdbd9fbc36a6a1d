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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Within a lane, a channel with 10,000 queued posts does not delay another channel's next post:
 * the first pass already serves the other channel, and the crowded one gets one turn like it. Rows
 * of another lane are left to that lane's worker.
 */
class LaneFairnessTest {
    static final int CROWD = 10_000;
    /** Every row in one workspace: the channels share its turns among themselves. */
    static final String WORKSPACE = "T1";

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aCrowdedChannelGetsOneTurnPerPassLikeAnyOther(Databases.Kind kind) {
        try (Database db = Databases.open(kind)) {
            List<OutboxDao.NewRow> rows = new ArrayList<>();
            String message = "{\"taskId\":1}";
            for (int i = 0; i < CROWD; i++) {
                rows.add(new OutboxDao.NewRow(OutboxMessage.TaskMessage.KIND, "CCROWD", message, WORKSPACE));
            }
            long past = Clock.systemUTC().millis() - 60_000;
            db.jdbi().useHandle(h -> h.attach(OutboxDao.class).insertAll(rows, past));
            db.jdbi().useHandle(h -> h.attach(OutboxDao.class).insertAll(List.of(
                    new OutboxDao.NewRow(OutboxMessage.TaskMessage.KIND, "CQUIET", message, WORKSPACE),
                    new OutboxDao.NewRow(OutboxMessage.BackendDecision.KIND, null,
                            "{\"taskId\":1,\"connection\":\"workiva\",\"externalId\":\"x\",\"decision\":\"APPROVE\"}",
                            WORKSPACE)),
                    Clock.systemUTC().millis()));
            List<String> delivered = new CopyOnWriteArrayList<>();
            OutboxWorker slackLane = new OutboxWorker(db.jdbi(), new OutboxCodec(Json.mapper()), attempt -> {
                delivered.add(attempt.message().kind() + "@" + channelOf(db, attempt.rowId()));
                return new Delivery.Outcome.Delivered();
            }, Clock.systemUTC(), Duration.ofMinutes(1), Optional.empty(), Duration.ofMinutes(2), Lane.slack());

            assertThat(slackLane.drainOnce()).as("rows claimed in the first pass").isEqualTo(2);
            assertThat(delivered).containsExactlyInAnyOrder("task_message@CCROWD", "task_message@CQUIET");
            assertThat(db.jdbi().withHandle(h -> h.attach(OutboxDao.class).pending()).intValue())
                    .as("the crowd less one, and the task system's row, left to its own lane").isEqualTo(CROWD - 1 + 1);
        }
    }

    private static String channelOf(Database db, long rowId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT channel FROM outbox WHERE id = :id").bind("id", rowId)
                .mapTo(String.class).one());
    }
}
