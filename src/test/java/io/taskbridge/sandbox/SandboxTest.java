package io.taskbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.Config;
import io.taskbridge.Taskbridge;
import io.taskbridge.task.Task;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The sandbox over plain HTTP on loopback: when it runs, and that its actions take the service's real path. */
class SandboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private static Taskbridge start(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "TASKBRIDGE_DB_URL", Databases.sqliteUrl(),
                "TASKBRIDGE_OUTBOX_POLL_MS", "200"));
        env.putAll(extra);
        return Taskbridge.start(Config.from(env), Clock.systemUTC());
    }

    @Test
    void aCommandFromThePageIsSignedAndRunsThroughBoltTheStoreAndTheStandIn() throws Exception {
        try (Taskbridge service = start(Map.of())) {
            JsonNode answer = post(service, "/try/command",
                    "{\"as\":\"U01AVERY\",\"channel\":\"C01GENERAL\",\"text\":\"add Close the books @bea due friday 5pm #q4\"}");
            assertThat(answer.path("ok").asBoolean()).isTrue();
            // the zone is looked up after the ack; the outbox posts the task message through the stand-in,
            // and the confirmation comes back through response_url
            JsonNode avery = await(service, "U01AVERY", s -> s.path("messages").size() == 2);
            assertThat(avery.path("messages").findValuesAsText("ephemeral")).containsExactlyInAnyOrder("true", "false");

            Task task = service.tasks().get(1);
            assertThat(task.createdBy()).isEqualTo("U01AVERY");
            assertThat(task.assignee()).contains("U02BEA");
            assertThat(task.tags()).containsExactly("q4");
            assertThat(task.slack().orElseThrow().teamId()).as("the sandbox's own workspace").isEqualTo("T0SANDBOX");
            // users.info answered from the stand-in: "5pm" is read in Avery's zone
            assertThat(task.dueDate().orElseThrow().atZone(ZoneId.of("America/New_York")).getHour()).isEqualTo(17);

            JsonNode bea = state(service, "U02BEA");
            assertThat(bea.path("messages")).hasSize(1);
            assertThat(bea.path("messages").get(0).path("ephemeral").asBoolean()).isFalse();
            assertThat(bea.path("messages").get(0).path("blocks").toString()).contains("task_done");
        }
    }

    @Test
    void anEmptyFormComesBackWithTheServicesInlineErrorAndNothingIsStored() throws Exception {
        try (Taskbridge service = start(Map.of())) {
            post(service, "/try/command", "{\"as\":\"U02BEA\",\"channel\":\"C02CLOSING\",\"text\":\"\"}");
            JsonNode modal = await(service, "U02BEA", s -> !s.path("modal").isNull()).path("modal");
            assertThat(modal.path("view").path("callback_id").asText()).isEqualTo("task_create");

            JsonNode answer = post(service, "/try/submit", "{\"as\":\"U02BEA\",\"viewId\":\"" + modal.path("id").asText()
                    + "\",\"values\":{\"title\":{\"title_input\":{\"type\":\"plain_text_input\",\"value\":null}}}}");
            assertThat(answer.path("ok").asBoolean()).isFalse();
            assertThat(answer.path("errors").path("title").asText()).isNotBlank();
            assertThat(service.tasks().list(io.taskbridge.task.TaskQuery.all())).isEmpty();
            assertThat(state(service, "U02BEA").path("modal").isNull()).as("the form stays open").isFalse();
        }
    }

    @Test
    void rejectingFromTheDmOpensTheCommentFormAndItsSubmissionSendsTheTaskBack() throws Exception {
        try (Taskbridge service = start(Map.of())) {
            post(service, "/try/command", "{\"as\":\"U01AVERY\",\"channel\":\"C01GENERAL\",\"text\":\"add Sign the audit letter\"}");
            await(service, "U01AVERY", s -> s.path("messages").size() == 2);
            post(service, "/try/command", "{\"as\":\"U01AVERY\",\"channel\":\"C01GENERAL\",\"text\":\"review 1 @bea\"}");
            JsonNode request = await(service, "U02BEA", s -> s.path("messages").findParents("channel").stream()
                    .anyMatch(m -> m.path("channel").asText().equals("D02BEA"))).path("messages").findParents("channel").stream()
                    .filter(m -> m.path("channel").asText().equals("D02BEA")).findFirst().orElseThrow();
            JsonNode reject = request.path("blocks").findParents("action_id").stream()
                    .filter(e -> e.path("action_id").asText().equals("approval_reject")).findFirst().orElseThrow();

            post(service, "/try/action", "{\"as\":\"U02BEA\",\"channel\":\"D02BEA\",\"ts\":\"" + request.path("ts").asText()
                    + "\",\"action\":{\"type\":\"button\",\"action_id\":\"approval_reject\",\"block_id\":\"x\",\"value\":\""
                    + reject.path("value").asText() + "\"}}");
            JsonNode modal = await(service, "U02BEA", s -> !s.path("modal").isNull()).path("modal");
            JsonNode answer = post(service, "/try/submit", "{\"as\":\"U02BEA\",\"viewId\":\"" + modal.path("id").asText()
                    + "\",\"values\":{\"comment\":{\"comment_input\":{\"type\":\"plain_text_input\",\"value\":\"Wrong year\"}}}}");

            assertThat(answer.path("ok").asBoolean()).as(answer.toString()).isTrue();
            assertThat(service.tasks().get(1).status()).isEqualTo(io.taskbridge.task.Status.IN_PROGRESS);
            assertThat(state(service, "U02BEA").path("modal").isNull()).as("the form closed").isTrue();
            await(service, "U02BEA", s -> s.toString().contains("Wrong year"));
        }
    }

    @Test
    void theSandboxDoesNotWeakenTheSignatureCheck() throws Exception {
        try (Taskbridge service = start(Map.of())) {
            HttpResponse<String> forged = new SlackRequests(service.port(), "a-guessed-secret")
                    .command("add forged", "U01AVERY", "C01GENERAL", "t1", "http://127.0.0.1:9/nowhere");
            assertThat(forged.statusCode()).isEqualTo(401);
            assertThat(service.tasks().list(io.taskbridge.task.TaskQuery.all())).isEmpty();
        }
    }

    @Test
    void aPersonOutsideAPrivateChannelCannotActInIt() throws Exception {
        try (Taskbridge service = start(Map.of())) {
            JsonNode answer = post(service, "/try/command",
                    "{\"as\":\"U03CHIKA\",\"channel\":\"C02CLOSING\",\"text\":\"add Peek\"}");
            assertThat(answer.path("ok").asBoolean()).isFalse();
            assertThat(service.tasks().list(io.taskbridge.task.TaskQuery.all())).isEmpty();
        }
    }

    @Test
    void offWhenSlackIsConfiguredOrWhenSwitchedOff() throws Exception {
        try (RunningService withSlack = new RunningService()) {
            assertThat(withSlack.get("/try").statusCode()).isEqualTo(404);
        }
        try (Taskbridge off = start(Map.of("TASKBRIDGE_SANDBOX", "off"))) {
            assertThat(get(off, "/try").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void onBesideSocketModeOrManyWorkspacesIsRefusedAndBesideOneHttpWorkspaceRuns() {
        Config beside = Config.from(Map.of("TASKBRIDGE_SANDBOX", "on", "SLACK_SIGNING_SECRET", "s", "SLACK_BOT_TOKEN", "xoxb-1"));
        assertThat(beside.sandbox().besides(beside.slack())).isTrue();
        assertThatThrownBy(() -> Config.from(Map.of("TASKBRIDGE_SANDBOX", "on", "SLACK_APP_TOKEN", "xapp-1",
                "SLACK_BOT_TOKEN", "xoxb-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TASKBRIDGE_SANDBOX=on");
        assertThatThrownBy(() -> Config.from(Map.of("TASKBRIDGE_SANDBOX", "on", "SLACK_SIGNING_SECRET", "s",
                "SLACK_CLIENT_ID", "c", "SLACK_CLIENT_SECRET", "cs", "TASKBRIDGE_PUBLIC_URL", "https://x.example",
                "TASKBRIDGE_ENCRYPTION_KEY", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multi-workspace");
        assertThatThrownBy(() -> Config.from(Map.of("TASKBRIDGE_SANDBOX", "maybe")))
                .hasMessageContaining("TASKBRIDGE_SANDBOX must be on, off or auto");
        assertThat(Config.from(Map.of()).sandbox().runsWith(Config.from(Map.of()).slack())).isTrue();
    }

    @Test
    void mentionsAndChannelsAreEscapedAsSlackEscapesThem() {
        assertThat(Actions.escape("review 3 @bea @Chika @nobody #general #q3 a@b.c"))
                .isEqualTo("review 3 <@U02BEA|bea> <@U03CHIKA|chika> @nobody <#C01GENERAL|general> #q3 a@b.c");
    }

    private JsonNode state(Taskbridge service, String user) throws Exception {
        return JSON.readTree(get(service, "/try/state?as=" + user).body());
    }

    /** Reads the state until {@code test} holds (the outbox posts after the command is answered). */
    private JsonNode await(Taskbridge service, String user, Predicate<JsonNode> test) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode last = state(service, user);
        while (!test.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(25);
            last = state(service, user);
        }
        assertThat(test.test(last)).as("state of %s: %s", user, last).isTrue();
        return last;
    }

    private HttpResponse<String> get(Taskbridge service, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode post(Taskbridge service, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return JSON.readTree(response.body());
    }
}
