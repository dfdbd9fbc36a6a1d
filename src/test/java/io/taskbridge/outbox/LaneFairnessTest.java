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
 * of another lane are left to that lane's worker. Between workspaces the turn comes first: a
 * workspace with 10,000 posts queued over many channels does not delay another workspace's next
 * post, and a single workspace is served as many rows per pass, in the same order, as before.
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

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aWorkspaceWithThousandsOfPostsOverManyChannelsDoesNotDelayAnotherWorkspacesNextPost(Databases.Kind kind) {
        try (Database db = Databases.open(kind)) {
            long past = Clock.systemUTC().millis() - 60_000;
            insertSpread(db, "TBUSY", 1_000, past);
            // The quiet workspace's post is newer than every one of the busy workspace's, and its
            // channel has the same id as one of the busy workspace's: the turn is per workspace and channel.
            db.jdbi().useHandle(h -> h.attach(OutboxDao.class).insertAll(List.of(
                    new OutboxDao.NewRow(OutboxMessage.TaskMessage.KIND, "C7", "{\"taskId\":2}", "TQUIET")),
                    Clock.systemUTC().millis()));
            List<String> delivered = new CopyOnWriteArrayList<>();
            OutboxWorker slackLane = worker(db, delivered, Lane.lanes(true).get(0));

            assertThat(slackLane.drainOnce()).as("a full pass").isEqualTo(OutboxWorker.BATCH);
            assertThat(delivered).as("the quiet workspace's post goes in the first round of turns, second of all")
                    .element(1).isEqualTo("TQUIET/C7");
            assertThat(delivered).filteredOn(d -> d.startsWith("TBUSY/")).as("one row per busy channel")
                    .hasSize(OutboxWorker.BATCH - 1).doesNotHaveDuplicates();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aSingleWorkspaceGetsAFullPassOfItsOldestChannelHeadsWithEitherLevelOfTurns(Databases.Kind kind) {
        try (Database db = Databases.open(kind)) {
            insertSpread(db, WORKSPACE, 1_000, Clock.systemUTC().millis() - 60_000);
            List<String> oldestHeads = new ArrayList<>();
            for (int c = 0; c < OutboxWorker.BATCH; c++) {
                oldestHeads.add(WORKSPACE + "/C" + c);
            }
            for (Lane lane : List.of(Lane.lanes(true).get(0), Lane.lanes(false).get(0))) {
                List<String> delivered = new CopyOnWriteArrayList<>();
                assertThat(worker(db, delivered, lane).drainOnce()).isEqualTo(OutboxWorker.BATCH);
                assertThat(delivered).as("the channels' oldest rows, oldest first, as a channel-only turn takes them")
                        .containsExactlyElementsOf(oldestHeads);
                oldestHeads.replaceAll(head -> WORKSPACE + "/C" + (Integer.parseInt(head.substring(head.indexOf("/C") + 2))
                        + OutboxWorker.BATCH));
            }
        }
    }

    /** {@code CROWD} rows of {@code workspace}, dealt round-robin over {@code channels} channels C0, C1, …. */
    private static void insertSpread(Database db, String workspace, int channels, long at) {
        List<OutboxDao.NewRow> rows = new ArrayList<>();
        for (int i = 0; i < CROWD; i++) {
            rows.add(new OutboxDao.NewRow(OutboxMessage.TaskMessage.KIND, "C" + (i % channels), "{\"taskId\":1}", workspace));
        }
        db.jdbi().useHandle(h -> h.attach(OutboxDao.class).insertAll(rows, at));
    }

    /** A Slack-lane worker that notes each delivery as workspace/channel. */
    private static OutboxWorker worker(Database db, List<String> delivered, Lane lane) {
        return new OutboxWorker(db.jdbi(), new OutboxCodec(Json.mapper()), attempt -> {
            delivered.add(db.jdbi().withHandle(h -> h.createQuery("SELECT workspace || '/' || channel FROM outbox WHERE id = :id")
                    .bind("id", attempt.rowId()).mapTo(String.class).one()));
            return new Delivery.Outcome.Delivered();
        }, Clock.systemUTC(), Duration.ofMinutes(1), Optional.empty(), Duration.ofMinutes(2), lane);
    }

    private static String channelOf(Database db, long rowId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT channel FROM outbox WHERE id = :id").bind("id", rowId)
                .mapTo(String.class).one());
    }
}
