package io.taskbridge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.task.Source;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.FakeTaskApi;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Changes that come from a task system say so: a webhook's as {@code webhook}, a poll's as {@code poll}. */
class AuditSourcesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "whsec-audit";

    @Test
    void aWebhookAndAPollAreRecordedAsSuch() throws Exception {
        try (FakeTaskApi fake = new FakeTaskApi()) {
            Map<String, String> env = Map.of("TASKAPI_BASE_URL", fake.baseUrl(), "TASKAPI_TOKEN", FakeTaskApi.TOKEN,
                    "TASKAPI_WEBHOOK_SECRET", SECRET, "TASKBRIDGE_POLL_INTERVAL", "1h");
            try (RunningService svc = new RunningService(Databases.sqliteUrl(), env, List.of(), new FakeSlack())) {
                svc.poll("taskapi"); // the first poll imports what exists (nothing yet), quietly
                FakeTaskApi.Task t = fake.seed("Prepare quarterly report", "IN_PROGRESS");
                String body = "{\"event\":\"task.updated\",\"task\":{\"id\":\"" + t.id + "\"}}";
                assertThat(webhook(svc, body).statusCode()).isEqualTo(202);
                Quiescence.await(svc);
                Task local = svc.service.tasks().list(TaskQuery.all()).stream()
                        .filter(x -> x.title().equals("Prepare quarterly report")).findFirst().orElseThrow();

                fake.edit(t.id, x -> x.status = "DONE");
                svc.poll("taskapi");
                assertThat(svc.service.tasks().get(local.id()).status()).isEqualTo(Status.DONE);

                AuditLog.Page page;
                try (io.taskbridge.platform.Database db = io.taskbridge.platform.Database.open(svc.dbUrl, null, null)) {
                    page = new AuditLog(db.jdbi()).ofTask(local.id(), 0L, 100);
                }
                assertThat(page.entries()).extracting(e -> e.action().word() + " " + e.actor() + " " + e.source())
                        .containsExactly("task.created taskapi " + Source.WEBHOOK,
                                "task.status taskapi " + Source.POLL);
                assertThat(page.entries().get(1).details()).isEqualTo("IN_PROGRESS -> DONE");
            }
        }
    }

    private static HttpResponse<String> webhook(RunningService svc, String body) throws Exception {
        String ts = String.valueOf(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal((ts + "." + body).getBytes(StandardCharsets.UTF_8)));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + svc.service.port() + "/webhooks/taskapi"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("X-Taskbridge-Timestamp", ts).header("X-Taskbridge-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
