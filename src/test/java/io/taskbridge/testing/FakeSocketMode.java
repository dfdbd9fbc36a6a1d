package io.taskbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Slack's Socket Mode server on loopback, over plain {@code ws://}. Hand {@link #url} to
 * {@link FakeSlack#socketModeUrls} and {@code apps.connections.open} will send clients here. Like
 * Slack, it greets each new connection with a {@code hello}; tests then {@link #send} envelopes
 * and {@link #await} what the client sends back (acks carry the envelope's {@code envelope_id}).
 */
public final class FakeSocketMode implements AutoCloseable {
    /** A text frame the client sent, as JSON. */
    public record Received(String sessionId, JsonNode json) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Javalin server;
    private final AtomicInteger tickets = new AtomicInteger();
    private final Deque<WsContext> open = new ConcurrentLinkedDeque<>();
    private final List<String> connected = new CopyOnWriteArrayList<>();
    private final List<String> closed = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public FakeSocketMode() {
        server = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.ws("/link", ws -> {
                ws.onConnect(ctx -> {
                    open.addLast(ctx);
                    connected.add(ctx.sessionId());
                    ctx.send(hello());
                });
                ws.onMessage(ctx -> received.add(new Received(ctx.sessionId(), JSON.readTree(ctx.message()))));
                ws.onClose(ctx -> {
                    open.removeIf(c -> c.sessionId().equals(ctx.sessionId()));
                    closed.add(ctx.sessionId());
                });
            });
        }).start("127.0.0.1", 0);
    }

    /** A fresh connection URL, shaped like Slack's ({@code wss://wss-primary.slack.com/link/?ticket=…}). */
    public String url() {
        return "ws://127.0.0.1:" + server.port() + "/link?ticket=fake-" + tickets.incrementAndGet() + "&app_id=A1";
    }

    /** How many connections were ever opened, and how many are open now. */
    public int connections() {
        return connected.size();
    }

    public int openConnections() {
        return open.size();
    }

    /** Waits for an open connection (its {@code hello} already sent), fails the test if none comes. */
    public String awaitConnection() {
        awaitTrue(() -> !open.isEmpty(), () -> "no Socket Mode connection");
        return open.peekLast().sessionId();
    }

    /** Waits until every connection has been closed by the client. */
    public void awaitAllClosed() {
        awaitTrue(() -> open.isEmpty() && closed.size() == connected.size(), () -> "Socket Mode connections still open: " + open.size());
    }

    /** Sends a text frame on the newest open connection. */
    public void send(String json) {
        awaitConnection();
        Optional.ofNullable(open.peekLast()).orElseThrow(() -> new AssertionError("the connection closed")).send(json);
    }

    /** Waits for a frame from the client matching {@code test}. */
    public Received await(Predicate<JsonNode> test) {
        AtomicReference<Received> found = new AtomicReference<>();
        awaitTrue(() -> {
            received.stream().filter(r -> test.test(r.json())).findFirst().ifPresent(found::set);
            return found.get() != null;
        }, () -> "no matching Socket Mode message; received: " + received);
        return found.get();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private static String hello() {
        return """
                {"type":"hello","num_connections":1,"debug_info":{"host":"applink-fake","build_number":1,\
                "approximate_connection_time":18060},"connection_info":{"app_id":"A1"}}""";
    }

    private static void awaitTrue(BooleanSupplier condition, Supplier<String> failure) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get() + " within " + WAIT.toSeconds() + "s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
