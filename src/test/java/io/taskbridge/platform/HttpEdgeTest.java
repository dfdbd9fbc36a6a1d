package io.taskbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.testing.RunningService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the HTTP server itself answers, before any handler: its own errors in the API's JSON error
 * shape, and slow clients cut off. Raw sockets on loopback, so nothing is tidied by a client library.
 */
class HttpEdgeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A generous bound on the test's own wait, far above the server's time-outs; not a timing claim. */
    static final long PATIENCE_SECONDS = 60;
    static RunningService svc;

    @BeforeAll
    static void start() {
        svc = new RunningService();
    }

    @AfterAll
    static void stop() {
        svc.close();
    }

    record Raw(int status, String head, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    static Raw exchange(String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), svc.service.port())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            String all = new String(readAll(s.getInputStream()), StandardCharsets.UTF_8);
            int split = all.indexOf("\r\n\r\n");
            String head = split < 0 ? all : all.substring(0, split);
            String body = split < 0 ? "" : all.substring(split + 4);
            return new Raw(Integer.parseInt(head.split(" ")[1]), head, body);
        }
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
        } catch (IOException reset) {
            // the server may reset after answering; what arrived is the answer
        }
        return out.toByteArray();
    }

    static void assertApiError(Raw r, int status, String code) throws IOException {
        assertThat(r.status()).as(r.head() + "\n" + r.body()).isEqualTo(status);
        assertThat(r.head().toLowerCase()).contains("content-type: application/json");
        JsonNode error = r.json().get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("details").isObject()).isTrue();
        assertThat(r.body()).doesNotContain("<html").doesNotContain("Jetty").doesNotContain("at org.");
    }

    @Test
    void aNulInThePathIsTheApisJson400() throws IOException {
        assertApiError(exchange("GET /v1/tasks/%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                400, "invalid_parameters");
    }

    @Test
    void aLongUriIsTheApisJson414() throws IOException {
        String path = "/v1/tasks?search=" + "a".repeat(70_000);
        assertApiError(exchange("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                414, "uri_too_long");
    }

    @Test
    void hugeHeadersAreTheApisJson431() throws IOException {
        assertApiError(exchange("GET /v1/tasks HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(70_000)
                + "\r\nConnection: close\r\n\r\n"), 431, "headers_too_large");
    }

    @Test
    void anUnknownPathUnderV1IsTheApisJson404() throws IOException {
        assertApiError(exchange("GET /v1/nothing-here HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                404, "resource_not_found");
    }

    /**
     * Sends {@code start}, then one byte of {@code trickle} at a time with a pause, until the server
     * closes the connection or the test's patience runs out; true when the server closed it.
     */
    static boolean serverCloses(String start, String trickle) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), svc.service.port())) {
            OutputStream out = s.getOutputStream();
            out.write(start.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> {
                try {
                    s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
                    byte[] buf = new byte[1024];
                    while (s.getInputStream().read(buf) >= 0) {
                        // an answer (408 or 431, say) may come before the close
                    }
                    return true;
                } catch (SocketTimeoutException e) {
                    return false;
                } catch (IOException reset) {
                    return true;
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
            int i = 0;
            while (!closed.isDone() && System.nanoTime() < deadline) {
                try {
                    out.write(trickle.charAt(i++ % trickle.length()));
                    out.flush();
                } catch (IOException e) {
                    break; // the server closed it
                }
                try {
                    closed.get(500, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException stillOpen) {
                    // keep trickling
                }
            }
            return closed.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void headersTrickledByteByByteAreCutOff() throws Exception {
        assertThat(serverCloses("GET /healthz HTTP/1.1\r\nHost: localhost\r\n", "X-Slow: abcdefghijklmnopqrstuvwxyz\r\n"))
                .isTrue();
    }

    @Test
    void aBodyTrickledToSlackEventsIsCutOff() throws Exception {
        assertThat(serverCloses("POST /slack/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100000\r\n\r\n{\"type\":\"", "x")).isTrue();
    }
}
