package io.taskbridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.taskbridge.api.ApiKeys;
import io.taskbridge.api.RateLimiter;
import io.taskbridge.api.RestApi;
import io.taskbridge.http.HttpServer;
import io.taskbridge.http.SlackSignature;
import io.taskbridge.notify.Outbox;
import io.taskbridge.notify.OutboxCodec;
import io.taskbridge.notify.OutboxWorker;
import io.taskbridge.notify.SlackDelivery;
import io.taskbridge.notify.SlackNotifier;
import io.taskbridge.slack.SlackApp;
import io.taskbridge.slack.SlackWeb;
import io.taskbridge.slack.UserZones;
import io.taskbridge.store.Database;
import io.taskbridge.task.TaskService;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running service: everything {@link Config} asks for, wired once, closed in reverse order. */
public final class Taskbridge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Taskbridge.class);

    private final List<AutoCloseable> resources;
    private final HttpServer http;
    private final TaskService tasks;

    private Taskbridge(List<AutoCloseable> resources, HttpServer http, TaskService tasks) {
        this.resources = resources;
        this.http = http;
        this.tasks = tasks;
    }

    public static Taskbridge start(Config config, Clock clock) {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            Database db = Database.open(config.dbUrl(), config.dbUser().orElse(null),
                    config.dbPassword().map(Secret::value).orElse(null));
            resources.add(db);
            ObjectMapper json = Json.mapper();
            OutboxCodec codec = new OutboxCodec(json);
            Config.Slack slackConfig = config.slack();

            Optional<SlackWeb> web = Optional.empty();
            Optional<OutboxWorker> worker = Optional.empty();
            Optional<Slack> slack = Optional.empty();
            if (slackConfig.enabled()) {
                slack = Optional.of(slackClient(slackConfig));
                web = Optional.of(new SlackWeb(slack.get().methods(slackConfig.botToken().orElseThrow().value())));
                worker = Optional.of(new OutboxWorker(db.jdbi(), codec, new SlackDelivery(web.get(), db.jdbi(), clock),
                        clock, config.outboxPollInterval()));
            }
            Optional<OutboxWorker> wakeable = worker;
            Outbox outbox = new Outbox(codec, clock, () -> wakeable.ifPresent(OutboxWorker::wake));
            TaskService tasks = new TaskService(db.jdbi(), clock, new SlackNotifier(outbox));

            Optional<HttpServer.SlackRoute> route = Optional.empty();
            if (slackConfig.httpMode()) {
                ExecutorService work = slackWork();
                resources.add(work::shutdown);
                UserZones zones = new UserZones(web, clock);
                var app = new SlackApp(tasks, zones, web.orElseThrow(), work, clock)
                        .build(slackConfig.signingSecret().orElseThrow().value(),
                                slackConfig.botToken().orElseThrow().value(), slack.orElseThrow());
                route = Optional.of(new HttpServer.SlackRoute(app,
                        new SlackSignature(slackConfig.signingSecret().orElseThrow(), clock)));
            }
            RestApi api = new RestApi(tasks,
                    new ApiKeys(db.jdbi(), clock, config.api().adminKey(), new SecureRandom()),
                    new RateLimiter(config.api().ratePerMinute(), System::nanoTime), json, clock);
            HttpServer http = new HttpServer(db, json, route, List.of(api::addTo)).start(config.port());
            resources.add(http);
            worker.ifPresent(w -> {
                w.start();
                resources.add(w);
            });
            log.info("Taskbridge listening on port {} with {} store", http.port(), db.dialect().name().toLowerCase());
            slackConfig.missing().ifPresentOrElse(
                    what -> log.warn("Slack is not configured: set {} to connect a workspace. "
                            + "Until then Taskbridge stores tasks and answers /healthz only.", what),
                    () -> log.info("Slack connected over HTTP at /slack/events (Web API {})", slackConfig.apiUrl()));
            if (config.api().adminKey().isEmpty()) {
                log.info("REST API at /v1: set TASKBRIDGE_ADMIN_KEY to create API keys (POST /v1/apikeys)");
            }
            return new Taskbridge(resources, http, tasks);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    private static Slack slackClient(Config.Slack config) {
        SlackConfig sc = new SlackConfig();
        sc.setMethodsEndpointUrlPrefix(config.apiUrl().toString());
        sc.setStatsEnabled(false);
        sc.setHttpClientReadTimeoutMillis(10_000);
        sc.setHttpClientWriteTimeoutMillis(10_000);
        sc.setHttpClientCallTimeoutMillis(15_000);
        return Slack.getInstance(sc);
    }

    /** Work done after a Slack ack. Bounded: when full, the listener says so instead of queueing forever. */
    private static ExecutorService slackWork() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(4, 16, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000), r -> {
            Thread t = new Thread(r, "slack-work-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public int port() {
        return http.port();
    }

    public TaskService tasks() {
        return tasks;
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("failed to close {}", resources.get(i), e);
            }
        }
    }
}
