package io.taskbridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import io.taskbridge.api.ApiKeys;
import io.taskbridge.api.RateLimiter;
import io.taskbridge.api.RestApi;
import io.taskbridge.approval.ApprovalEvents;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.backend.Backends;
import io.taskbridge.backend.SecretBox;
import io.taskbridge.backend.TaskBackend;
import io.taskbridge.http.AdminEndpoint;
import io.taskbridge.http.HttpServer;
import io.taskbridge.http.SlackSignature;
import io.taskbridge.notify.ApprovalNotifier;
import io.taskbridge.notify.ChannelPacer;
import io.taskbridge.notify.Deliveries;
import io.taskbridge.notify.Outbox;
import io.taskbridge.notify.OutboxCodec;
import io.taskbridge.notify.OutboxWorker;
import io.taskbridge.notify.SlackNotifier;
import io.taskbridge.reminder.ApprovalNudges;
import io.taskbridge.reminder.Digests;
import io.taskbridge.reminder.ReminderJob;
import io.taskbridge.reminder.ReminderPlanner;
import io.taskbridge.reminder.ReminderSchedule;
import io.taskbridge.slack.ConnectorCommands;
import io.taskbridge.slack.ReminderButtons;
import io.taskbridge.slack.SlackApp;
import io.taskbridge.slack.SlackWeb;
import io.taskbridge.slack.SocketModeTransport;
import io.taskbridge.slack.UserZones;
import io.taskbridge.store.Database;
import io.taskbridge.store.Dialect;
import io.taskbridge.sync.ConnectionSecrets;
import io.taskbridge.sync.Connections;
import io.taskbridge.sync.PollSchedule;
import io.taskbridge.sync.Poller;
import io.taskbridge.sync.RemoteSync;
import io.taskbridge.sync.Subscriptions;
import io.taskbridge.task.TaskEvents;
import io.taskbridge.task.TaskService;
import io.taskbridge.webhook.Webhooks;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running service: everything {@link Config} asks for, wired once, closed in reverse order. */
public final class Taskbridge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Taskbridge.class);

    private final List<AutoCloseable> resources;
    private final HttpServer http;
    private final TaskService tasks;
    private final ApprovalService approvals;
    private final ReminderJob reminderJob;
    private final Poller poller;
    private final Backends backends;
    private final BooleanSupplier quiescent;

    private Taskbridge(List<AutoCloseable> resources, HttpServer http, TaskService tasks, ApprovalService approvals,
                       ReminderJob reminderJob, Poller poller, Backends backends, BooleanSupplier quiescent) {
        this.quiescent = quiescent;
        this.resources = resources;
        this.http = http;
        this.tasks = tasks;
        this.approvals = approvals;
        this.reminderJob = reminderJob;
        this.poller = poller;
        this.backends = backends;
    }

    public static Taskbridge start(Config config, Clock clock) {
        return start(config, clock, List.of());
    }

    /**
     * Starts the service with these connections to task systems (the built-in store needs none), as
     * well as those {@code config.connectors()} configures.
     */
    public static Taskbridge start(Config config, Clock clock, List<TaskBackend> connections) {
        long began = System.nanoTime();
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            // Independent steps overlap: the Slack client's TLS set-up and the schema migration run
            // on their own threads while this one wires the rest; requests wait for the schema (below).
            Config.Slack slackConfig = config.slack();
            StartupTask<Optional<Slack>> slackClient = StartupTask.begin("slack-client",
                    () -> slackConfig.enabled() ? Optional.of(slackClient(slackConfig)) : Optional.empty());
            Database db = Database.connect(config.dbUrl(), config.dbUser().orElse(null),
                    config.dbPassword().map(Secret::value).orElse(null));
            resources.add(db);
            StartupTask<Database> schema = StartupTask.begin("schema", () -> {
                db.migrate();
                return db;
            });
            resources.add(schema);
            ObjectMapper json = Json.mapper();
            OutboxCodec codec = new OutboxCodec(json);

            List<TaskBackend> all = new ArrayList<>(config.connectors().connect(json, clock));
            all.addAll(connections);
            Backends backends = new Backends(all);
            // The outbox wakes the worker, and the worker's deliveries write to the outbox (a bot that is
            // not in a channel is reported to the task's creator): the reference closes that loop.
            AtomicReference<OutboxWorker> wakeable = new AtomicReference<>();
            Outbox outbox = new Outbox(codec, clock, () -> Optional.ofNullable(wakeable.get()).ifPresent(OutboxWorker::wake));
            Digests digests = new Digests(db.jdbi(), clock);
            ReminderPlanner planner = new ReminderPlanner(db.jdbi(), clock, digests);
            TaskEvents taskEvents = TaskEvents.all(List.of(new SlackNotifier(outbox), planner));
            TaskService tasks = new TaskService(db.jdbi(), clock, taskEvents);
            ApprovalService approvals = new ApprovalService(db.jdbi(), clock, taskEvents,
                    ApprovalEvents.all(List.of(new ApprovalNotifier(outbox), new ApprovalNudges(planner))));
            ReminderJob reminderJob = new ReminderJob(db.jdbi(), db.dialect(), outbox, clock,
                    config.reminders().broadcast());
            Subscriptions subscriptions = new Subscriptions(db.jdbi(), clock);
            RemoteSync sync = new RemoteSync(tasks, subscriptions, outbox, json);
            Connections connected = new Connections(db.jdbi(), backends, config.connectors().admins(), clock);
            Poller poller = new Poller(db.jdbi(), sync);

            // From here on the Slack client is needed: its TLS set-up has had the wiring above to finish.
            Optional<Slack> slack = slackClient.join();
            Optional<SlackWeb> web = slack.map(s -> new SlackWeb(s.methods(slackConfig.botToken().orElseThrow().value())));
            UserZones zones = new UserZones(web, clock);
            OutboxWorker worker = new OutboxWorker(db.jdbi(), codec,
                    Deliveries.of(web, backends, db.jdbi(), clock,
                            config.reminders().quietHours().forUsers(zones::of), outbox),
                    clock, config.outboxPollInterval(), web.map(w -> ChannelPacer.slack()), config.outboxLease());
            wakeable.set(worker);

            // One Bolt app, one transport: HTTP when its credentials are set (even if an app token
            // is set too; see SocketModeTransport), otherwise Socket Mode, otherwise none.
            Optional<App> app = Optional.empty();
            List<ExecutorService> works = new ArrayList<>();
            if (slackConfig.enabled()) {
                ExecutorService work = slackWork();
                works.add(work);
                resources.add(drained(work));
                SlackWeb slackWeb = web.orElseThrow();
                ConnectorCommands connectorCommands = new ConnectorCommands(db.jdbi(), tasks, connected, subscriptions,
                        sync, zones::of, user -> slackWeb.userEmail(user) instanceof io.taskbridge.slack.SlackResult.Ok<String> ok
                                && !ok.value().isBlank() ? Optional.of(ok.value()) : Optional.empty(), clock);
                App built = new SlackApp(tasks, approvals, zones, slackWeb, work, clock, digests, Optional.of(connectorCommands))
                        .build(slackConfig.signingSecret().map(Secret::value),
                                slackConfig.botToken().orElseThrow().value(), slack.orElseThrow());
                new ReminderButtons(tasks, planner, zones, work, clock).register(built);
                app = Optional.of(built);
            }
            Optional<HttpServer.SlackRoute> route = Optional.empty();
            if (slackConfig.httpMode()) {
                route = Optional.of(new HttpServer.SlackRoute(app.orElseThrow(),
                        new SlackSignature(slackConfig.signingSecret().orElseThrow(), clock)));
            }
            RestApi api = new RestApi(tasks, approvals,
                    new ApiKeys(db.jdbi(), clock, config.api().adminKey(), new SecureRandom()),
                    new RateLimiter(config.api().ratePerMinute(), System::nanoTime), json, clock);
            ExecutorService hooks = webhookWork();
            works.add(hooks);
            resources.add(drained(hooks));
            Optional<SecretBox> box = config.connectors().encryptionKey().map(k -> new SecretBox(k, new SecureRandom()));
            Webhooks webhooks = new Webhooks(backends, config.connectors().webhooks(),
                    new ConnectionSecrets(db.jdbi(), box), sync, db.jdbi(), json, hooks, clock);
            List<HttpServer.Routes> routes = new ArrayList<>(List.of(api::addTo, webhooks::addTo));
            config.api().adminKey().map(key -> new AdminEndpoint(db.jdbi(), key))
                    .ifPresent(admin -> routes.add(r -> r.get("/admin/outbox", admin)));
            HttpServer http = new HttpServer(db, json, route, routes).listen(config.port());
            resources.add(http);
            schema.join();
            http.open();
            long startedMs = (System.nanoTime() - began) / 1_000_000;
            worker.start();
            resources.add(worker);
            resources.add(ReminderSchedule.start(reminderJob, config.reminders().interval(), scheduleStore(config, db)));
            resources.add(PollSchedule.start(poller, backends.all(), config.connectors().pollInterval()));
            backends.all().forEach(b -> log.info("Connected to {} as '{}'; polling every {} s", b.displayName(), b.name(),
                    config.connectors().pollInterval().toMillis() / 1000.0));
            log.info("Taskbridge listening on port {} with {} store (started in {} ms)", http.port(),
                    db.dialect().name().toLowerCase(), startedMs);
            if (slackConfig.httpMode()) {
                log.info("Slack connected over HTTP at /slack/events (Web API {}){}", slackConfig.apiUrl(),
                        slackConfig.appToken().isPresent()
                                ? "; SLACK_APP_TOKEN is also set but ignored: HTTP mode wins, no Socket Mode connection is opened"
                                : "");
            } else if (slackConfig.socketMode()) {
                SocketModeTransport socket = SocketModeTransport.start(app.orElseThrow(),
                        slackConfig.appToken().orElseThrow().value());
                resources.add(socket);
                if (socket.connected()) {
                    log.info("Slack connected over Socket Mode (Web API {}); /slack/events is not served", slackConfig.apiUrl());
                } else {
                    log.warn("Slack Socket Mode is set up but the WebSocket is not open yet (Web API {}); "
                            + "it keeps retrying in the background", slackConfig.apiUrl());
                }
            } else {
                log.warn("Slack is not configured: set {} to connect a workspace. "
                        + "The REST API at /v1 and /healthz work without it.", slackConfig.missing().orElseThrow());
            }
            if (config.api().adminKey().isEmpty()) {
                log.info("REST API at /v1: set TASKBRIDGE_ADMIN_KEY to create API keys (POST /v1/apikeys)");
            }
            return new Taskbridge(resources, http, tasks, approvals, reminderJob, poller, backends,
                    () -> works.stream().allMatch(Taskbridge::idle) && worker.atRest());
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /** Quartz's schedule in memory on SQLite (one instance), in the shared database on PostgreSQL (a cluster). */
    private static ReminderSchedule.Store scheduleStore(Config config, Database db) {
        if (db.dialect() == Dialect.POSTGRES) {
            return new ReminderSchedule.Store.ClusteredPostgres(config.dbUrl(), config.dbUser(), config.dbPassword());
        }
        return new ReminderSchedule.Store.Memory();
    }

    /**
     * Closing stops new work and lets what is under way finish (up to ten seconds) before the
     * resources closed after it, the database among them, go away.
     */
    private static AutoCloseable drained(ExecutorService executor) {
        return () -> {
            executor.shutdown();
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("work still running after 10 s at shutdown; stopping it");
                executor.shutdownNow();
            }
        };
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

    /** Webhook deliveries are applied here, after their 202. Bounded: when full, the next poll catches up. */
    private static ExecutorService webhookWork() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(1, 4, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1_000), r -> {
            Thread t = new Thread(r, "webhook-work-" + n.incrementAndGet());
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

    public ApprovalService approvals() {
        return approvals;
    }

    /** The reminder tick Quartz runs; tests call it directly to tick on their own clock. */
    public ReminderJob reminderJob() {
        return reminderJob;
    }

    /**
     * True when nothing is under way: no work after an ack or a webhook running or queued, no
     * outbox row pending, and the outbox worker between passes. Tests wait for it to show that
     * nothing else happens, instead of sleeping.
     */
    public boolean quiescent() {
        return quiescent.getAsBoolean();
    }

    private static boolean idle(ExecutorService executor) {
        return executor instanceof ThreadPoolExecutor pool && pool.getActiveCount() == 0 && pool.getQueue().isEmpty();
    }

    /** Polls a connection now (tests, and operators through a future admin endpoint). */
    public Poller.Report pollNow(String connection) {
        return poller.poll(backends.named(connection).orElseThrow(() ->
                new IllegalArgumentException("no connection named " + connection)));
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
