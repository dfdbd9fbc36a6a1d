package io.taskbridge.testing;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The common part of the fake task systems (Workiva, awork, seed 001) on loopback: records every
 * request, and answers the next ones with canned failures when a test queues them: 429 with
 * Retry-After, a 5xx, an expired token (401), or a hang longer than the client waits.
 */
public abstract class FakeTaskServer implements AutoCloseable {
    /** One request as received. */
    public record Seen(String method, String path, String query, String authorization, String version, String body) {}

    /** A canned answer for the next request. */
    public sealed interface Failure {
        record RateLimited(int retryAfterSeconds) implements Failure {}

        record ServerError(int status) implements Failure {}

        record Unauthorized() implements Failure {}

        record Hang(Duration duration) implements Failure {}

        /** The request waits, unanswered, until the test opens {@code release} (at most 30 s). */
        record HoldUntil(java.util.concurrent.CountDownLatch release) implements Failure {}
    }

    private final Javalin server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Deque<Failure> failures = new ConcurrentLinkedDeque<>();
    private volatile boolean down;

    protected FakeTaskServer() {
        server = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.before(this::gate);
            routes(cfg.routes);
        }).start("127.0.0.1", 0);
    }

    protected abstract void routes(RoutesConfig routes);

    /** The header a test asserts on, besides Authorization (Workiva: X-Version). */
    protected String versionHeader(Context ctx) {
        return ctx.header("X-Version");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public void failNext(Failure f) {
        failures.add(f);
    }

    /** While down, every request is answered 503 (a backend outage). */
    public void down(boolean isDown) {
        this.down = isDown;
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public long count(String method, String pathPrefix) {
        return seen.stream().filter(s -> s.method().equals(method) && s.path().startsWith(pathPrefix)).count();
    }

    public void clearSeen() {
        seen.clear();
    }

    private void gate(Context ctx) throws Exception {
        seen.add(new Seen(ctx.method().name(), ctx.path(), ctx.queryString(), ctx.header("Authorization"),
                versionHeader(ctx), ctx.body()));
        if (down) {
            halt(ctx, 503, "{\"code\":\"503ServiceUnavailable\",\"message\":\"down for maintenance\"}");
            return;
        }
        if (skipFailures(ctx)) {
            return;
        }
        Failure f = failures.poll();
        if (f instanceof Failure.RateLimited r) {
            ctx.header(rateLimitHeader(), String.valueOf(r.retryAfterSeconds()));
            halt(ctx, 429, rateLimitBody());
        } else if (f instanceof Failure.ServerError s) {
            halt(ctx, s.status(), "{\"code\":\"" + s.status() + "\",\"message\":\"trouble\"}");
        } else if (f instanceof Failure.Unauthorized) {
            halt(ctx, 401, "{\"code\":\"401Unauthorized\",\"message\":\"No valid API token provided\"}");
        } else if (f instanceof Failure.Hang h) {
            Thread.sleep(h.duration().toMillis());
        } else if (f instanceof Failure.HoldUntil h) {
            h.release().await(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** Requests the failure queue leaves alone (the token endpoint). */
    protected boolean skipFailures(Context ctx) {
        return false;
    }

    /** Where a 429 says how long to wait: Retry-After, or awork's RateLimit-Reset. */
    protected String rateLimitHeader() {
        return "Retry-After";
    }

    protected String rateLimitBody() {
        return "{\"code\":\"429TooManyRequests\",\"message\":\"Too many requests\"}";
    }

    /** Ends the request here with a JSON body. */
    protected static void halt(Context ctx, int status, String json) {
        ctx.status(status).contentType("application/json").result(json);
        ctx.skipRemainingHandlers();
    }

    protected static void each(List<Seen> list, Consumer<Seen> c) {
        list.forEach(c);
    }

    @Override
    public void close() {
        server.stop();
    }
}
