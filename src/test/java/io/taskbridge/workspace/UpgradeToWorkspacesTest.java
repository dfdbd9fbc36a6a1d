package io.taskbridge.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Dialect;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackReply;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An upgrade loses nothing: a database built by the migrations as they were before workspaces
 * (up to V11, today's main), with tasks, a key and a queued message in it, is migrated by this build
 * at start, and its rows belong to the bot token's workspace (auth.test: T1).
 */
class UpgradeToWorkspacesTest {

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void rowsFromBeforeWorkspacesMoveIntoTheBotTokensWorkspace(Databases.Kind kind) throws Exception {
        String url = Databases.url(kind);
        Flyway.configure().dataSource(url, "postgres", "postgres").locations("classpath:db/migration")
                .placeholders(Map.of("id_column", Dialect.of(url).idColumn())).target("11").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute("INSERT INTO tasks (title, status, priority, created_by, slack_team, slack_channel, slack_ts,"
                    + " created_at, updated_at) VALUES ('Made in Slack', 'TODO', 'HIGH', 'UA', 'T1', 'C1', '1.000100', 1, 1)");
            s.execute("INSERT INTO tasks (title, status, priority, created_by, created_at, updated_at)"
                    + " VALUES ('Made over REST', 'IN_PROGRESS', 'LOW', 'apikey:1', 2, 2)");
            s.execute("INSERT INTO api_keys (name, role, principal, secret_hash, created_at)"
                    + " VALUES ('ci', 'WRITE', 'ci', 'abc', 1)");
        }

        try (RunningService svc = new RunningService(url, Map.of())) {
            List<Task> tasks = svc.service.tasks().list(TaskQuery.all().sortedBy(
                    new TaskQuery.Sort(TaskQuery.SortField.CREATED_AT, true)));
            assertThat(tasks).extracting(Task::title).containsExactly("Made in Slack", "Made over REST");
            assertThat(tasks).extracting(Task::workspace).containsOnly(new WorkspaceId("T1"));
            assertThat(tasks.get(0).slack().orElseThrow().messageTs()).contains("1.000100");

            String shown = SlackReply.of(svc.requests.command("show 2", "UA", "C1", "t-up", svc.slack.responseUrl("up")),
                    svc.slack, "up");
            assertThat(shown).contains("Made over REST");
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement();
                 var rows = s.executeQuery("SELECT workspace FROM api_keys")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("T1");
            }
        }
    }
}
