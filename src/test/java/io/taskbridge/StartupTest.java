package io.taskbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskbridge.platform.Database;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.RunningService;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

/**
 * The schema is migrated on its own thread while the rest starts: start() returns only once it is
 * done and requests are served, and a migration that fails fails the start and frees the port.
 */
class StartupTest {

    @Test
    void aNewDatabaseIsMigratedBeforeStartReturns() throws Exception {
        String url = Databases.sqliteUrl();
        try (Taskbridge service = Taskbridge.start(Config.from(Map.of("PORT", "0", "TASKBRIDGE_DB_URL", url)),
                Clock.systemUTC())) {
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + service.port() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(service.tasks().list(io.taskbridge.task.TaskQuery.all())).isEmpty();
        }
    }

    /**
     * On a database with no rows from before workspaces, a start does not wait for Slack's
     * auth.test (here 6 s slow): requests are served at once, and the workspace is learnt meanwhile.
     */
    @Test
    void aSlowAuthTestDoesNotHoldUpAStartWithNothingToClaim() throws Exception {
        FakeSlack slack = new FakeSlack();
        slack.failNext("auth.test", new FakeSlack.Failure.Hang(Duration.ofSeconds(6)));
        long began = System.nanoTime();
        try (RunningService svc = new RunningService(Databases.sqliteUrl(), Map.of(), slack, Clock.systemUTC())) {
            long tookMs = (System.nanoTime() - began) / 1_000_000;
            assertThat(tookMs).as("start, with auth.test still unanswered").isLessThan(5_000);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + svc.service.port() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aFailedMigrationFailsTheStartAndFreesThePort() throws IOException {
        String url = Databases.sqliteUrl();
        try (Database db = Database.open(url, null, null)) {
            db.jdbi().useHandle(h -> h.execute("UPDATE flyway_schema_history SET success = ? WHERE version = ?", false, "11"));
        }
        int port = freePort();

        assertThatThrownBy(() -> Taskbridge.start(Config.from(Map.of("PORT", Integer.toString(port),
                "TASKBRIDGE_DB_URL", url)), Clock.systemUTC()))
                .isInstanceOf(FlywayException.class);
        new ServerSocket(port).close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
