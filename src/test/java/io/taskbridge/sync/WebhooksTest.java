package io.taskbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Secret;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeAwork;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.FakeTaskApi;
import io.taskbridge.testing.RunningService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inbound webhooks over loopback: awork's header token, the generic HMAC signature, repeats applied once. */
class WebhooksTest {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static HttpResponse<String> post(RunningService svc, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + svc.service.port() + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Task await(RunningService svc, java.util.function.Predicate<Task> test) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (Task t : svc.service.tasks().list(TaskQuery.all())) {
                if (test.test(t)) {
                    return t;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no task matched; tasks: " + svc.service.tasks().list(TaskQuery.all()));
    }

    @Test
    void aworkWebhooksNeedTheirHeaderAndAreAppliedOnce() throws Exception {
        try (FakeAwork fake = new FakeAwork()) {
            Map<String, String> env = new HashMap<>(Map.of("AWORK_BASE_URL", fake.baseUrl(), "AWORK_API_KEY", FakeAwork.KEY,
                    "AWORK_PROJECT_ID", FakeAwork.PROJECT, "AWORK_WEBHOOK_HEADER", "X-Awork-Hook",
                    "AWORK_WEBHOOK_SECRET", "hook-value-42", "TASKBRIDGE_POLL_INTERVAL", "1h",
                    "TASKBRIDGE_ADMINS", "UB"));
            try (RunningService svc = new RunningService(Databases.sqliteUrl(), env, List.of(), new FakeSlack())) {
                svc.service.pollNow("awork"); // the first poll imports quietly; from here on, changes are told
                svc.requests.command("subscribe awork", "UB", "C2", "t1", svc.slack.responseUrl("s"));
                svc.slack.await("response_url");
                FakeAwork.Task t = fake.seed("Create logo concept", FakeAwork.PROJECT);
                String body = "{\"eventType\":\"task_added\",\"entity\":{\"id\":\"" + t.id + "\",\"name\":\"Create logo concept\"}}";

                assertThat(post(svc, "/webhooks/awork", body, Map.of()).statusCode()).isEqualTo(401);
                assertThat(post(svc, "/webhooks/awork", body, Map.of("X-Awork-Hook", "nope")).statusCode()).isEqualTo(401);
                assertThat(post(svc, "/webhooks/nothing", body, Map.of()).statusCode()).isEqualTo(404);
                HttpResponse<String> ok = post(svc, "/webhooks/awork", body, Map.of("X-Awork-Hook", "hook-value-42"));
                assertThat(ok.statusCode()).isEqualTo(202);
                await(svc, x -> x.title().equals("Create logo concept"));
                HttpResponse<String> again = post(svc, "/webhooks/awork", body, Map.of("X-Awork-Hook", "hook-value-42"));
                assertThat(again.statusCode()).isEqualTo(200);
                assertThat(again.body()).contains("duplicate");

                fake.edit(t.id, x -> x.statusId = "s-done");
                String done = "{\"eventType\":\"task_status_changed\",\"entity\":{\"id\":\"" + t.id + "\"}}";
                assertThat(post(svc, "/webhooks/awork", done, Map.of("X-Awork-Hook", "hook-value-42")).statusCode()).isEqualTo(202);
                await(svc, x -> x.status() == Status.DONE);
                svc.slack.await("chat.postMessage", c -> "C2".equals(c.param("channel")) && c.param("text").contains("*Done*"));
                assertThat(svc.slack.calls("chat.postMessage").stream()
                        .filter(c -> "C2".equals(c.param("channel")) && c.param("text").contains("created"))).hasSize(1);

                String deleted = "{\"eventType\":\"task_deleted\",\"entity\":{\"id\":\"" + t.id + "\"}}";
                assertThat(post(svc, "/webhooks/awork", deleted, Map.of("X-Awork-Hook", "hook-value-42")).statusCode()).isEqualTo(202);
                await(svc, x -> x.status() == Status.CANCELED);
            }
        }
    }

    @Test
    void genericWebhooksAreSignedWithinFiveMinutes() throws Exception {
        try (FakeTaskApi fake = new FakeTaskApi()) {
            Map<String, String> env = Map.of("TASKAPI_BASE_URL", fake.baseUrl(), "TASKAPI_TOKEN", FakeTaskApi.TOKEN,
                    "TASKAPI_WEBHOOK_SECRET", "whsec-test", "TASKBRIDGE_POLL_INTERVAL", "1h");
            try (RunningService svc = new RunningService(Databases.sqliteUrl(), env, List.of(), new FakeSlack())) {
                FakeTaskApi.Task t = fake.seed("Prepare quarterly report", "IN_PROGRESS");
                String body = "{\"event\":\"task.updated\",\"task\":{\"id\":\"" + t.id + "\",\"title\":\"Prepare quarterly report\"}}";
                String now = String.valueOf(Instant.now().getEpochSecond());
                String stale = String.valueOf(Instant.now().minusSeconds(301).getEpochSecond());
                Secret secret = new Secret("whsec-test");
                String good = "sha256=" + Webhooks.sign(secret, now, body.getBytes(StandardCharsets.UTF_8));

                assertThat(post(svc, "/webhooks/taskapi", body, Map.of(Webhooks.TIMESTAMP, now,
                        Webhooks.SIGNATURE, "sha256=00")).statusCode()).isEqualTo(401);
                HttpResponse<String> old = post(svc, "/webhooks/taskapi", body, Map.of(Webhooks.TIMESTAMP, stale,
                        Webhooks.SIGNATURE, "sha256=" + Webhooks.sign(secret, stale, body.getBytes(StandardCharsets.UTF_8))));
                assertThat(old.statusCode()).isEqualTo(401);
                assertThat(old.body()).contains("five minutes").doesNotContain("whsec-test");
                assertThat(post(svc, "/webhooks/taskapi", body + " ", Map.of(Webhooks.TIMESTAMP, now,
                        Webhooks.SIGNATURE, good)).statusCode()).isEqualTo(401);
                assertThat(post(svc, "/webhooks/taskapi", body, Map.of(Webhooks.TIMESTAMP, now, Webhooks.SIGNATURE, good,
                        "X-Taskbridge-Delivery", "d-1")).statusCode()).isEqualTo(202);
                Task local = await(svc, x -> x.title().equals("Prepare quarterly report"));
                assertThat(local.status()).isEqualTo(Status.IN_PROGRESS);
                assertThat(post(svc, "/webhooks/taskapi", body, Map.of(Webhooks.TIMESTAMP, now, Webhooks.SIGNATURE, good,
                        "X-Taskbridge-Delivery", "d-1")).statusCode()).isEqualTo(200);

                // Known by its signed content, whatever the delivery header says: the captured delivery
                // sent again with a new header, or none, is not processed again.
                assertThat(post(svc, "/webhooks/taskapi", body, Map.of(Webhooks.TIMESTAMP, now, Webhooks.SIGNATURE, good,
                        "X-Taskbridge-Delivery", "d-2")).statusCode()).isEqualTo(200);
                assertThat(post(svc, "/webhooks/taskapi", body, Map.of(Webhooks.TIMESTAMP, now, Webhooks.SIGNATURE, good))
                        .statusCode()).isEqualTo(200);
                // A later update of the same task, whose body reads the same, is a new delivery; its
                // retry (same signed timestamp and body) is recognised.
                String later = String.valueOf(Long.parseLong(now) + 1);
                Map<String, String> laterHeaders = Map.of(Webhooks.TIMESTAMP, later, Webhooks.SIGNATURE,
                        "sha256=" + Webhooks.sign(secret, later, body.getBytes(StandardCharsets.UTF_8)));
                assertThat(post(svc, "/webhooks/taskapi", body, laterHeaders).statusCode()).isEqualTo(202);
                assertThat(post(svc, "/webhooks/taskapi", body, laterHeaders).statusCode()).isEqualTo(200);
            }
        }
    }
}
