package io.taskbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM as README promises it, on the service as its own JVM: a post under way when the signal
 * comes finishes and its row is settled, the HTTP server still answers while the worker finishes
 * (it stops after the worker), a row written meanwhile is kept for the next start, and nothing is
 * sent twice. Each step waits for what it needs to see; nothing is timed.
 */
class ShutdownTest {
    /** README, "Running it": the order things stop in. */
    static final String README_ORDER = "Stop the service with SIGTERM; it stops the reminder schedule, then the outbox "
            + "worker, the HTTP server and the database pool, in that order.";
    /** README, "Delivery to Slack": the post under way. */
    static final String README_POST_UNDER_WAY = "Stopping the service (SIGTERM) lets the post under way finish first, "
            + "so nothing is sent twice;";
    static final String ADMIN_KEY = "shutdown-test-admin-key";
    /** A JVM ended by SIGTERM after its shutdown hooks have run: 128 + 15. */
    static final int EXIT_ON_SIGTERM = 143;

    @Test
    void readmeStillSaysWhatThisTestShows() throws Exception {
        String readme = Files.readString(Path.of("README.md")).replaceAll("\\s+", " ");
        assertThat(readme).contains(README_ORDER).contains(README_POST_UNDER_WAY);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sigtermLetsThePostUnderWayFinishWhileHttpStillAnswersAndKeepsTheRest(@TempDir Path dir) throws Exception {
        String db = "jdbc:sqlite:" + dir.resolve("tb.db");
        try (FakeSlack slack = new FakeSlack()) {
            Map<String, String> env = ServiceProcess.env(slack, db, ADMIN_KEY);
            CountDownLatch release = new CountDownLatch(1);
            slack.failNext("chat.postMessage", new FakeSlack.Failure.AcceptedThenHeld(release));

            ServiceProcess first = ServiceProcess.start(dir, env, "first.log");
            List<ServiceProcess> started = new ArrayList<>(List.of(first));
            try {
                long before = createTask(first, "Before the signal");
                // Slack has taken the post; its answer waits for the test: the delivery is under way.
                slack.await("chat.postMessage", c -> slack.posted().size() == 1);

                first.process().destroy(); // SIGTERM
                first.awaitOutput("Stopping Taskbridge");
                first.awaitOutput("outbox worker stops after the delivery under way");
                // The worker is still finishing its post, so the HTTP server, stopped after it, still answers.
                assertThat(healthz(first)).as("HTTP during shutdown, before the worker is done").isEqualTo(200);
                long during = createTask(first, "During the shutdown");
                assertThat(first.process().isAlive()).as("the post under way holds the shutdown").isTrue();

                release.countDown();
                assertThat(first.process().waitFor(60, TimeUnit.SECONDS)).as("stopped once the post finished").isTrue();
                assertThat(first.process().exitValue()).isEqualTo(EXIT_ON_SIGTERM);
                String out = first.output();
                assertThat(out).containsSubsequence("Taskbridge listening", "Stopping Taskbridge",
                        "outbox worker stops after the delivery under way", "Taskbridge stopped");
                assertThat(out).doesNotContain("ERROR").doesNotContain("failed to close")
                        .doesNotContain("work still running");

                // The post under way was settled: its row is gone and the task knows its message.
                String ts = slack.channelMessages("CSTOP").get(0).ts();
                assertThat(query(db, "SELECT slack_ts FROM tasks WHERE id = " + before)).isEqualTo(ts);
                assertThat(query(db, "SELECT COUNT(*) FROM outbox")).as("only the row written during shutdown is left")
                        .isEqualTo("1");
                assertThat(query(db, "SELECT state FROM outbox")).isEqualTo("pending");
                assertThat(slack.posted()).hasSize(1);

                // The next start sends the kept row, and the settled one never again.
                ServiceProcess second = ServiceProcess.start(dir, env, "second.log");
                started.add(second);
                slack.await("chat.postMessage", c -> slack.posted().size() == 2);
                assertThat(slack.channelMessages("CSTOP")).extracting(FakeSlack.Message::seen)
                        .satisfiesExactly(
                                m -> assertThat(m).contains("#" + before + " Before the signal"),
                                m -> assertThat(m).contains("#" + during + " During the shutdown"));
                second.process().destroy();
                assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(query(db, "SELECT COUNT(*) FROM outbox")).isEqualTo("0");
                assertThat(slack.posted()).as("nothing sent twice").hasSize(2);
            } finally {
                release.countDown();
                for (ServiceProcess p : started) {
                    p.process().destroyForcibly();
                    p.process().waitFor(15, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static long createTask(ServiceProcess service, String title) throws Exception {
        String body = "{\"title\":\"" + title + "\",\"channel\":\"CSTOP\"}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/v1/tasks"))
                .header("Authorization", "Bearer " + ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return io.taskbridge.platform.Json.mapper().readTree(r.body()).path("id").asLong();
    }

    private static int healthz(ServiceProcess service) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String query(String db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
