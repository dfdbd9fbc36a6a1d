package io.taskbridge.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.SlackRequests;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service, launched as its own JVM under {@code LC_ALL=C} with an ASCII default charset,
 * accepts a correctly signed UTF-8 event. The control shows the trap is real: in the same kind of
 * JVM, Bolt's own verifier rejects the same signature.
 */
class AsciiLocaleTest {
    static final String SECRET = "ascii-locale-secret";

    @Test
    void signedUtf8EventVerifiesWhenTheDefaultCharsetIsAscii(@TempDir Path dir) throws Exception {
        long ts = Instant.now().getEpochSecond();
        byte[] body = SlackEndpointTest.NON_ASCII_EVENT.getBytes(StandardCharsets.UTF_8);
        String signature = SlackRequests.sign(SECRET, ts, body);

        Process probe = java(dir, List.of(BoltVerifierProbe.class.getName(), SECRET, Long.toString(ts), signature),
                "probe.log").start();
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("probe.log")))
                .contains("charset=US-ASCII").contains("bolt-verifies=false");

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (FakeSlack slack = new FakeSlack()) {
            ProcessBuilder pb = java(dir, List.of("io.taskbridge.Main"), "service.log");
            pb.environment().put("PORT", Integer.toString(port));
            pb.environment().put("TASKBRIDGE_DB_URL", "jdbc:sqlite:" + dir.resolve("tb.db"));
            pb.environment().put("SLACK_SIGNING_SECRET", SECRET);
            pb.environment().put("SLACK_BOT_TOKEN", FakeSlack.BOT_TOKEN);
            pb.environment().put("SLACK_API_URL", slack.apiUrl());
            Process service = pb.start();
            try {
                awaitHealthy(port, service, dir);
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/slack/events"))
                        .header("Content-Type", "application/json")
                        .header("X-Slack-Request-Timestamp", Long.toString(ts))
                        .header("X-Slack-Signature", signature)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(Files.readString(dir.resolve("service.log"))).isEqualTo(200);
            } finally {
                service.destroy();
                service.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static ProcessBuilder java(Path dir, List<String> mainAndArgs, String log) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Dfile.encoding=US-ASCII", "-Xmx256m",
                "-cp", System.getProperty("java.class.path")));
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile());
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("LANG", "C");
        return pb;
    }

    private static void awaitHealthy(int port, Process service, Path dir) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new AssertionError("service exited: " + Files.readString(dir.resolve("service.log")));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("service never became healthy: " + Files.readString(dir.resolve("service.log")));
    }
}
