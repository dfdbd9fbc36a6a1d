package io.taskbridge.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The service as its own JVM ({@code io.taskbridge.Main} on the test class path), started with
 * {@code env}, its output in {@code log}; returned once {@code /healthz} answers 200. For what only a
 * real process shows: signals (SIGTERM, SIGKILL), exit codes, a restart on the same file; with reads
 * of its SQLite file from outside.
 */
public record ServiceProcess(Process process, Path log, String baseUrl) {

    public static ServiceProcess start(Path dir, Map<String, String> env, String logName) throws Exception {
        Path log = dir.resolve(logName);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.taskbridge.Main")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process service = pb.start();
        String base = base(env);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new AssertionError("service exited: " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return new ServiceProcess(service, log, base);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        service.destroyForcibly();
        throw new AssertionError("service never became healthy: " + Files.readString(log));
    }

    /**
     * What a child service needs to run against {@code slack} on {@code dbUrl}: a free port, the
     * fake's URL and token, an admin key, a 100 ms outbox poll and no quiet hours. Mutable: a test
     * adds its own settings.
     */
    public static Map<String, String> env(FakeSlack slack, String dbUrl, String adminKey) throws IOException {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("PORT", Integer.toString(freePort()));
        env.put("TASKBRIDGE_DB_URL", dbUrl);
        env.put("SLACK_SIGNING_SECRET", "child-service-secret");
        env.put("SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("TASKBRIDGE_ADMIN_KEY", adminKey);
        env.put("TASKBRIDGE_OUTBOX_POLL_MS", "100");
        env.put("TASKBRIDGE_QUIET_HOURS", "off");
        return env;
    }

    /** The base URL of a service started with {@code env}, from its {@code PORT}. */
    public static String base(Map<String, String> env) {
        return "http://127.0.0.1:" + env.get("PORT");
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    /** Waits up to 30 s for the output to contain {@code line}; fails the test if it never does. */
    public void awaitOutput(String line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!output().contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no \"" + line + "\" in the output: " + output());
            }
            Thread.sleep(20);
        }
    }

    /** Reads a result set. */
    public interface Read<T> {
        T from(ResultSet rs) throws SQLException;
    }

    /** One query on a connection of its own (the service may be running, or killed). */
    public static <T> T query(String db, String sql, Read<T> read) {
        try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            try (ResultSet rs = s.executeQuery(sql)) {
                return read.from(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits up to {@code limit} for {@code done}, then asserts it, described by {@code state}. */
    public static void awaitThat(BooleanSupplier done, Duration limit, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        org.assertj.core.api.Assertions.assertThat(done.getAsBoolean()).as(state).isTrue();
    }
}
