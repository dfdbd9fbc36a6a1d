package io.taskbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackReply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * TASKBRIDGE_SANDBOX=on beside a configured Slack (the strict fake Slack, workspace T1): the sandbox
 * is a workspace of its own, with its own token on its own Web API and its own signing secret. A
 * task made in /try does not exist for the real workspace's commands, buttons or REST keys, and the
 * real workspace's tasks do not exist in /try; no Web API call of one goes to the other's API.
 */
class SandboxBesideSlackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_KEY = "admin-key-beside";
    private final HttpClient http = HttpClient.newHttpClient();
    private int n;

    @Test
    void theSandboxAndTheRealWorkspaceNeverSeeEachOthersTasks() throws Exception {
        try (RunningService svc = new RunningService(Databases.sqliteUrl(),
                Map.of("TASKBRIDGE_SANDBOX", "on", "TASKBRIDGE_ADMIN_KEY", ADMIN_KEY))) {
            // In /try: Avery makes a task in the sandbox's #general; it is posted through the stand-in.
            post(svc, "/try/command", "{\"as\":\"U01AVERY\",\"channel\":\"C01GENERAL\",\"text\":\"add Sandbox secret #shared\"}");
            await(svc, "U01AVERY", s -> s.toString().contains("Sandbox secret") && s.path("messages").size() == 2);
            Task sandboxTask = only(svc, "Sandbox secret");
            assertThat(sandboxTask.workspace().value()).isEqualTo("T0SANDBOX");

            // In the real workspace: a task of its own, posted to the real (fake) Slack.
            assertThat(command(svc, "add Real one #shared", "UREAL", "C1")).contains("Real one");
            Task realTask = only(svc, "Real one");
            svc.awaitMessageTs(realTask.id());
            assertThat(realTask.workspace().value()).isEqualTo("T1");

            // The real workspace's /task list and show: the sandbox's task does not exist there.
            assertThat(command(svc, "list #shared", "UREAL", "C1")).contains("Real one").doesNotContain("Sandbox secret");
            assertThat(command(svc, "show " + sandboxTask.id(), "UREAL", "C1")).contains("There is no task #" + sandboxTask.id());
            assertThat(command(svc, "done " + sandboxTask.id(), "UREAL", "C1")).contains("There is no task #" + sandboxTask.id());

            // The real workspace's REST keys: neither listed nor found.
            HttpResponse<String> list = rest(svc, "/v1/tasks?limit=100");
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).contains("Real one").doesNotContain("Sandbox secret");
            assertThat(rest(svc, "/v1/tasks/" + sandboxTask.id()).statusCode()).isEqualTo(404);
            assertThat(rest(svc, "/v1/tasks/" + realTask.id()).statusCode()).isEqualTo(200);

            // And the reverse: /try's /task list and show do not know the real workspace's task.
            post(svc, "/try/command", "{\"as\":\"U01AVERY\",\"channel\":\"C01GENERAL\",\"text\":\"list #shared\"}");
            await(svc, "U01AVERY", s -> s.path("messages").size() == 3);
            post(svc, "/try/command", "{\"as\":\"U01AVERY\",\"channel\":\"C01GENERAL\",\"text\":\"show " + realTask.id() + "\"}");
            JsonNode avery = await(svc, "U01AVERY", s -> s.toString().contains("There is no task #" + realTask.id()));
            assertThat(avery.toString()).doesNotContain("Real one");
            Quiescence.await(svc);

            assertThat(svc.service.tasks().get(sandboxTask.id()).status()).as("the real workspace's done changed nothing")
                    .isEqualTo(sandboxTask.status());
            // Nothing of the sandbox reached the real Slack's Web API, and every call there had the real token.
            assertThat(svc.slack.calls()).noneMatch(c -> String.valueOf(c.form()).contains("Sandbox secret")
                    || String.valueOf(c.json()).contains("Sandbox secret"));
            assertThat(svc.slack.calls()).noneMatch(c -> String.valueOf(c.form()).contains("U01AVERY"));
        }
    }

    @Test
    void aRequestSignedWithTheRealSecretCannotActInTheSandboxsWorkspace() throws Exception {
        try (RunningService svc = new RunningService(Databases.sqliteUrl(), Map.of("TASKBRIDGE_SANDBOX", "on"))) {
            post(svc, "/try/command", "{\"as\":\"U01AVERY\",\"channel\":\"C01GENERAL\",\"text\":\"add Kept apart\"}");
            await(svc, "U01AVERY", s -> s.path("messages").size() == 2);
            Task task = only(svc, "Kept apart");
            HttpResponse<String> forged = svc.requests.fromTeam("T0SANDBOX").command("done " + task.id(), "U01AVERY",
                    "C01GENERAL", "t-forged", svc.slack.responseUrl("forged"));
            assertThat(forged.statusCode()).isEqualTo(401);
            Quiescence.await(svc);
            assertThat(svc.service.tasks().get(task.id()).status()).isEqualTo(task.status());
        }
    }

    @Test
    void neverOnByDefaultBesideSlack() throws Exception {
        try (RunningService svc = new RunningService()) {
            assertThat(svc.get("/try").statusCode()).isEqualTo(404);
        }
    }

    private String command(RunningService svc, String text, String user, String channel) {
        String id = "beside-" + (++n);
        return SlackReply.of(svc.requests.command(text, user, channel, "t-" + id, svc.slack.responseUrl(id)), svc.slack, id);
    }

    private static Task only(RunningService svc, String title) {
        return svc.service.tasks().list(TaskQuery.all()).stream().filter(t -> t.title().equals(title)).findFirst()
                .orElseThrow();
    }

    private HttpResponse<String> rest(RunningService svc, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + svc.service.port() + path))
                .header("Authorization", "Bearer " + ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode state(RunningService svc, String user) throws Exception {
        return JSON.readTree(svc.get("/try/state?as=" + user).body());
    }

    private JsonNode await(RunningService svc, String user, Predicate<JsonNode> test) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode last = state(svc, user);
        while (!test.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(25);
            last = state(svc, user);
        }
        assertThat(test.test(last)).as("state of %s: %s", user, last).isTrue();
        return last;
    }

    private JsonNode post(RunningService svc, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + svc.service.port() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
