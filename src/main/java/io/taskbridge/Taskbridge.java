package io.taskbridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.taskbridge.http.HttpServer;
import io.taskbridge.http.SlackSignature;
import io.taskbridge.http.AdminEndpoint;
import io.taskbridge.notify.ChannelFallback;
import io.taskbridge.notify.ChannelPacer;
import io.taskbridge.notify.Delivery;
import io.taskbridge.notify.Outbox;
import io.taskbridge.notify.OutboxCodec;
import io.taskbridge.notify.OutboxWorker;
import io.taskbridge.notify.ReminderDelivery;
import io.taskbridge.reminder.Digests;
import io.taskbridge.reminder.ReminderJob;
import io.taskbridge.reminder.ReminderPlanner;
import io.taskbridge.reminder.ReminderSchedule;
import io.taskbridge.notify.SlackDelivery;
import io.taskbridge.notify.SlackNotifier;
import io.taskbridge.slack.ReminderButtons;
import io.taskbridge.slack.SlackApp;
import io.taskbridge.slack.SlackWeb;
import io.taskbridge.slack.UserZones;
import io.taskbridge.store.Database;
import io.taskbridge.store.Dialect;
import io.taskbridge.task.TaskEvents;
import io.taskbridge.task.TaskService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running service: everything {@link Config} asks for, wired once, closed in reverse order. */
public final class Taskbridge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Taskbridge.class);

    private final List<AutoCloseable> resources;
    private final HttpServer http;
    private final TaskService tasks;
    private final ReminderJob reminderJob;

    private Taskbridge(List<AutoCloseable> resources, HttpServer http, TaskService tasks, ReminderJob reminderJob) {
        this.reminderJob = reminderJob;
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
            AtomicReference<OutboxWorker> wakeable = new AtomicReference<>();
            Outbox outbox = new Outbox(codec, clock, () -> Optional.ofNullable(wakeable.get()).ifPresent(OutboxWorker::wake));
            if (slackConfig.enabled()) {
                slack = Optional.of(slackClient(slackConfig));
                web = Optional.of(new SlackWeb(slack.get().methods(slackConfig.botToken().orElseThrow().value())));
            }
            UserZones zones = new UserZones(web, clock);
            if (web.isPresent()) {
                SlackDelivery taskMessages = new SlackDelivery(web.get(), db.jdbi(), clock);
                ReminderDelivery reminders = new ReminderDelivery(web.get(), db.jdbi(), clock,
                        config.reminders().quietHours().forUsers(zones::of));
                Delivery routed = m -> ReminderDelivery.handles(m) ? reminders.deliver(m) : taskMessages.deliver(m);
                worker = Optional.of(new OutboxWorker(db.jdbi(), codec, new ChannelFallback(routed, db.jdbi(), outbox),
                        clock, config.outboxPollInterval(), Optional.of(ChannelPacer.slack())));
                wakeable.set(worker.get());
            }
            Digests digests = new Digests(db.jdbi(), clock);
            ReminderPlanner planner = new ReminderPlanner(db.jdbi(), clock, digests);
            TaskService tasks = new TaskService(db.jdbi(), clock,
                    TaskEvents.all(List.of(new SlackNotifier(outbox), planner)));
            ReminderJob reminderJob = new ReminderJob(db.jdbi(), db.dialect(), outbox, clock,
                    config.reminders().broadcast());

            Optional<HttpServer.SlackRoute> route = Optional.empty();
            if (slackConfig.httpMode()) {
                ExecutorService work = slackWork();
                resources.add(work::shutdown);
                var app = new SlackApp(tasks, zones, web.orElseThrow(), work, clock, digests)
                        .build(slackConfig.signingSecret().orElseThrow().value(),
                                slackConfig.botToken().orElseThrow().value(), slack.orElseThrow());
                new ReminderButtons(tasks, planner, zones, work, clock).register(app);
                route = Optional.of(new HttpServer.SlackRoute(app,
                        new SlackSignature(slackConfig.signingSecret().orElseThrow(), clock)));
            }
            HttpServer http = new HttpServer(db, json, route,
                    config.adminKey().map(key -> new AdminEndpoint(db.jdbi(), key))).start(config.port());
            resources.add(http);
            worker.ifPresent(w -> {
                w.start();
                resources.add(w);
            });
            if (worker.isPresent()) {
                resources.add(ReminderSchedule.start(reminderJob, config.reminders().interval(), scheduleStore(config, db)));
            }
            log.info("Taskbridge listening on port {} with {} store", http.port(), db.dialect().name().toLowerCase());
            slackConfig.missing().ifPresentOrElse(
                    what -> log.warn("Slack is not configured: set {} to connect a workspace. "
                            + "Until then Taskbridge stores tasks and answers /healthz only.", what),
                    () -> log.info("Slack connected over HTTP at /slack/events (Web API {})", slackConfig.apiUrl()));
            return new Taskbridge(resources, http, tasks, reminderJob);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /** Quartz's schedule in memory on SQLite (one instance), in the shared database on PostgreSQL (a cluster). */
    private static ReminderSchedule.Store scheduleStore(Config config, Database db) {
        if (db.dialect() == Dialect.POSTGRES) {
            return new ReminderSchedule.Store.ClusteredPostgres(config.dbUrl(), config.dbUser(),
                    config.dbPassword().map(Secret::value));
        }
        return new ReminderSchedule.Store.Memory();
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

    /** The reminder tick Quartz runs; tests call it directly to tick on their own clock. */
    public ReminderJob reminderJob() {
        return reminderJob;
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
