package io.taskbridge.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskbridge.platform.Dialect;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.testing.Databases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * V23 re-keys channel digests, channel connections and user links by workspace (tables rebuilt, as
 * SQLite cannot change a key in place): a database of V22 keeps every row, the same channel or user
 * in another workspace becomes a row of its own, a connection already in use is claimed by its
 * workspace, and rows from before workspaces give way to the home workspace's own when they are claimed.
 */
class UpgradeToWorkspaceKeysTest {

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void rowsSurviveTheNewKeysAndAnotherWorkspaceGetsRowsOfItsOwn(Databases.Kind kind) throws Exception {
        String url = Databases.url(kind);
        migrate(url, "22");
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute("INSERT INTO channel_digests (channel, team, local_time, zone, next_at, updated_at, workspace)"
                    + " VALUES ('C1', 'TA', '10:00', 'UTC', 5, 1, 'TA')");
            s.execute("INSERT INTO channel_connections (team, channel, connection, set_by, set_at, workspace)"
                    + " VALUES ('TA', 'C1', 'taskapi', 'UAADM', 7, 'TA')");
            s.execute("INSERT INTO user_links (connection, slack_user, remote_user, linked_by, linked_at, workspace)"
                    + " VALUES ('taskapi', 'UX', 'remote-x', 'UAADM', 1, 'TA')");
            s.execute("INSERT INTO subscriptions (team, channel, connection, created_by, created_at, workspace)"
                    + " VALUES ('TA', 'C1', 'taskapi', 'UAADM', 1, 'TA')");
            // awork is only subscribed to, first by TB: TB's polls and webhooks must go on.
            s.execute("INSERT INTO subscriptions (team, channel, connection, created_by, created_at, workspace)"
                    + " VALUES ('TB', 'C9', 'awork', 'UBADM', 3, 'TB')");
            s.execute("INSERT INTO subscriptions (team, channel, connection, created_by, created_at, workspace)"
                    + " VALUES ('TA', 'C8', 'awork', 'UAADM', 4, 'TA')");
        }
        migrate(url, "23");

        assertThat(rows(url, "SELECT workspace || channel || local_time FROM channel_digests")).containsExactly("TAC110:00");
        assertThat(rows(url, "SELECT workspace || channel || connection FROM channel_connections"))
                .containsExactly("TAC1taskapi");
        assertThat(rows(url, "SELECT workspace || slack_user || remote_user FROM user_links")).containsExactly("TAUXremote-x");
        assertThat(rows(url, "SELECT workspace || channel FROM subscriptions ORDER BY id")).containsExactly("TAC1", "TBC9", "TAC8");
        assertThat(rows(url, "SELECT connection || workspace FROM connection_workspaces ORDER BY connection"))
                .containsExactly("aworkTB", "taskapiTA");

        // The same channel and user in workspace TB are rows of their own; a second row for TA's is refused.
        execute(url, "INSERT INTO channel_digests (workspace, channel, team, local_time, zone, next_at, updated_at)"
                + " VALUES ('TB', 'C1', 'TB', '11:00', 'UTC', 5, 1)");
        execute(url, "INSERT INTO channel_connections (workspace, channel, team, connection, set_by, set_at)"
                + " VALUES ('TB', 'C1', 'TB', 'builtin', 'UB', 1)");
        execute(url, "INSERT INTO user_links (workspace, connection, slack_user, remote_user, linked_by, linked_at)"
                + " VALUES ('TB', 'taskapi', 'UX', 'remote-y', 'UB', 1)");
        assertThatThrownBy(() -> execute(url, "INSERT INTO channel_digests (workspace, channel, team, local_time, zone,"
                + " next_at, updated_at) VALUES ('TA', 'C1', 'TA', '12:00', 'UTC', 5, 1)")).hasCauseInstanceOf(SQLException.class);
        assertThat(rows(url, "SELECT workspace || local_time FROM channel_digests ORDER BY workspace"))
                .containsExactly("TA10:00", "TB11:00");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void anUnresolvedRowGivesWayToTheHomeWorkspacesOwnWhenClaimed(Databases.Kind kind) throws Exception {
        String url = Databases.url(kind);
        migrate(url, "23");
        execute(url, "INSERT INTO user_links (workspace, connection, slack_user, remote_user, linked_by, linked_at)"
                + " VALUES ('~', 'taskapi', 'UX', 'old', 'U1', 1)");
        execute(url, "INSERT INTO user_links (workspace, connection, slack_user, remote_user, linked_by, linked_at)"
                + " VALUES ('T1', 'taskapi', 'UX', 'new', 'U1', 2)");
        execute(url, "INSERT INTO user_links (workspace, connection, slack_user, remote_user, linked_by, linked_at)"
                + " VALUES ('~', 'taskapi', 'UY', 'kept', 'U1', 1)");
        execute(url, "INSERT INTO channel_digests (workspace, channel, team, local_time, zone, next_at, updated_at)"
                + " VALUES ('~', 'C1', '', '09:00', 'UTC', 5, 1)");

        LegacyRows.claim(Jdbi.create(url, "postgres", "postgres"), new WorkspaceId("T1"));

        assertThat(rows(url, "SELECT workspace || slack_user || remote_user FROM user_links ORDER BY slack_user"))
                .containsExactly("T1UXnew", "T1UYkept");
        assertThat(rows(url, "SELECT workspace || channel FROM channel_digests")).containsExactly("T1C1");
    }

    private static void migrate(String url, String target) {
        Flyway.configure().dataSource(url, "postgres", "postgres").locations("classpath:db/migration")
                .placeholders(Map.of("id_column", Dialect.of(url).idColumn())).target(target).load().migrate();
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> rows(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
