package io.taskbridge.platform;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.taskbridge.platform.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.router.Endpoint;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.util.component.LifeCycle;
import java.util.Map;
import java.util.Optional;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one HTTP server: Slack's endpoint (when Slack is configured), the REST API, health, and error mapping. */
public final class HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    /** Larger bodies are refused with 413 before anything reads them. */
    public static final long MAX_BODY = 1024 * 1024;
    /** How long a client may take to send a request's headers, and its body ({@link SlowClientGuard}). */
    public static final Duration HEADER_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration BODY_TIMEOUT = Duration.ofSeconds(15);

    private final Javalin javalin;
    /** False from {@link #listen} until {@link #open}: every request is answered 503 meanwhile. */
    private volatile boolean open;

    /** {@code slack} is Slack's endpoint when Slack is configured; {@code more} adds further endpoints (the REST API) next to it and health. */
    public HttpServer(Database db, ObjectMapper json, Optional<? extends Routes> slack, List<Routes> more) {
        this(db, json, slack, more, Metrics.off());
    }

    /** The same, with each request counted and timed in {@code metrics} (by route template and final status). */
    public HttpServer(Database db, ObjectMapper json, Optional<? extends Routes> slack, List<Routes> more, Metrics metrics) {
        this.javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.concurrency.useVirtualThreads = virtualThreads();
            cfg.requestLogger.http((ctx, ms) -> metrics.request(ctx.method().name(), route(ctx), ctx.statusCode(),
                    Duration.ofNanos(Math.round(ms * 1_000_000d))));
            cfg.http.maxRequestSize = MAX_BODY;
            cfg.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler());
                server.addEventListener(new LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(LifeCycle event) {
                        for (Connector connector : server.getConnectors()) {
                            connector.addEventListener(new SlowClientGuard(connector.getScheduler(), HEADER_TIMEOUT, BODY_TIMEOUT));
                        }
                    }
                });
            });
            cfg.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.routes.before(ctx -> {
                if (!open) {
                    starting(ctx);
                }
            });
            cfg.routes.get("/healthz", ctx -> {
                boolean up = db.ping();
                ctx.status(up ? 200 : 503).json(Map.of("status", up ? "ok" : "unavailable",
                        "database", up ? "up" : "down"));
            });
            slack.ifPresent(s -> s.addTo(cfg.routes));
            more.forEach(r -> r.addTo(cfg.routes));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
                int status = e.getStatus();
                String message = status == 413 ? ErrorBodies.TOO_LARGE : e.getMessage();
                ErrorBodies.send(ctx, status, ErrorBodies.codeFor(status), message);
            });
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                log.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
                ErrorBodies.send(ctx, 500, "server_error", "Something went wrong on our side.");
            });
            cfg.routes.error(404, "*", ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    ErrorBodies.send(ctx, 404, "resource_not_found", "No such endpoint: " + ctx.method() + " " + ctx.path());
                }
            });
        });
    }

    /**
     * Whether requests run on virtual threads: on Java 24 and later, where a thread blocked inside
     * {@code synchronized} no longer holds its carrier (JEP 491; sqlite-jdbc and the JDK's own
     * I/O classes still lock that way). A request spends most of its time waiting for the group
     * commit; a virtual thread that parks there hands its carrier to the next request instead of
     * costing an operating-system thread switch, and {@code /task add} ran
     * 1.12-1.22x faster on Java 25 (bench/RESULTS.md). Java 17 to 23 keep Jetty's thread pool.
     */
    static boolean virtualThreads() {
        return Runtime.version().feature() >= 24;
    }

    /** The matched route's template ({@code /v1/tasks/{id}}), so that paths do not become tags; "unmatched" for none. */
    private static String route(Context ctx) {
        Endpoint matched = ctx.endpoints().lastHttpEndpoint();
        return matched == null ? "unmatched" : matched.path;
    }

    /** A set of endpoints that registers itself on the server (the REST API does). */
    @FunctionalInterface
    public interface Routes {
        void addTo(RoutesConfig routes);
    }

    /** Listens on {@code port} and serves at once. */
    public HttpServer start(int port) {
        return listen(port).open();
    }

    /**
     * Listens on {@code port} but answers every request 503 (health: {@code "starting"}) until
     * {@link #open}: the server can start while the schema is still being migrated, and no request
     * reaches a table before it is ready.
     */
    public HttpServer listen(int port) {
        javalin.start(port);
        return this;
    }

    /** From now on requests reach their handlers. */
    public HttpServer open() {
        open = true;
        return this;
    }

    private static void starting(Context ctx) {
        ctx.header("Retry-After", "1");
        if (ctx.path().equals("/healthz")) {
            ctx.status(503).json(Map.of("status", "starting"));
        } else {
            ErrorBodies.send(ctx, 503, "service_unavailable", "Taskbridge is starting; try again in a moment.");
        }
        ctx.skipRemainingHandlers();
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
