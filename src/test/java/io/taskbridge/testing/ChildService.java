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

/**
 * The service as a JVM of its own (for tests that kill it with SIGKILL), on this test's class path,
 * and reads of its SQLite file from outside.
 */
public final class ChildService {
    private ChildService() {}

    /** Starts {@code io.taskbridge.Main} with {@code env}, its output in {@code dir/log}; returns once /healthz answers 200. */
    public static Process start(Path dir, Map<String, String> env, String log) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.taskbridge.Main")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile());
        pb.environment().putAll(env);
        Process service = pb.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new AssertionError("service exited: " + Files.readString(dir.resolve(log)));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base(env) + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return service;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        service.destroyForcibly();
        throw new AssertionError("service never became healthy: " + Files.readString(dir.resolve(log)));
    }

    /** The service's base URL, from its {@code PORT}. */
    public static String base(Map<String, String> env) {
        return "http://127.0.0.1:" + env.get("PORT");
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
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
    public static void awaitThat(java.util.function.BooleanSupplier done, Duration limit,
                                 java.util.function.Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        org.assertj.core.api.Assertions.assertThat(done.getAsBoolean()).as(state).isTrue();
    }
}
