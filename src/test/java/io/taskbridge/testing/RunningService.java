package io.taskbridge.testing;

import io.taskbridge.Config;
import io.taskbridge.Taskbridge;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The whole service on a loopback port, on a fresh SQLite file, talking to a {@link FakeSlack}. */
public final class RunningService implements AutoCloseable {
    public static final String SECRET = "test-signing-secret";

    public final FakeSlack slack;
    public final Taskbridge service;
    public final SlackRequests requests;
    public final String dbUrl;
    public final Clock clock;
    private final boolean ownsSlack;
    private final HttpClient http = HttpClient.newHttpClient();

    public RunningService() {
        this(Databases.sqliteUrl(), Map.of());
    }

    public RunningService(String dbUrl, Map<String, String> extra) {
        this(dbUrl, extra, new FakeSlack(), Clock.systemUTC(), true, java.util.List.of());
    }

    /**
     * A service on {@code clock} talking to a {@code slack} the test owns (and closes): several
     * services, one after another or side by side, can share one fake and one database.
     */
    public RunningService(String dbUrl, Map<String, String> extra, FakeSlack slack, Clock clock) {
        this(dbUrl, extra, slack, clock, false, java.util.List.of());
    }

    /** The service with these task-system connections, talking to {@code slack} (which it closes). */
    public RunningService(String dbUrl, Map<String, String> extra, java.util.List<io.taskbridge.connector.TaskBackend> connections,
                          FakeSlack slack) {
        this(dbUrl, extra, slack, Clock.systemUTC(), true, connections);
    }

    private RunningService(String dbUrl, Map<String, String> extra, FakeSlack slack, Clock clock, boolean ownsSlack,
                           java.util.List<io.taskbridge.connector.TaskBackend> connections) {
        this.slack = slack;
        this.clock = clock;
        this.ownsSlack = ownsSlack;
        this.dbUrl = dbUrl;
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("TASKBRIDGE_DB_URL", dbUrl);
        env.put("TASKBRIDGE_DB_USER", "postgres");
        env.put("SLACK_SIGNING_SECRET", SECRET);
        env.put("SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("TASKBRIDGE_OUTBOX_POLL_MS", "200");
        env.putAll(extra);
        this.service = Taskbridge.start(Config.from(env), clock, connections);
        this.requests = new SlackRequests(service.port(), SECRET, clock);
    }

    /**
     * Polls {@code connection} now. The schedule polls each connection once as the service starts;
     * a poll that yielded to it (it moved the cursor first) is asked again until it runs itself.
     */
    public io.taskbridge.sync.Poller.Report poll(String connection) {
        io.taskbridge.sync.Poller.Report r = service.pollNow(connection);
        for (int i = 0; i < 500 && r.failure().filter(f -> f.contains("another poll")).isPresent(); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            r = service.pollNow(connection);
        }
        return r;
    }

    /** The ts of the task's Slack message, once the outbox has posted it (within 10 s). */
    public String awaitMessageTs(long taskId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            java.util.Optional<String> ts = service.tasks().find(taskId).flatMap(t -> t.slack())
                    .flatMap(p -> p.messageTs());
            if (ts.isPresent()) {
                return ts.get();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("task " + taskId + " was never posted");
    }

    public HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        service.close();
        if (ownsSlack) {
            slack.close();
        }
    }
}
