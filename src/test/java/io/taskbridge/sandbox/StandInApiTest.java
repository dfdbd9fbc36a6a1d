package io.taskbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.taskbridge.testing.SlackRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in Web API as a Slack client sees it (form-encoded methods), and what the page then shows. */
class StandInApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Sandbox sandbox;
    private Javalin page;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start();
        page = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            sandbox.addTo(cfg.routes);
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        page.stop();
        sandbox.close();
    }

    @Test
    void usersInfoAnswersEachPersonsZoneAndUnknownPeopleAreNotFound() throws Exception {
        assertThat(call("users.info", Map.of("user", "U03CHIKA")).path("user").path("tz").asText()).isEqualTo("Asia/Tokyo");
        assertThat(call("users.info", Map.of("user", "U02BEA")).path("user").path("tz").asText()).isEqualTo("Europe/Berlin");
        assertThat(call("users.info", Map.of("user", "U999")).path("error").asText()).isEqualTo("user_not_found");
        assertThat(call("auth.test", Map.of()).path("team_id").asText()).isEqualTo("T0SANDBOX");
    }

    @Test
    void appHomeShowsWhatViewsPublishSentForThatPersonOnly() throws Exception {
        String view = "{\"type\":\"home\",\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*Your tasks*\"}}]}";
        assertThat(call("views.publish", Map.of("user_id", "U01AVERY", "view", view)).path("ok").asBoolean()).isTrue();
        assertThat(state("U01AVERY").path("home").path("blocks").get(0).path("text").path("text").asText())
                .isEqualTo("*Your tasks*");
        assertThat(state("U02BEA").path("home").isNull()).isTrue();
    }

    @Test
    void aDmIsSeenOnlyByItsPersonAndAnUnknownChannelIsRefused() throws Exception {
        String dm = call("conversations.open", Map.of("users", "U02BEA")).path("channel").path("id").asText();
        JsonNode posted = call("chat.postMessage", Map.of("channel", dm, "text", "for Bea"));
        assertThat(posted.path("ok").asBoolean()).isTrue();
        assertThat(state("U02BEA").path("messages").get(0).path("text").asText()).isEqualTo("for Bea");
        assertThat(state("U01AVERY").path("messages")).isEmpty();

        assertThat(call("chat.update", Map.of("channel", dm, "ts", posted.path("ts").asText(), "text", "changed"))
                .path("ok").asBoolean()).isTrue();
        assertThat(state("U02BEA").path("messages").get(0).path("text").asText()).isEqualTo("changed");
        assertThat(call("chat.postMessage", Map.of("channel", "C404", "text", "x")).path("error").asText())
                .isEqualTo("channel_not_found");
        assertThat(call("views.open", Map.of("trigger_id", "made-up", "view", "{}")).path("error").asText())
                .isEqualTo("invalid_trigger_id");
    }

    private JsonNode call(String method, Map<String, String> form) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(SlackRequests.form(form))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return JSON.readTree(response.body());
    }

    private JsonNode state(String user) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + page.port()
                + "/try/state?as=" + user)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body());
    }
}
