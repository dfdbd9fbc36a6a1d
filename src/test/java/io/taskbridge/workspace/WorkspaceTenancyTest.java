package io.taskbridge.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.platform.Secret;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.slack.TaskMessage;
import io.taskbridge.sync.Webhooks;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.FakeTaskApi;
import io.taskbridge.testing.InstallBrowser;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import io.taskbridge.testing.SlackReply;
import io.taskbridge.testing.SlackRequests;
import io.taskbridge.testing.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two workspaces installed through "Add to Slack" share one Taskbridge with one task-system connection,
 * over signed loopback HTTP: what one workspace sets up (a connection, a subscription, a link, a digest)
 * does not exist for the other, even on a channel or user id they share; the connection's polls and
 * webhooks make tasks only in the workspace it serves; REST keys and the outbox view stay in their
 * workspace; and people are looked up in the workspace they act in.
 */
class WorkspaceTenancyTest {
    static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");
    static final String OPERATOR = "operator-key-for-tenancy-tests-0123";
    static final String HOOK_SECRET = "whsec-tenancy";
    static final WorkspaceId A = new WorkspaceId("TA");
    static final WorkspaceId B = new WorkspaceId("TB");

    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    TestClock clock;
    FakeSlack slack;
    FakeTaskApi taskApi;
    RunningService svc;
    SlackRequests a;
    SlackRequests b;
    int n;

    @BeforeEach
    void start() {
        clock = new TestClock(MONDAY);
        slack = new FakeSlack();
        taskApi = new FakeTaskApi();
        Map<String, String> env = InstallBrowser.multiWorkspaceEnv(slack);
        env.put("TASKAPI_BASE_URL", taskApi.baseUrl());
        env.put("TASKAPI_TOKEN", FakeTaskApi.TOKEN);
        env.put("TASKAPI_WEBHOOK_SECRET", HOOK_SECRET);
        env.put("TASKBRIDGE_POLL_INTERVAL", "1h");
        env.put("TASKBRIDGE_REMINDER_INTERVAL", "0.2");
        env.put("TASKBRIDGE_ADMIN_KEY", OPERATOR);
        svc = new RunningService(Databases.sqliteUrl(), env, slack, clock);
        InstallBrowser browser = new InstallBrowser(svc.service.port(), slack);
        browser.install("code-TA", FakeSlack.Grant.of("TA", "xoxb-team-a"));
        browser.install("code-TB", FakeSlack.Grant.of("TB", "xoxb-team-b"));
        slack.workspaceAdmin("UAADM");
        slack.workspaceAdmin("UBADM");
        a = svc.requests.fromTeam("TA");
        b = svc.requests.fromTeam("TB");
    }

    @AfterEach
    void stop() {
        svc.close();
        slack.close();
        taskApi.close();
    }

    @Test
    void anotherWorkspacesConnectionSubscriptionAndLinkDoNotExistForIt() {
        // A is first to connect a channel to the task system: from now on it serves A only.
        assertThat(reply(a, "connect taskapi", "UAADM", "CSAME")).contains("New tasks in this channel go to");
        String refusal = reply(b, "connect taskapi", "UBADM", "CB");
        assertThat(refusal).contains("There is no connection named").contains("Configured: builtin.");
        assertThat(reply(b, "subscribe taskapi", "UBADM", "CB")).contains("There is no connection named");
        assertThat(reply(b, "link <@UX|x> remote-b taskapi", "UBADM", "CB")).contains("There is no connection named");

        // The same channel id in B is another channel: B's tasks there stay in B's built-in store.
        assertThat(reply(b, "add Stays in B", "UB", "CSAME")).contains("#");
        Quiescence.await(svc);
        assertThat(taskApi.tasks()).isEmpty();
        assertThat(reply(a, "add Goes to the task system", "UA", "CSAME")).contains("Creating in");
        Quiescence.await(svc);
        assertThat(taskApi.tasks()).extracting(t -> t.title).containsExactly("Goes to the task system");

        // A's subscription and link in that channel are A's alone.
        assertThat(reply(a, "subscribe taskapi", "UAADM", "CSAME")).contains("now hears about");
        assertThat(reply(a, "link <@UX|x> remote-a taskapi", "UAADM", "CSAME")).contains("remote-a");
        assertThat(reply(b, "subscriptions", "UB", "CSAME")).contains("no subscriptions");
        assertThat(reply(b, "unsubscribe taskapi", "UBADM", "CSAME")).contains("had no subscription");
        assertThat(reply(a, "subscriptions", "UA", "CSAME")).contains("hears about");
        assertThat(rows("SELECT workspace || ':' || slack_user || ':' || remote_user FROM user_links"))
                .containsExactly("TA:UX:remote-a");
        assertThat(rows("SELECT workspace || ':' || channel FROM subscriptions")).containsExactly("TA:CSAME");
        assertThat(rows("SELECT workspace || ':' || channel || ':' || connection FROM channel_connections"))
                .containsExactly("TA:CSAME:taskapi");
    }

    @Test
    void aPollAndAWebhookOfAsConnectionMakeTasksInAThatBCannotSee() throws Exception {
        assertThat(reply(a, "connect taskapi", "UAADM", "CA")).contains("go to");
        assertThat(reply(a, "subscribe taskapi", "UAADM", "CA")).contains("now hears about");
        taskApi.seed("Imported by a poll", "TODO");
        assertThat(svc.poll("taskapi").ok()).isTrue();
        Task polled = only("Imported by a poll");
        assertThat(polled.workspace()).isEqualTo(A);

        FakeTaskApi.Task hooked = taskApi.seed("Told by a webhook", "TODO");
        assertThat(webhook("{\"event\":\"task.created\",\"task\":{\"id\":\"" + hooked.id + "\"}}").statusCode())
                .isEqualTo(202);
        Quiescence.await(svc);
        Task told = only("Told by a webhook");
        assertThat(told.workspace()).isEqualTo(A);
        FakeSlack.Call news = slack.await("chat.postMessage", c -> "CA".equals(c.param("channel"))
                && String.valueOf(c.param("text")).contains("Told by a webhook"));
        assertThat(news.authorization()).as("the subscriber hears with A's token").isEqualTo("Bearer xoxb-team-a");

        for (Task t : List.of(polled, told)) {
            assertThat(reply(b, "show " + t.id(), "UBADM", "CB")).contains("no task #" + t.id());
            assertThat(reply(a, "show " + t.id(), "UA", "CA")).contains(t.title());
        }
        assertThat(svc.service.tasks().in(B).list(TaskQuery.all())).isEmpty();

        // REST: a key of B's gets 404 for A's task, a key of A's sees it.
        String keyB = issue(OPERATOR, "member", Optional.of("TB")).path("key").asText();
        String keyA = issue(OPERATOR, "member", Optional.of("TA")).path("key").asText();
        assertThat(send("GET", "/v1/tasks/" + told.id(), keyB, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/v1/tasks/" + told.id(), keyA, null).statusCode()).isEqualTo(200);
    }

    @Test
    void eachWorkspaceHasItsOwnDigestOnAChannelIdTheyShare() {
        for (WorkspaceId ws : List.of(A, B)) {
            svc.service.tasks().in(ws).create(TaskDraft.titled("Late in " + ws).withDueDate(
                    Optional.of(MONDAY.plus(Duration.ofMinutes(30)))), "U" + ws,
                    Optional.of(SlackPlace.channel(ws.value(), "CSAME")), Optional.empty());
        }
        assertThat(reply(a, "digest 10:00 UTC", "UA", "CSAME")).contains("10:00");
        assertThat(reply(b, "digest 11:00 UTC", "UB", "CSAME")).contains("11:00");
        assertThat(rows("SELECT workspace || ':' || local_time FROM channel_digests ORDER BY workspace"))
                .containsExactly("TA:10:00", "TB:11:00");

        clock.set(MONDAY.plus(Duration.ofHours(1)).plusSeconds(5));
        FakeSlack.Call digestA = slack.await("chat.postMessage", c -> "CSAME".equals(c.param("channel"))
                && String.valueOf(c.param("blocks")).contains("overdue_digest"));
        assertThat(digestA.authorization()).isEqualTo("Bearer xoxb-team-a");
        assertThat(digestA.param("blocks") + digestA.param("text")).contains("Late in TA").doesNotContain("Late in TB");

        clock.set(MONDAY.plus(Duration.ofHours(2)).plusSeconds(5));
        FakeSlack.Call digestB = slack.await("chat.postMessage", c -> "CSAME".equals(c.param("channel"))
                && String.valueOf(c.param("blocks")).contains("overdue_digest")
                && c.authorization().equals("Bearer xoxb-team-b"));
        assertThat(digestB.param("blocks") + digestB.param("text")).contains("Late in TB").doesNotContain("Late in TA");
    }

    @Test
    void keysAreIssuedForOneWorkspaceAndAWorkspacesAdminOnlyForItsOwn() throws Exception {
        JsonNode adminB = issue(OPERATOR, "admin", Optional.of("TB"));
        assertThat(adminB.path("workspace").asText()).isEqualTo("TB");
        String keyB = adminB.path("key").asText();

        HttpResponse<String> forA = send("POST", "/v1/apikeys", keyB, body("member", Optional.of("TA")));
        assertThat(forA.statusCode()).isEqualTo(403);
        HttpResponse<String> forUnknown = send("POST", "/v1/apikeys", keyB, body("member", Optional.of("TNOWHERE")));
        assertThat(forUnknown.statusCode()).as("another workspace, installed or not, is refused alike").isEqualTo(403);
        HttpResponse<String> own = send("POST", "/v1/apikeys", keyB, body("member", Optional.of("TB")));
        assertThat(own.statusCode()).isEqualTo(201);
        assertThat(json.readTree(own.body()).path("workspace").asText()).isEqualTo("TB");
        HttpResponse<String> byDefault = send("POST", "/v1/apikeys", keyB, body("member", Optional.empty()));
        assertThat(json.readTree(byDefault.body()).path("workspace").asText()).isEqualTo("TB");

        HttpResponse<String> invalid = send("POST", "/v1/apikeys", OPERATOR, body("member", Optional.of("not a team")));
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(json.readTree(invalid.body()).path("error").path("details").path("workspace").asText()).contains("team id");
        HttpResponse<String> unknown = send("POST", "/v1/apikeys", OPERATOR, body("member", Optional.of("TNOWHERE")));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(json.readTree(unknown.body()).path("error").path("details").path("workspace").asText()).contains("TNOWHERE");
        assertThat(send("POST", "/v1/apikeys", OPERATOR, "{\"name\":\"x\",\"role\":\"member\",\"principal\":\"x\","
                + "\"workspace\":7}").statusCode()).isEqualTo(422);

        // B's admin lists only B's keys.
        JsonNode listed = json.readTree(send("GET", "/v1/apikeys", keyB, null).body()).path("data");
        assertThat(listed).isNotEmpty().allSatisfy(k -> assertThat(k.path("workspace").asText()).isEqualTo("TB"));
    }

    @Test
    void aWorkspacesAdminKeySeesOnlyItsOwnOutboxRowsAndTheOperatorSeesAll() throws Exception {
        execute("INSERT INTO outbox (kind, channel, payload, state, next_attempt_at, created_at, workspace)"
                + " VALUES ('post', 'CA', '{\"of\":\"a\"}', 'dead', 0, 0, 'TA')");
        execute("INSERT INTO outbox (kind, channel, payload, state, next_attempt_at, created_at, workspace)"
                + " VALUES ('post', 'CB', '{\"of\":\"b\"}', 'dead', 0, 0, 'TB')");
        String keyB = issue(OPERATOR, "admin", Optional.of("TB")).path("key").asText();

        JsonNode seenByB = json.readTree(send("GET", "/admin/outbox?state=dead", keyB, null).body()).path("rows");
        assertThat(seenByB).extracting(r -> r.path("workspace").asText()).containsExactly("TB");
        JsonNode seenByOperator = json.readTree(send("GET", "/admin/outbox?state=dead", OPERATOR, null).body()).path("rows");
        assertThat(seenByOperator).extracting(r -> r.path("workspace").asText()).containsExactly("TA", "TB");
    }

    @Test
    void aPersonIsLookedUpWithTheTokenOfTheWorkspaceTheyActIn() {
        slack.timeZone("USAME", "Europe/Berlin");
        assertThat(reply(a, "add In A due tomorrow", "USAME", "CA")).contains("#");
        assertThat(reply(b, "add In B due tomorrow", "USAME", "CB")).contains("#");
        assertThat(slack.calls("users.info")).filteredOn(c -> "USAME".equals(c.param("user")))
                .extracting(FakeSlack.Call::authorization)
                .as("one look-up in each workspace, each with its own token, none answered from the other's cache")
                .containsExactlyInAnyOrder("Bearer xoxb-team-a", "Bearer xoxb-team-b");
    }

    @Test
    void aCommandOrClickWithoutAUserIsAnswered200AndIgnored() {
        HttpResponse<String> command = svc.requests.post(SlackRequests.form(Map.of("team_id", "TA", "channel_id", "CA",
                "channel_name", "general", "command", "/task", "text", "add Nobody's task", "trigger_id", "t-nobody",
                "response_url", slack.responseUrl("nobody"))), "application/x-www-form-urlencoded",
                clock.instant().getEpochSecond(), true);
        assertThat(command.statusCode()).isEqualTo(200);
        String click = SlackPayloads.buttonClick("TA", "UA", TaskMessage.DONE, TaskMessage.ACTIONS_BLOCK + 1, "1", "CA",
                "1.1", slack.responseUrl("nobody-click")).replace("\"user\":{\"id\":\"UA\",", "\"user\":{");
        assertThat(svc.requests.interaction(click).statusCode()).isEqualTo(200);
        String noUserAtAll = click.replaceFirst("\"user\":\\{[^}]*},", "");
        assertThat(svc.requests.interaction(noUserAtAll).statusCode()).isEqualTo(200);
        Quiescence.await(svc);
        assertThat(svc.service.tasks().list(TaskQuery.all())).isEmpty();
    }

    private String reply(SlackRequests from, String text, String user, String channel) {
        String id = "r" + (++n);
        return SlackReply.of(from.command(text, user, channel, "trigger-" + id, slack.responseUrl(id)), slack, id);
    }

    private Task only(String title) {
        return svc.service.tasks().list(TaskQuery.all()).stream().filter(t -> t.title().equals(title))
                .reduce((x, y) -> {
                    throw new AssertionError("two tasks titled " + title);
                }).orElseThrow(() -> new AssertionError("no task titled " + title));
    }

    private HttpResponse<String> webhook(String body) throws Exception {
        String now = String.valueOf(clock.instant().getEpochSecond());
        String signature = "sha256=" + Webhooks.sign(new Secret(HOOK_SECRET), now, body.getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + svc.service.port() + "/webhooks/taskapi"))
                .header("Content-Type", "application/json").header(Webhooks.TIMESTAMP, now)
                .header(Webhooks.SIGNATURE, signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String body(String role, Optional<String> workspace) {
        return "{\"name\":\"k\",\"role\":\"" + role + "\",\"principal\":\"p\""
                + workspace.map(w -> ",\"workspace\":\"" + w + "\"").orElse("") + "}";
    }

    private JsonNode issue(String key, String role, Optional<String> workspace) throws Exception {
        HttpResponse<String> r = send("POST", "/v1/apikeys", key, body(role, workspace));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json.readTree(r.body());
    }

    private HttpResponse<String> send(String method, String path, String key, String body) {
        try {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + svc.service.port() + path))
                    .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(10));
            r = body == null ? r.method(method, HttpRequest.BodyPublishers.noBody())
                    : r.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> rows(String sql) {
        try (Connection c = DriverManager.getConnection(svc.dbUrl); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(svc.dbUrl); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
