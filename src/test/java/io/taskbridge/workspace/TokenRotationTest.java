package io.taskbridge.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.testing.Concurrently;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.InstallBrowser;
import io.taskbridge.testing.RunningService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Rotating tokens (Slack's 12-hour ones) on two instances sharing one PostgreSQL: a token near expiry
 * is refreshed once, whichever instances tick, and every instance goes on with the new token.
 */
class TokenRotationTest {

    @Test
    void twoInstancesRefreshANearlyExpiredTokenOnceAndBothUseTheNewOne() throws Exception {
        String url = Databases.postgresUrl();
        try (FakeSlack slack = new FakeSlack()) {
            var env = InstallBrowser.multiWorkspaceEnv(slack);
            try (RunningService one = new RunningService(url, env, slack, Clock.systemUTC());
                 RunningService two = new RunningService(url, env, slack, Clock.systemUTC())) {
                // An hour left: within the refresh window (TokenRotation.AHEAD).
                new InstallBrowser(one.service.port(), slack).install("code-r",
                        FakeSlack.Grant.rotating("TR", "xoxb-rot", "xoxe-refresh", 3600));

                List<Callable<Integer>> ticks = List.of(one.service::refreshTokens, two.service::refreshTokens,
                        one.service::refreshTokens, two.service::refreshTokens);
                List<Integer> refreshed = Concurrently.run(ticks);

                assertThat(refreshed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
                assertThat(slack.refreshes()).isEqualTo(1);
                assertThat(two.service.refreshTokens()).as("the new token has 12 hours: nothing is due").isZero();

                for (RunningService svc : List.of(one, two)) {
                    long id = svc.service.tasks().in(new WorkspaceId("TR")).create(TaskDraft.titled("After rotation"),
                            "UR", Optional.of(SlackPlace.channel("TR", "C" + svc.service.port())), Optional.empty())
                            .task().id();
                    FakeSlack.Call post = slack.await("chat.postMessage",
                            c -> ("C" + svc.service.port()).equals(c.param("channel")));
                    assertThat(post.authorization()).as("task #" + id).isEqualTo("Bearer xoxb-rot-r1");
                }
            }
        }
    }

    @Test
    void anUninstalledWorkspaceKeepsItsTasksAndItsPostsStopForGood() throws Exception {
        String url = Databases.sqliteUrl();
        try (FakeSlack slack = new FakeSlack()) {
            try (RunningService svc = new RunningService(url, InstallBrowser.multiWorkspaceEnv(slack), slack,
                    Clock.systemUTC())) {
                new InstallBrowser(svc.service.port(), slack).install("code-u", FakeSlack.Grant.of("TU", "xoxb-u"));
                svc.requests.event("""
                        {"token":"x","team_id":"TU","api_app_id":"A1","type":"event_callback","event_id":"Ev1",
                         "event_time":1700000000,"event":{"type":"app_uninstalled","event_ts":"1700000000.000100"},
                         "authorizations":[{"enterprise_id":null,"team_id":"TU","user_id":"UBOT","is_bot":true,
                           "is_enterprise_install":false}]}
                        """);
                Installation gone;
                try (var db = io.taskbridge.platform.Database.open(url, null, null)) {
                    gone = new Installations(db.jdbi(), new io.taskbridge.platform.SecretBox(
                            new io.taskbridge.platform.Secret(InstallBrowser.KEY), new java.security.SecureRandom()),
                            Clock.systemUTC()).find(new WorkspaceId("TU")).orElseThrow();
                }
                assertThat(gone.active()).isFalse();
                assertThat(gone.botToken()).isEmpty();
                assertThat(gone.uninstalledAt()).isPresent();

                long id = svc.service.tasks().in(new WorkspaceId("TU")).create(TaskDraft.titled("Left behind"), "UU",
                        Optional.of(SlackPlace.channel("TU", "CU")), Optional.empty()).task().id();
                assertThat(svc.service.tasks().get(id).title()).isEqualTo("Left behind");
                // The row fails for good (dead, listed for operators), instead of waiting for a token forever.
                awaitDead(url);
                assertThat(slack.calls("chat.postMessage")).isEmpty();
            }
        }
    }

    private static void awaitDead(String url) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (var c = java.sql.DriverManager.getConnection(url); var s = c.createStatement();
                 var rows = s.executeQuery("SELECT last_error FROM outbox WHERE state = 'dead'")) {
                if (rows.next()) {
                    assertThat(rows.getString(1)).contains("workspace TU has no installation");
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the outbox row for the uninstalled workspace never went dead");
    }
}
