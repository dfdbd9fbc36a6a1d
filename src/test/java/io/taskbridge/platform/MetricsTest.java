package io.taskbridge.platform;

import static io.taskbridge.testing.Scrape.sum;
import static io.taskbridge.testing.Scrape.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.slack.TaskMessage;
import io.taskbridge.sync.Webhooks;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.FakeTaskApi;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.Scrape;
import io.taskbridge.testing.SlackPayloads;
import io.taskbridge.testing.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} over real HTTP: a scripted scenario (slash commands, a click, a 429 from Slack, a
 * reminder, a poll, webhooks) and then a scrape whose numbers are the scenario's; off by default;
 * a key, when set, is required.
 */
class MetricsTest {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final Instant MONDAY = Instant.parse("2026-11-23T10:00:00Z");
    static final String CHANNEL = "C1METRICS";

    @Test
    void aScrapeShowsEachFamilyWithTheScenariosNumbers() throws Exception {
        TestClock clock = new TestClock(MONDAY);
        try (FakeTaskApi tasksystem = new FakeTaskApi(); FakeSlack slack = new FakeSlack(clock)) {
            slack.timeZone("UALICE", "Europe/Berlin");
            slack.timeZone("UBEA", "Europe/Berlin"); // 12:05 there: outside quiet hours
            Map<String, String> env = new HashMap<>(Map.of("TASKBRIDGE_METRICS", "on",
                    "TASKAPI_BASE_URL", tasksystem.baseUrl(), "TASKAPI_TOKEN", FakeTaskApi.TOKEN,
                    "TASKAPI_WEBHOOK_SECRET", "whsec-metrics", "TASKBRIDGE_POLL_INTERVAL", "1h",
                    "TASKBRIDGE_REMINDER_INTERVAL", "3600"));
            try (RunningService svc = new RunningService(Databases.sqliteUrl(), env, slack, clock)) {
                svc.poll("taskapi"); // the connection's first poll: nothing there yet, its cursor starts

                // Slash commands; the first task's post is answered 429 once and goes again after Retry-After.
                slack.failNext("chat.postMessage", new FakeSlack.Failure.RateLimited(1));
                assertThat(svc.requests.command("add Buy milk", "UALICE", CHANNEL, "t1", slack.responseUrl("r1"))
                        .statusCode()).isEqualTo(200);
                assertThat(svc.requests.command("new Call Bea", "UALICE", CHANNEL, "t2", slack.responseUrl("r2"))
                        .statusCode()).isEqualTo(200);
                assertThat(svc.requests.command("list", "UALICE", CHANNEL, "t3", slack.responseUrl("r3"))
                        .statusCode()).isEqualTo(200);
                assertThat(svc.requests.command("frobnicate 42", "UALICE", CHANNEL, "t4", slack.responseUrl("r4"))
                        .body()).contains(":warning:");
                Quiescence.await(svc); // the 429'd post goes again once Retry-After has passed
                assertThat(slack.channelMessages(CHANNEL)).hasSize(2);

                // A click on the first task's Done.
                Task milk = task(svc, "Buy milk");
                String ts = milk.slack().flatMap(SlackPlace::messageTs).orElseThrow();
                assertThat(svc.requests.interaction(SlackPayloads.buttonClick("UALICE", TaskMessage.DONE,
                        TaskMessage.ACTIONS_BLOCK + milk.id(), String.valueOf(milk.id()), CHANNEL, ts,
                        slack.responseUrl("c1"))).statusCode()).isEqualTo(200);
                Quiescence.await(svc);

                // A reminder, delivered five minutes after it was due: two messages (thread reply, DM), each 300 s late.
                Instant due = clock.instant().plus(Duration.ofHours(1));
                svc.service.tasks().create(TaskDraft.titled("Send the invoice").withDueDate(Optional.of(due))
                                .withAssignee(Optional.of("UBEA")), "UALICE",
                        Optional.of(SlackPlace.channel("T1", CHANNEL)), Optional.empty());
                Quiescence.await(svc);
                long lateFrom = System.nanoTime();
                clock.set(due.plus(Duration.ofMinutes(5)));
                assertThat(svc.service.reminderJob().tick().reminders()).isEqualTo(1);
                Quiescence.await(svc);

                // A poll that finds two changed tasks.
                tasksystem.seed("Prepare quarterly report", "IN_PROGRESS");
                tasksystem.seed("Close the books", "TODO");
                svc.poll("taskapi");

                // Webhooks: one accepted, one with a bad signature, one for a connection that does not exist.
                String body = "{\"event\":\"task.updated\",\"task\":{\"id\":\"" + tasksystem.tasks().get(0).id + "\"}}";
                String now = String.valueOf(clock.instant().getEpochSecond());
                String good = "sha256=" + Webhooks.sign(new Secret("whsec-metrics"), now, body.getBytes(StandardCharsets.UTF_8));
                assertThat(post(svc, "/webhooks/taskapi", body, Map.of(Webhooks.TIMESTAMP, now, Webhooks.SIGNATURE, good))
                        .statusCode()).isEqualTo(202);
                assertThat(post(svc, "/webhooks/taskapi", body, Map.of(Webhooks.TIMESTAMP, now, Webhooks.SIGNATURE, "sha256=00"))
                        .statusCode()).isEqualTo(401);
                assertThat(post(svc, "/webhooks/no-such-thing", body, Map.of()).statusCode()).isEqualTo(404);
                assertThat(post(svc, "/webhooks/taskapi", "{\"x\":\"" + "a".repeat(1_100_000) + "\"}", Map.of())
                        .statusCode()).isEqualTo(413);
                Quiescence.await(svc);
                assertThat(svc.get("/no/such/path-42").statusCode()).isEqualTo(404);

                HttpResponse<String> scrape = svc.get("/metrics");
                // The test's clock runs on from where it was set: each lag is 300 s and what has run since.
                double since = (System.nanoTime() - lateFrom) / 1e9;
                assertThat(scrape.statusCode()).isEqualTo(200);
                assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
                String m = scrape.body();

                // Slash commands by subcommand and outcome: 2 adds (one typed "new"), 1 list, 1 unknown.
                assertThat(value(m, "taskbridge_slack_commands_total", "subcommand", "add", "outcome", "ok")).isEqualTo(2);
                assertThat(value(m, "taskbridge_slack_commands_total", "subcommand", "list", "outcome", "ok")).isEqualTo(1);
                assertThat(value(m, "taskbridge_slack_commands_total", "subcommand", "unknown", "outcome", "refused")).isEqualTo(1);
                assertThat(sum(m, "taskbridge_slack_commands_total")).isEqualTo(4);
                // Button clicks by action.
                assertThat(value(m, "taskbridge_slack_clicks_total", "action", TaskMessage.DONE)).isEqualTo(1);
                assertThat(sum(m, "taskbridge_slack_clicks_total")).isEqualTo(1);
                // HTTP requests by route and status, with a latency histogram: 5 Slack requests, 3 webhook answers.
                assertThat(value(m, "taskbridge_http_requests_seconds_count", "method", "POST", "route", "/slack/events",
                        "status", "200")).isEqualTo(5);
                assertThat(value(m, "taskbridge_http_requests_seconds_count", "route", "/webhooks/{connection}",
                        "status", "202")).isEqualTo(1);
                assertThat(value(m, "taskbridge_http_requests_seconds_bucket", "route", "/slack/events", "status", "200",
                        "le", "+Inf")).isEqualTo(5);
                assertThat(m).contains("le=\"0.005\"", "le=\"10.0\"");
                // A path no route matches is counted under "unmatched": typed paths never become tags.
                assertThat(value(m, "taskbridge_http_requests_seconds_count", "method", "GET", "route", "unmatched",
                        "status", "404")).isEqualTo(1);
                assertThat(m).doesNotContain("path-42");
                // Deliveries by destination and result, the 429 included.
                assertThat(value(m, "taskbridge_outbox_deliveries_total", "destination", "slack", "kind", "task_message",
                        "result", "rate_limited")).isEqualTo(1);
                assertThat(value(m, "taskbridge_outbox_deliveries_total", "destination", "slack", "kind", "task_message",
                        "result", "delivered")).isGreaterThanOrEqualTo(3);
                assertThat(value(m, "taskbridge_outbox_deliveries_total", "destination", "slack", "kind", "reminder_reply",
                        "result", "delivered")).isEqualTo(1);
                assertThat(value(m, "taskbridge_outbox_deliveries_total", "destination", "slack", "kind", "reminder_dm",
                        "result", "delivered")).isEqualTo(1);
                // Reminder lag: two deliveries, each 300 s late (and the moments the test took since) on the service's clock.
                assertThat(value(m, "taskbridge_reminder_lag_seconds_count")).isEqualTo(2);
                assertThat(value(m, "taskbridge_reminder_lag_seconds_sum")).isBetween(600.0, 600 + 2 * since);
                assertThat(value(m, "taskbridge_reminder_lag_seconds_bucket", "le", "900.0")).isEqualTo(2);
                assertThat(value(m, "taskbridge_reminder_lag_seconds_bucket", "le", "120.0")).isZero();
                // Outbox gauges, read from the store: nothing waits, nothing is dead.
                assertThat(value(m, "taskbridge_outbox_rows", "state", "pending")).isZero();
                assertThat(value(m, "taskbridge_outbox_rows", "state", "dead")).isZero();
                assertThat(value(m, "taskbridge_outbox_oldest_pending_age_seconds")).isZero();
                // Polls: duration by connection, and the changes they found.
                assertThat(value(m, "taskbridge_poll_changes_total", "connection", "taskapi")).isEqualTo(2);
                assertThat(value(m, "taskbridge_poll_duration_seconds_count", "connection", "taskapi", "result", "ok"))
                        .isGreaterThanOrEqualTo(2);
                // Webhooks by result; an unknown connection's name is not a tag.
                assertThat(value(m, "taskbridge_webhook_deliveries_total", "connection", "taskapi", "result", "accepted")).isEqualTo(1);
                assertThat(value(m, "taskbridge_webhook_deliveries_total", "connection", "taskapi", "result", "refused")).isEqualTo(1);
                assertThat(value(m, "taskbridge_webhook_deliveries_total", "connection", "unknown", "result",
                        "unknown_connection")).isEqualTo(1);
                assertThat(value(m, "taskbridge_webhook_deliveries_total", "connection", "taskapi", "result", "too_large"))
                        .isEqualTo(1);
                assertThat(m).doesNotContain("no-such-thing");
                // Installations: one workspace in single-workspace mode.
                assertThat(value(m, "taskbridge_installations")).isEqualTo(1);
                // The group commit: the two tasks' writes (and whatever else wrote through it), in at
                // most as many transactions.
                double writes = value(m, "taskbridge_group_commit_writes_total");
                assertThat(writes).isGreaterThanOrEqualTo(2);
                assertThat(value(m, "taskbridge_group_commit_transactions_total")).isBetween(1.0, writes);
                // SQLite's write-ahead log: there, holding the writes, and kept small (WalCheckpoints).
                assertThat(value(m, "taskbridge_sqlite_wal_bytes")).isBetween(1.0, 64.0 * (1 << 20));
                // The JVM's own.
                assertThat(m).contains("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads",
                        "process_cpu_usage", "process_uptime_seconds");
                // Secrets never show.
                assertThat(m).doesNotContain("whsec-metrics", FakeTaskApi.TOKEN, RunningService.SECRET);
            }
        }
    }

    @Test
    void aPendingRowShowsInTheGaugesWithItsAge() throws Exception {
        TestClock clock = new TestClock(MONDAY);
        try (FakeSlack slack = new FakeSlack(clock)) {
            slack.failNext("chat.postMessage", new FakeSlack.Failure.RateLimited(60));
            try (RunningService svc = new RunningService(Databases.sqliteUrl(), Map.of("TASKBRIDGE_METRICS", "on"),
                    slack, clock)) {
                long from = System.nanoTime();
                svc.requests.command("add Water the plants", "UALICE", CHANNEL, "t1", slack.responseUrl("r1"));
                slack.await("chat.postMessage");
                clock.advance(Duration.ofSeconds(42));
                String m = awaitScrape(svc, s -> value(s, "taskbridge_outbox_deliveries_total", "destination", "slack",
                        "kind", "task_message", "result", "rate_limited") == 1);
                assertThat(value(m, "taskbridge_outbox_rows", "state", "pending")).isEqualTo(1);
                // Queued after `from`; the clock was moved 42 s on and flows: the age is 42 s and at most what ran since.
                double since = (System.nanoTime() - from) / 1e9;
                assertThat(value(m, "taskbridge_outbox_oldest_pending_age_seconds")).isBetween(42.0, 42 + since);
            }
        }
    }

    @Test
    void offByDefault() {
        try (RunningService svc = new RunningService()) {
            assertThat(svc.get("/metrics").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aKeyIsRequiredWhenSet() throws Exception {
        String key = "metrics-key-0123456789";
        try (RunningService svc = new RunningService(Databases.sqliteUrl(), Map.of("TASKBRIDGE_METRICS_KEY", key))) {
            assertThat(scrape(svc, Optional.empty()).statusCode()).isEqualTo(401);
            HttpResponse<String> wrong = scrape(svc, Optional.of("Bearer " + key + "x"));
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
            assertThat(wrong.body()).doesNotContain(key);
            assertThat(scrape(svc, Optional.of("Bearer " + key.substring(1))).statusCode()).isEqualTo(401);
            assertThat(scrape(svc, Optional.of(key)).statusCode()).isEqualTo(401);
            HttpResponse<String> right = scrape(svc, Optional.of("Bearer " + key));
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(right.body()).contains("taskbridge_installations").doesNotContain(key);
        }
    }

    private static Task task(RunningService svc, String title) {
        return svc.service.tasks().list(TaskQuery.all()).stream().filter(t -> t.title().equals(title)).findFirst()
                .orElseThrow();
    }

    private static String awaitScrape(RunningService svc, java.util.function.Predicate<String> ready)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            String body = svc.get("/metrics").body();
            if (ready.test(body)) {
                return body;
            }
            assertThat(System.nanoTime()).as("metrics reached the expected state").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static HttpResponse<String> scrape(RunningService svc, Optional<String> authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + svc.service.port() + "/metrics"))
                .timeout(Duration.ofSeconds(10));
        authorization.ifPresent(a -> b.header("Authorization", a));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(RunningService svc, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + svc.service.port() + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
