package io.taskbridge.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.slack.TaskMessage;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Status;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.InstallBrowser;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackPayloads;
import io.taskbridge.testing.SlackReply;
import io.taskbridge.testing.SlackRequests;
import io.taskbridge.testing.TestClock;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Multi-workspace mode end to end, over loopback HTTP against the fake Slack: two workspaces install
 * Taskbridge through "Add to Slack" (Bolt's OAuth flow on our store), then use /task, a button and a
 * reminder; each sees only its own tasks and every Web API call carries its own workspace's token.
 */
class InstallFlowTest {
    static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");

    TestClock clock;
    FakeSlack slack;
    RunningService svc;
    String dbUrl;
    InstallBrowser browser;

    @BeforeEach
    void start() {
        clock = new TestClock(MONDAY);
        slack = new FakeSlack();
        dbUrl = Databases.sqliteUrl();
        Map<String, String> env = InstallBrowser.multiWorkspaceEnv(slack);
        env.put("TASKBRIDGE_REMINDER_INTERVAL", "0.2");
        svc = new RunningService(dbUrl, env, slack, clock);
        browser = new InstallBrowser(svc.service.port(), slack);
    }

    @AfterEach
    void stop() {
        svc.close();
        slack.close();
    }

    void install(String team, String token) {
        browser.install("code-" + team, FakeSlack.Grant.of(team, token));
    }

    InstallBrowser.Started begin() {
        return browser.begin();
    }

    HttpResponse<String> back(String query, Optional<String> cookie) {
        return browser.back(query, cookie);
    }

    @Test
    void twoWorkspacesInstallAndEachSeesOnlyItsOwnTasksWithItsOwnToken() throws Exception {
        install("TA", "xoxb-team-a");
        install("TB", "xoxb-team-b");
        assertThat(installedTokens()).as("tokens are stored sealed, never in the clear")
                .noneMatch(t -> t.contains("xoxb-"));

        SlackRequests a = svc.requests.fromTeam("TA");
        SlackRequests b = svc.requests.fromTeam("TB");
        assertThat(reply(a, "add Alpha report <@UX|x>", "UA", "CA", "a1")).contains("#1");
        assertThat(reply(b, "add Beta report <@UX|x>", "UB", "CB", "b1")).contains("#2");
        FakeSlack.Call postA = slack.await("chat.postMessage", c -> "CA".equals(c.param("channel")));
        FakeSlack.Call postB = slack.await("chat.postMessage", c -> "CB".equals(c.param("channel")));
        assertThat(postA.authorization()).isEqualTo("Bearer xoxb-team-a");
        assertThat(postB.authorization()).isEqualTo("Bearer xoxb-team-b");

        assertThat(reply(a, "list <@UX|x>", "UA", "CA", "a2")).contains("Alpha report").doesNotContain("Beta");
        assertThat(reply(b, "list <@UX|x>", "UB", "CB", "b2")).contains("Beta report").doesNotContain("Alpha");
        assertThat(reply(b, "show 1", "UB", "CB", "b3")).contains("no task #1");
        assertThat(reply(a, "show 1", "UA", "CA", "a3")).contains("Alpha report");

        // A button in each workspace; B cannot press A's.
        String tsA = awaitTs(1);
        String tsB = awaitTs(2);
        svc.requests.interaction(SlackPayloads.buttonClick("TB", "UB", TaskMessage.DONE, TaskMessage.ACTIONS_BLOCK + 1,
                "1", "CA", tsA, slack.responseUrl("foreign")));
        assertThat(slack.await("response_url", c -> "foreign".equals(c.form().get("id"))).json().path("text").asText())
                .contains("no task #1");
        svc.requests.interaction(SlackPayloads.buttonClick("TA", "UA", TaskMessage.START, TaskMessage.ACTIONS_BLOCK + 1,
                "1", "CA", tsA, slack.responseUrl("own-a")));
        svc.requests.interaction(SlackPayloads.buttonClick("TB", "UB", TaskMessage.DONE, TaskMessage.ACTIONS_BLOCK + 2,
                "2", "CB", tsB, slack.responseUrl("own-b")));
        FakeSlack.Call updateA = slack.await("chat.update", c -> tsA.equals(c.param("ts")) && c.param("blocks").contains("In progress"));
        FakeSlack.Call updateB = slack.await("chat.update", c -> tsB.equals(c.param("ts")) && c.param("blocks").contains("Done"));
        assertThat(updateA.authorization()).isEqualTo("Bearer xoxb-team-a");
        assertThat(updateB.authorization()).isEqualTo("Bearer xoxb-team-b");
        assertThat(svc.service.tasks().get(1).status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(svc.service.tasks().get(2).status()).isEqualTo(Status.DONE);

        // A reminder in each workspace goes out with that workspace's token.
        for (String team : new String[] {"TA", "TB"}) {
            TaskDraft draft = TaskDraft.titled("Due soon in " + team).withDueDate(Optional.of(MONDAY.plus(Duration.ofHours(3))))
                    .withWarning(Optional.of(Duration.ofHours(1))).withAssignee(Optional.of("U" + team));
            svc.service.tasks().in(new WorkspaceId(team)).create(draft, "U" + team,
                    Optional.of(SlackPlace.channel(team, "C" + team.substring(1))), Optional.empty());
        }
        awaitTs(3);
        awaitTs(4);
        clock.set(MONDAY.plus(Duration.ofHours(2)).plus(Duration.ofMinutes(1)));
        FakeSlack.Call reminderA = slack.await("chat.postMessage", c -> "DUTA".equals(c.param("channel")));
        FakeSlack.Call reminderB = slack.await("chat.postMessage", c -> "DUTB".equals(c.param("channel")));
        assertThat(reminderA.authorization()).isEqualTo("Bearer xoxb-team-a");
        assertThat(reminderB.authorization()).isEqualTo("Bearer xoxb-team-b");

        // Every Web API call carried the token of the workspace it was for.
        for (FakeSlack.Call call : slack.calls()) {
            if (call.method().equals("response_url") || call.method().equals("oauth.v2.access")) {
                continue;
            }
            String token = call.authorization().substring("Bearer ".length());
            String team = slack.teamOf(token).orElseThrow(() -> new AssertionError("unknown token in " + call));
            String channel = Optional.ofNullable(call.param("channel")).orElse("");
            String user = Optional.ofNullable(call.param("users")).orElse(Optional.ofNullable(call.param("user")).orElse(""));
            String where = channel + user;
            if (where.contains("TA") || channel.equals("CA") || user.equals("UA")) {
                assertThat(team).as(call.toString()).isEqualTo("TA");
            }
            if (where.contains("TB") || channel.equals("CB") || user.equals("UB")) {
                assertThat(team).as(call.toString()).isEqualTo("TB");
            }
        }
    }

    @Test
    void thePolicyAsksEachWorkspaceWithItsOwnTokenAndAnotherWorkspacesTaskIsNotFoundBeforeAnyPermissionQuestion() throws Exception {
        install("TA", "xoxb-team-a");
        install("TB", "xoxb-team-b");
        SlackRequests a = svc.requests.fromTeam("TA");
        SlackRequests b = svc.requests.fromTeam("TB");
        assertThat(reply(a, "add Alpha report <@UX|x>", "UA", "CA", "a1")).contains("#1");
        assertThat(reply(b, "add Beta report <@UX|x>", "UB", "CB", "b1")).contains("#2");
        slack.workspaceAdmin("UBADMIN");

        // Not the creator, not the assignee, no admin: refused, nothing changes.
        assertThat(reply(a, "done 1", "UA2", "CA", "a2")).contains("Only the creator, the assignee or an admin can");
        assertThat(svc.service.tasks().get(1).status()).isEqualTo(Status.TODO);
        // B's admin is no one in A: A's task does not exist for them, so nothing about it is asked of Slack.
        int before = slack.calls().size();
        assertThat(reply(b, "done 1", "UBADMIN", "CB", "b2")).contains("no task #1");
        assertThat(slack.calls().subList(before, slack.calls().size())).noneMatch(c -> c.method().equals("users.info"));
        assertThat(svc.service.tasks().get(1).status()).isEqualTo(Status.TODO);
        // In B, B's admin (asked with B's token) may close B's task.
        assertThat(reply(b, "done 2", "UBADMIN", "CB", "b3")).contains("#2");
        assertThat(svc.service.tasks().get(2).status()).isEqualTo(Status.DONE);
        assertThat(slack.calls()).filteredOn(c -> c.method().equals("users.info") && "UBADMIN".equals(c.param("user")))
                .isNotEmpty().allMatch(c -> c.authorization().equals("Bearer xoxb-team-b"));

        // A task stored without its conversation's kind: the kind is asked with its own workspace's token.
        long id = svc.service.tasks().in(new WorkspaceId("TA")).create(TaskDraft.titled("Kind unknown"), "UA",
                Optional.of(SlackPlace.channel("TA", "CA7")), Optional.empty()).task().id();
        assertThat(reply(a, "show " + id, "UA3", "CA", "a4")).contains("Kind unknown");
        assertThat(slack.calls()).filteredOn(c -> c.method().equals("conversations.info") && "CA7".equals(c.param("channel")))
                .isNotEmpty().allMatch(c -> c.authorization().equals("Bearer xoxb-team-a"));
    }

    @Test
    void aMissingStateInstallsNothing() throws Exception {
        slack.installCode("code-x", FakeSlack.Grant.of("TX", "xoxb-x"));
        HttpResponse<String> r = back("code=code-x", Optional.empty());
        assertFailed(r);
    }

    @Test
    void aForgedStateInstallsNothing() throws Exception {
        slack.installCode("code-x", FakeSlack.Grant.of("TX", "xoxb-x"));
        begin();
        HttpResponse<String> r = back("code=code-x&state=forged", Optional.of("slack-app-oauth-state=forged"));
        assertFailed(r);
    }

    @Test
    void aStateFromAnotherBrowserInstallsNothing() throws Exception {
        slack.installCode("code-x", FakeSlack.Grant.of("TX", "xoxb-x"));
        InstallBrowser.Started started = begin();
        HttpResponse<String> r = back("code=code-x&state=" + started.state(), Optional.empty());
        assertFailed(r);
    }

    @Test
    void aReusedStateInstallsNothingTheSecondTime() throws Exception {
        slack.installCode("code-1", FakeSlack.Grant.of("TA", "xoxb-team-a"));
        InstallBrowser.Started started = begin();
        assertThat(back("code=code-1&state=" + started.state(), Optional.of(started.cookie())).body())
                .contains("Taskbridge is installed");
        slack.installCode("code-2", FakeSlack.Grant.of("TZ", "xoxb-z"));
        HttpResponse<String> again = back("code=code-2&state=" + started.state(), Optional.of(started.cookie()));
        assertThat(again.body()).contains("Taskbridge was not installed");
        assertThat(installedWorkspaces()).containsExactly("TA");
        assertThat(slack.calls("oauth.v2.access")).hasSize(1);
    }

    @Test
    void anExpiredStateInstallsNothing() throws Exception {
        slack.installCode("code-x", FakeSlack.Grant.of("TX", "xoxb-x"));
        InstallBrowser.Started started = begin();
        clock.advance(Duration.ofMinutes(11));
        assertFailed(back("code=code-x&state=" + started.state(), Optional.of(started.cookie())));
    }

    @Test
    void aDeniedInstallSaysSoAndInstallsNothing() throws Exception {
        InstallBrowser.Started started = begin();
        HttpResponse<String> r = back("error=access_denied&state=" + started.state(), Optional.of(started.cookie()));
        assertFailed(r);
        assertThat(r.body()).contains("cancelled");
    }

    private void assertFailed(HttpResponse<String> r) throws Exception {
        assertThat(r.body()).contains("Taskbridge was not installed").contains("Nothing was installed")
                .contains("/slack/install");
        assertThat(installedWorkspaces()).isEmpty();
        assertThat(slack.calls("oauth.v2.access")).isEmpty();
    }

    private java.util.List<String> installedWorkspaces() throws Exception {
        return column("SELECT workspace FROM installations ORDER BY workspace");
    }

    private java.util.List<String> installedTokens() throws Exception {
        return column("SELECT bot_token FROM installations");
    }

    private java.util.List<String> column(String sql) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                out.add(rows.getString(1));
            }
        }
        return out;
    }

    private String reply(SlackRequests from, String text, String user, String channel, String id) {
        return SlackReply.of(from.command(text, user, channel, "trigger-" + id, slack.responseUrl(id)), slack, id);
    }

    private String awaitTs(long taskId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> ts = svc.service.tasks().get(taskId).slack().flatMap(SlackPlace::messageTs);
            if (ts.isPresent()) {
                return ts.get();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("task #" + taskId + " was not posted");
    }
}
