package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.FakeTaskApi;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackReply;
import io.taskbridge.testing.SlackRequests;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Link previews over signed loopback HTTP: a {@code link_shared} with a task link is unfurled with
 * {@code chat.unfurl} (status, assignee, buttons) only where everyone who will see the preview may
 * see the task, and only in the workspace the event came from; {@code GET /tasks/{id}} redirects.
 */
class LinkPreviewTest {
    static final String BASE = "https://tasks.example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    RunningService svc;

    @BeforeEach
    void start() {
        svc = new RunningService(Databases.sqliteUrl(), Map.of("TASKBRIDGE_PUBLIC_URL", BASE));
    }

    @AfterEach
    void stop() {
        svc.close();
    }

    @Test
    void aTaskLinkInItsChannelUnfurlsWithStatusAssigneeAndButtons() throws Exception {
        reply(svc.requests, "add Quarterly report <@UX|x>", "UA", "C1", "general", "a");

        svc.requests.event(linkShared("T1", "UB", "C1", "1700000100.000100", "Ev1", BASE + "/tasks/1"));

        FakeSlack.Call unfurl = svc.slack.await("chat.unfurl");
        assertThat(unfurl.param("channel")).isEqualTo("C1");
        assertThat(unfurl.param("ts")).isEqualTo("1700000100.000100");
        JsonNode preview = JSON.readTree(unfurl.param("unfurls")).path(BASE + "/tasks/1");
        String shown = preview.path("blocks").toString();
        assertThat(shown).contains("Quarterly report").contains("To do").contains("Assignee").contains("UX")
                .contains(TaskMessage.START).contains(TaskMessage.DONE);
    }

    @Test
    void aPrivateTaskIsPreviewedOnlyInsideItsOwnConversation() throws Exception {
        reply(svc.requests, "add Salary review", "UA", "G1", "privategroup", "p");

        // Someone else, in a public channel: they may not see it.
        svc.requests.event(linkShared("T1", "UB", "C1", "1700000100.000100", "Ev1", BASE + "/tasks/1"));
        // Its creator may, but the public channel's members may not: no preview there either.
        svc.requests.event(linkShared("T1", "UA", "C1", "1700000100.000200", "Ev2", BASE + "/tasks/1"));
        // Inside its own private channel everyone there may see it.
        svc.requests.event(linkShared("T1", "UA", "G1", "1700000100.000300", "Ev3", BASE + "/tasks/1"));

        FakeSlack.Call unfurl = svc.slack.await("chat.unfurl");
        Quiescence.await(svc);
        assertThat(svc.slack.calls("chat.unfurl")).hasSize(1);
        assertThat(unfurl.param("channel")).isEqualTo("G1");
        assertThat(unfurl.param("unfurls")).contains("Salary review");
    }

    @Test
    void aLinkSharedInAnotherWorkspaceGetsNoPreview() {
        reply(svc.requests, "add Alpha report", "UA", "C1", "general", "a");
        reply(svc.requests.fromTeam("T2"), "add Beta report", "UB", "C2", "general", "b");

        svc.requests.event(linkShared("T2", "UB", "C2", "1700000100.000100", "Ev1", BASE + "/tasks/1"));
        svc.requests.event(linkShared("T2", "UB", "C2", "1700000100.000200", "Ev2", BASE + "/tasks/2"));

        FakeSlack.Call unfurl = svc.slack.await("chat.unfurl");
        Quiescence.await(svc);
        assertThat(svc.slack.calls("chat.unfurl")).hasSize(1);
        assertThat(unfurl.param("unfurls")).contains("Beta report").doesNotContain("Alpha report");
    }

    @Test
    void aRetriedEventAndForeignLinksAreOnePreviewOfTheTasksOnly() {
        reply(svc.requests, "add Quarterly report", "UA", "C1", "general", "a");
        String event = linkShared("T1", "UB", "C1", "1700000100.000100", "Ev1", BASE + "/tasks/1",
                "https://elsewhere.example.org/tasks/1", BASE + "/tasks/99");

        svc.requests.event(event);
        svc.requests.event(event);

        svc.slack.await("chat.unfurl");
        Quiescence.await(svc);
        assertThat(svc.slack.calls("chat.unfurl")).hasSize(1);
        assertThat(svc.slack.calls("chat.unfurl").get(0).param("unfurls"))
                .contains(BASE + "/tasks/1").doesNotContain("elsewhere").doesNotContain("/tasks/99");
    }

    @Test
    void theTaskLinkRedirectsToItsSlackMessageAndAnUnknownOneIsAPlain404() {
        reply(svc.requests, "add Quarterly report", "UA", "C1", "general", "a");
        String ts = svc.awaitMessageTs(1);

        HttpResponse<String> found = svc.get("/tasks/1");
        assertThat(found.statusCode()).isEqualTo(302);
        assertThat(found.headers().firstValue("Location"))
                .contains("https://slack.com/archives/C1/p" + ts.replace(".", ""));
        assertThat(found.body()).doesNotContain("Quarterly");

        // A private channel's task: the browser is sent to Slack, which lets only its members read it.
        reply(svc.requests, "add Salary review", "UA", "G1", "privategroup", "p");
        String privateTs = svc.awaitMessageTs(2);
        HttpResponse<String> hidden = svc.get("/tasks/2");
        assertThat(hidden.statusCode()).isEqualTo(302);
        assertThat(hidden.headers().firstValue("Location"))
                .contains("https://slack.com/archives/G1/p" + privateTs.replace(".", ""));
        assertThat(hidden.body()).doesNotContain("Salary");

        HttpResponse<String> unknown = svc.get("/tasks/99");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo(TaskPages.NOT_FOUND);
        assertThat(svc.get("/tasks/abc").statusCode()).isEqualTo(404);
    }

    @Test
    void aConnectedSystemsTaskLinkUnfurlsAndItsTaskLinkLeadsToItsPage() throws Exception {
        try (FakeTaskApi fake = new FakeTaskApi();
             RunningService remote = new RunningService(Databases.sqliteUrl(), Map.of("TASKBRIDGE_PUBLIC_URL", BASE,
                     "TASKAPI_BASE_URL", fake.baseUrl(), "TASKAPI_TOKEN", FakeTaskApi.TOKEN,
                     "TASKBRIDGE_POLL_INTERVAL", "1h"), java.util.List.of(), new FakeSlack())) {
            FakeTaskApi.Task held = fake.seed("Renew the lease", "TODO");
            assertThat(remote.poll("taskapi").ok()).isTrue();
            long id = remote.service.tasks().list(io.taskbridge.task.TaskQuery.all()).get(0).id();
            String link = fake.baseUrl() + "/tasks/" + held.id;

            remote.requests.event(linkShared("T1", "UB", "C1", "1700000100.000100", "Ev1",
                    fake.baseUrl() + "/tasks/not-a-task", link));

            FakeSlack.Call unfurl = remote.slack.await("chat.unfurl");
            JsonNode previews = JSON.readTree(unfurl.param("unfurls"));
            assertThat(previews.fieldNames()).toIterable().containsExactly(link);
            assertThat(previews.path(link).path("blocks").toString()).contains("Renew the lease");

            HttpResponse<String> page = remote.get("/tasks/" + id);
            assertThat(page.statusCode()).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).contains(link);
        }
    }

    private String reply(SlackRequests from, String text, String user, String channel, String channelName, String id) {
        return SlackReply.of(from.command(text, user, channel, channelName, "trigger-" + id, svc.slack.responseUrl(id)),
                svc.slack, id);
    }

    /** A link_shared event as Slack sends it for a message posted in {@code channel} of {@code team}. */
    static String linkShared(String team, String user, String channel, String ts, String eventId, String... urls) {
        StringBuilder links = new StringBuilder();
        for (String url : urls) {
            links.append(links.length() == 0 ? "" : ",").append("{\"domain\":\"")
                    .append(java.net.URI.create(url).getHost()).append("\",\"url\":\"").append(url).append("\"}");
        }
        return """
                {"token":"x","team_id":"%s","api_app_id":"A1","type":"event_callback","event_id":"%s",
                 "event_time":1700000100,
                 "event":{"type":"link_shared","channel":"%s","is_bot_user_member":true,"user":"%s",
                   "message_ts":"%s","unfurl_id":"C-%s","source":"conversations_history",
                   "links":[%s],"event_ts":"%s"},
                 "authorizations":[{"enterprise_id":null,"team_id":"%s","user_id":"UBOT","is_bot":true,
                   "is_enterprise_install":false}]}
                """.formatted(team, eventId, channel, user, ts, ts, links, ts, team);
    }
}
