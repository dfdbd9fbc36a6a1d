package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Database;
import io.taskbridge.outbox.OutboxDao;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A row whose post reached Slack but whose answer was lost (as when the service dies before
 * settling the row) is not posted again on its next try: the try finds its message by metadata
 * and records its ts. A first try costs exactly one chat.postMessage and no look-up.
 */
class PostOnceTest {
    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    TestClock clock;
    FakeSlack slack;
    RunningService svc;
    Database db;

    @BeforeEach
    void start() {
        clock = new TestClock(START);
        slack = new FakeSlack(clock); // Slack's clock and ours agree, as in production
        slack.postsPerChannelBurst(0);
        String url = Databases.sqliteUrl();
        svc = new RunningService(url, Map.of("TASKBRIDGE_REMINDER_INTERVAL", "0.2", "TASKBRIDGE_QUIET_HOURS", "off"),
                slack, clock);
        db = Database.open(url, null, null);
    }

    @AfterEach
    void stop() {
        db.close();
        svc.close();
        slack.close();
    }

    Task create(String title, String channel, Optional<Instant> due, Optional<String> assignee) {
        return svc.service.tasks().create(TaskDraft.titled(title).withDueDate(due).withAssignee(assignee), "UBOB",
                Optional.of(SlackPlace.channel("T1", channel)), Optional.empty()).task();
    }

    Optional<String> ts(Task task) {
        return svc.service.tasks().get(task.id()).slack().flatMap(SlackPlace::messageTs);
    }

    /** Moves the clock past each retry's back-off until {@code done}, for at most 15 seconds. */
    void retryUntil(BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            clock.advance(Duration.ofSeconds(3));
            sleep(100);
        }
        assertThat(done.getAsBoolean()).as("done within 15s; calls: " + FakeSlack.methods(slack.calls())).isTrue();
    }

    int pending() {
        return db.jdbi().withExtension(OutboxDao.class, OutboxDao::pending);
    }

    List<String> lookups() {
        return FakeSlack.methods(slack.calls()).stream()
                .filter(m -> m.startsWith("conversations.history") || m.startsWith("conversations.replies")).toList();
    }

    @Test
    void aNormalDeliveryIsOnePostWithItsRowAsMetadataAndNoLookUp() {
        for (int i = 0; i < 5; i++) {
            create("Plain " + i, "CPLAIN" + i, Optional.empty(), Optional.empty());
        }
        waitFor(() -> slack.posted().size() == 5 && pending() == 0);
        Quiescence.await(svc);
        assertThat(slack.calls("chat.postMessage")).hasSize(5);
        assertThat(lookups()).as("a first try looks nothing up").isEmpty();
        assertThat(slack.posted()).allSatisfy(p -> assertThat(p.param("metadata")).contains("\"event_type\":\"taskbridge_outbox\""));
        assertThat(slack.posted().stream().map(FakeSlack::outboxRow).map(Optional::orElseThrow).distinct()).hasSize(5);
    }

    @Test
    void aTaskMessageWhoseAnswerWasLostIsNotPostedAgainAndItsTsIsRecorded() {
        slack.failNext("chat.postMessage", new FakeSlack.Failure.AcceptedButLost(503));
        Task task = create("Lost answer", "CLOST", Optional.empty(), Optional.empty());
        waitFor(() -> slack.posted().size() == 1);
        retryUntil(() -> ts(task).isPresent() && pending() == 0);

        assertThat(slack.posted()).hasSize(1);
        assertThat(ts(task)).contains(slack.messages().get(0).ts());
        assertThat(slack.calls("conversations.history")).singleElement().satisfies(h -> {
            assertThat(h.param("channel")).isEqualTo("CLOST");
            assertThat(h.param("include_all_metadata")).isIn("1", "true");
        });
        // Found rather than posted: brought up to date in place, since the task may have changed since.
        assertThat(slack.calls("chat.update")).singleElement()
                .satisfies(u -> assertThat(u.param("ts")).isEqualTo(ts(task).orElseThrow()));
    }

    @Test
    void aReminderReplyAndDmWhoseAnswersWereLostAreNotPostedAgain() {
        Task task = create("Due soon", "CREM", Optional.of(START.plus(Duration.ofHours(1))), Optional.of("UALICE"));
        waitFor(() -> ts(task).isPresent() && pending() == 0);
        String parent = ts(task).orElseThrow();

        slack.failNext("chat.postMessage", new FakeSlack.Failure.AcceptedButLost(503));
        slack.failNext("chat.postMessage", new FakeSlack.Failure.AcceptedButLost(503));
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        waitFor(() -> slack.posted().size() == 3);
        retryUntil(() -> pending() == 0);
        Quiescence.await(svc);

        assertThat(slack.posted()).hasSize(3);
        assertThat(slack.posted()).filteredOn(p -> parent.equals(p.param("thread_ts"))).hasSize(1);
        assertThat(slack.posted()).filteredOn(p -> "DUALICE".equals(p.param("channel"))).hasSize(1);
        assertThat(slack.calls("conversations.replies")).singleElement()
                .satisfies(r -> assertThat(r.param("ts")).isEqualTo(parent));
        assertThat(slack.calls("conversations.history")).singleElement()
                .satisfies(h -> assertThat(h.param("channel")).isEqualTo("DUALICE"));
    }

    @Test
    void aRateLimitedLookUpWaitsAndNeverPostsBlindly() {
        slack.failNext("chat.postMessage", new FakeSlack.Failure.AcceptedButLost(503));
        slack.failNext("conversations.history", new FakeSlack.Failure.RateLimited(1));
        slack.failNext("conversations.history", new FakeSlack.Failure.ServerError(500));
        Task task = create("Limited look-up", "CLIMIT", Optional.empty(), Optional.empty());
        retryUntil(() -> ts(task).isPresent() && pending() == 0);

        assertThat(slack.calls("conversations.history")).hasSize(3);
        assertThat(slack.calls("chat.postMessage")).as("one post, however the look-ups went").hasSize(1);
        assertThat(ts(task)).contains(slack.messages().get(0).ts());
    }

    @Test
    void aPublicChannelTheBotNeverJoinedIsJoinedToLookItUp() {
        slack.notMember("CPUBLIC"); // posted with chat:write.public, so history says not_in_channel
        slack.failNext("chat.postMessage", new FakeSlack.Failure.AcceptedButLost(503));
        Task task = create("Public", "CPUBLIC", Optional.empty(), Optional.empty());
        retryUntil(() -> ts(task).isPresent() && pending() == 0);

        assertThat(slack.calls("conversations.join")).singleElement()
                .satisfies(j -> assertThat(j.param("channel")).isEqualTo("CPUBLIC"));
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
        assertThat(ts(task)).contains(slack.messages().get(0).ts());
    }

    static void waitFor(BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            sleep(20);
        }
        assertThat(done.getAsBoolean()).as("done within 10s").isTrue();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
