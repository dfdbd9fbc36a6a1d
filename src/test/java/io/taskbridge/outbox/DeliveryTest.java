package io.taskbridge.outbox;

import io.taskbridge.outbox.Delivery;
import io.taskbridge.outbox.OutboxWorker;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskbridge.platform.Json;
import io.taskbridge.platform.Database;
import io.taskbridge.outbox.OutboxDao;
import io.taskbridge.outbox.OutboxRow;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delivery to Slack through the outbox: pacing, 429 Retry-After, retries, dead letters, the admin list, the fallback DM. */
class DeliveryTest {
    static final String ADMIN_KEY = "admin-test-key";

    TestClock clock;
    FakeSlack slack;
    RunningService svc;
    Database db;

    @BeforeEach
    void start() {
        clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
        slack = new FakeSlack();
        String url = Databases.sqliteUrl();
        svc = new RunningService(url, Map.of("TASKBRIDGE_REMINDER_INTERVAL", "0.2", "TASKBRIDGE_ADMIN_KEY", ADMIN_KEY),
                slack, clock);
        db = Database.open(url, null, null);
    }

    @AfterEach
    void stop() {
        db.close();
        svc.close();
        slack.close();
    }

    Task create(String title, String channel) {
        return svc.service.tasks().create(TaskDraft.titled(title), "UBOB",
                Optional.of(SlackPlace.channel("T1", channel)), Optional.empty()).task();
    }

    List<OutboxRow> rows(String state) {
        return db.jdbi().withExtension(OutboxDao.class, dao -> dao.inState(state, 100));
    }

    HttpResponse<String> admin(String query, Optional<String> key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + svc.service.port() + "/admin/outbox" + query));
        key.ifPresent(k -> b.header("Authorization", "Bearer " + k));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The pace itself is {@link ChannelPacerTest}'s, on a clock it drives; here the whole path takes
     * a burst: every task's post arrives once. The fake's own real-time
     * bucket is off: two real-time buckets racing each other under load is what made this flaky,
     * and a 429 would wait Retry-After on this test's clock, which does not move by itself.
     */
    @Test
    void aBurstToOneChannelIsDeliveredOnceEach() {
        slack.postsPerChannelBurst(0);
        for (int i = 1; i <= 8; i++) {
            create("Burst " + i, "CBURST");
        }
        slack.await("chat.postMessage", c -> slack.posted().size() == 8);
        // The last row is deleted just after its post returns.
        Quiescence.await(svc);
        assertThat(slack.paceRefusals()).isZero();
        assertThat(rows("pending")).as("delivered and deleted").isEmpty();
        List<String> seen = slack.channelMessages("CBURST").stream().map(FakeSlack.Message::seen).toList();
        assertThat(seen).hasSize(8);
        for (int i = 1; i <= 8; i++) {
            String title = "Burst " + i + "*";
            assertThat(seen).as(title).filteredOn(m -> m.contains(title)).hasSize(1);
        }
    }

    @Test
    void a429WaitsRetryAfterWithoutSpendingAnAttempt() {
        slack.failNext("chat.postMessage", new FakeSlack.Failure.RateLimited(1));
        slack.failNext("chat.postMessage", new FakeSlack.Failure.RateLimited(1));
        long before = clock.millis();
        Task task = create("Rate limited", "C429");
        // Each 429 leaves the row waiting Retry-After (1 s on the service's clock) with no attempt spent.
        for (int refused = 1; refused <= 2; refused++) {
            int calls = refused;
            OutboxRow waiting = awaitRow(r -> r.lastError().filter(e -> e.contains("rate limited")).isPresent()
                    && r.leaseUntil() == 0 && slack.calls("chat.postMessage").size() == calls);
            long after = clock.millis();
            assertThat(waiting.attempts()).as("a 429 is not an attempt").isZero();
            assertThat(waiting.nextAttemptAt()).as("Retry-After: 1, counted from the refusal")
                    .isBetween(before + 1_000, after + 1_000);
            assertThat(slack.posted()).isEmpty();
            clock.advance(Duration.ofSeconds(1));
            before = clock.millis();
        }
        slack.await("chat.postMessage", c -> "C429".equals(c.param("channel")) && slack.posted().size() == 1);
        Quiescence.await(svc);
        assertThat(slack.calls("chat.postMessage")).hasSize(3);
        assertThat(rows("pending")).as("delivered and deleted").isEmpty();
        assertThat(slack.channelMessages("C429")).singleElement()
                .satisfies(m -> assertThat(m.seen()).contains("#" + task.id() + " Rate limited"));
    }

    @Test
    void serverErrorsRetryWithBackoffAndTheLastAttemptGoesDeadAndIsListed() throws Exception {
        int attempts = 12; // README: "marking a row dead after 12 attempts"
        for (int i = 0; i < attempts; i++) {
            slack.failNext("chat.postMessage", new FakeSlack.Failure.ServerError(503));
        }
        create("Never arrives", "C503");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (rows("dead").isEmpty() && System.nanoTime() < deadline) {
            clock.advance(Duration.ofMinutes(11)); // past the longest back-off, so each retry comes due at once
            sleep(150);
        }
        OutboxRow dead = rows("dead").get(0);
        assertThat(dead.attempts()).isEqualTo(attempts);
        assertThat(dead.lastError()).contains("http_503");
        assertThat(slack.calls("chat.postMessage")).hasSize(attempts);

        assertThat(admin("?state=dead", Optional.empty()).statusCode()).isEqualTo(401);
        assertThat(admin("?state=dead", Optional.of("wrong")).statusCode()).isEqualTo(401);
        HttpResponse<String> listed = admin("?state=dead", Optional.of(ADMIN_KEY));
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode body = Json.mapper().readTree(listed.body());
        assertThat(body.get("rows")).hasSize(1);
        assertThat(body.get("rows").get(0).get("kind").asText()).isEqualTo("task_message");
        assertThat(body.get("rows").get(0).get("lastError").asText()).isEqualTo("http_503");
        assertThat(listed.body()).doesNotContain(ADMIN_KEY).doesNotContain("xoxb-");
        assertThat(admin("?state=gone", Optional.of(ADMIN_KEY)).statusCode()).isEqualTo(400);
    }

    @Test
    void aTransientSlackErrorIsRetried() {
        slack.failNext("chat.postMessage", new FakeSlack.Failure.SlackError("internal_error"));
        create("Retried", "CRETRY");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (slack.posted().isEmpty() && System.nanoTime() < deadline) {
            clock.advance(Duration.ofSeconds(3));
            sleep(150);
        }
        assertThat(slack.posted()).hasSize(1);
        assertThat(slack.calls("chat.postMessage")).hasSize(2);
    }

    @Test
    void notInChannelGoesDeadAndTellsTheCreatorHowToInviteTheBot() {
        slack.failNext("chat.postMessage", new FakeSlack.Failure.SlackError("not_in_channel"));
        Task task = create("Private plans", "CPRIVATE");
        FakeSlack.Call dm = slack.await("chat.postMessage", c -> "DUBOB".equals(c.param("channel")));
        assertThat(dm.param("text")).contains("/invite @Taskbridge").contains("#" + task.id());
        assertThat(slack.await("conversations.open").param("users")).isEqualTo("UBOB");
        assertThat(rows("dead")).singleElement().satisfies(r -> assertThat(r.lastError()).contains("not_in_channel"));
        assertThat(slack.calls("chat.postMessage")).filteredOn(c -> "CPRIVATE".equals(c.param("channel"))).hasSize(1);
    }

    @Test
    void withoutAnAdminKeyTheAdminEndpointAdmitsNobody() {
        try (RunningService plain = new RunningService()) {
            assertThat(plain.get("/admin/outbox?state=dead").statusCode()).isEqualTo(401);
        }
    }

    /** Waits up to ten seconds for a pending row matching {@code test}. */
    OutboxRow awaitRow(java.util.function.Predicate<OutboxRow> test) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (OutboxRow r : rows("pending")) {
                if (test.test(r)) {
                    return r;
                }
            }
            sleep(10);
        }
        throw new AssertionError("no pending row matched; rows: " + rows("pending"));
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
