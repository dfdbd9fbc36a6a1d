package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.taskbridge.Config;
import io.taskbridge.Taskbridge;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.FakeSocketMode;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackReply;
import io.taskbridge.testing.SlackRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode end to end over loopback: {@code apps.connections.open} on a fake Web API hands out a
 * plain {@code ws://127.0.0.1} URL, a fake Socket Mode server sends {@code hello} and a slash
 * command envelope exactly as Slack does, and the service acks on the socket, stores the task and
 * posts it through the fake {@code chat.postMessage}.
 */
class SocketModeTest {
    static final String APP_TOKEN = "xapp-1-A1-1234-socketsecret";
    static final String BOT_TOKEN = "xoxb-socket-bot-token";

    FakeSlack slack;
    FakeSocketMode socket;
    Taskbridge service;
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void fakes() {
        slack = new FakeSlack();
        slack.botToken(BOT_TOKEN);
        slack.appToken(APP_TOKEN);
        socket = new FakeSocketMode();
        slack.socketModeUrls(socket::url);
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void cleanUp() {
        if (service != null) {
            service.close();
        }
        socket.close();
        slack.close();
        root().detachAppender(logs);
    }

    @Test
    void aSlashCommandOverTheSocketIsAckedStoredAndPosted() throws Exception {
        service = start(Map.of());

        socket.awaitConnection();
        FakeSlack.Call open = slack.await("apps.connections.open");
        assertThat(open.authorization()).isEqualTo("Bearer " + APP_TOKEN);

        socket.send(slashCommand("env-add-1", "add Socket task", "UBOB", "C1", "trigger-socket-1",
                slack.responseUrl("r-socket")));

        FakeSocketMode.Received ack = socket.await(m -> m.path("envelope_id").asText().equals("env-add-1"));
        assertThat(ack.json().has("type")).as("an ack, not an envelope").isFalse();

        // A local task is confirmed in the ack itself (its payload), with no response_url call.
        assertThat(ack.json().path("payload").path("text").asText()).contains("#1").contains("Socket task");
        assertThat(slack.calls("response_url")).isEmpty();

        assertThat(service.tasks().count(TaskQuery.all())).isEqualTo(1);
        Task task = service.tasks().get(1);
        assertThat(task.title()).isEqualTo("Socket task");
        assertThat(task.createdBy()).isEqualTo("UBOB");
        assertThat(task.slack().orElseThrow().channelId()).isEqualTo("C1");

        FakeSlack.Call post = slack.await("chat.postMessage");
        assertThat(post.param("channel")).isEqualTo("C1");
        assertThat(post.param("blocks")).contains("Socket task");
        assertThat(post.authorization()).isEqualTo("Bearer " + BOT_TOKEN);

        assertThat(get("/slack/events", "POST").statusCode()).as("no HTTP endpoint in Socket Mode").isEqualTo(404);
        assertThat(get("/healthz", "GET").statusCode()).isEqualTo(200);
        assertThat(messages()).anyMatch(m -> m.contains("Slack connected over Socket Mode"));
        assertThat(messages()).noneMatch(m -> m.contains(APP_TOKEN) || m.contains(BOT_TOKEN));
    }

    @Test
    void closingTheServiceClosesTheSocketAndBoltsThreads() throws Exception {
        service = start(Map.of());
        socket.awaitConnection();
        assertThat(socketModeThreads()).as("Bolt's Socket Mode threads while running").isNotEmpty();

        service.close();
        service = null;

        socket.awaitAllClosed();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!socketModeThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20); // shutdownNow() lets a running poll finish first
        }
        assertThat(socketModeThreads()).as("Bolt's Socket Mode threads after close").isEmpty();
        assertThat(socket.connections()).as("no reconnect after close").isEqualTo(1);
    }

    @Test
    void withHttpCredentialsTooHttpWinsAndNoSocketIsOpened() {
        service = start(Map.of("SLACK_SIGNING_SECRET", RunningService.SECRET));

        HttpResponse<String> ack = new SlackRequests(service.port(), RunningService.SECRET)
                .command("add Over HTTP", "UBOB", "C1", "trigger-http-1", slack.responseUrl("r-http"));
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(SlackReply.of(ack, slack, "r-http")).contains("Over HTTP");

        assertThat(slack.calls("apps.connections.open")).isEmpty();
        assertThat(socket.connections()).isZero();
        assertThat(messages()).anyMatch(m -> m.contains("Slack connected over HTTP") && m.contains("HTTP mode wins"));
    }

    @Test
    void aRefusedAppTokenStopsStartUpWithoutShowingIt() {
        slack.appToken("xapp-1-A1-1234-the-one-slack-issued");
        slack.expectRefusal("invalid_auth");

        assertThatThrownBy(() -> start(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("invalid_auth")
                .hasMessageContaining("SLACK_APP_TOKEN")
                .message().doesNotContain(APP_TOKEN);
        assertThat(socket.connections()).isZero();
        assertThat(messages()).noneMatch(m -> m.contains(APP_TOKEN) || m.contains(BOT_TOKEN));
        assertThat(slack.refusals()).extracting(FakeSlack.Refusal::error).containsExactly("invalid_auth");
    }

    private Taskbridge start(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("TASKBRIDGE_DB_URL", Databases.sqliteUrl());
        env.put("SLACK_BOT_TOKEN", BOT_TOKEN);
        env.put("SLACK_APP_TOKEN", APP_TOKEN);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("TASKBRIDGE_OUTBOX_POLL_MS", "200");
        env.putAll(extra);
        return Taskbridge.start(Config.from(env), Clock.systemUTC());
    }

    /** A slash_commands envelope as Slack sends it: the command's form fields, as JSON strings. */
    private static String slashCommand(String envelopeId, String text, String user, String channel, String triggerId,
                                       String responseUrl) {
        return """
                {"envelope_id":"%s","type":"slash_commands","accepts_response_payload":true,
                 "payload":{"token":"legacy-verification-token","team_id":"T1","team_domain":"test",
                   "channel_id":"%s","channel_name":"general","user_id":"%s","user_name":"bob",
                   "command":"/task","text":"%s","api_app_id":"A1","is_enterprise_install":"false",
                   "response_url":"%s","trigger_id":"%s"}}
                """.formatted(envelopeId, channel, user, text, responseUrl, triggerId);
    }

    private HttpResponse<String> get(String path, String method) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                        .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Every logged message, with its exception's message when there is one. */
    private List<String> messages() {
        return logs.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
    }

    /** Bolt names its Socket Mode executors "…-message-processor" and "…-session-monitor". */
    private static List<String> socketModeThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.contains("message-processor") || n.contains("session-monitor")).toList();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
