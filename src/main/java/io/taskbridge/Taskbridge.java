package io.taskbridge;

import com.slack.api.Slack;
import io.taskbridge.approval.ApprovalEvents;
import io.taskbridge.audit.AuditTrail;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.connector.Backends;
import io.taskbridge.connector.TaskBackend;
import io.taskbridge.intake.Intake;
import io.taskbridge.outbox.ChannelPacer;
import io.taskbridge.outbox.Lane;
import io.taskbridge.outbox.Pacer;
import io.taskbridge.outbox.SharedPacer;
import io.taskbridge.platform.Dialect;
import io.taskbridge.outbox.OutboxWorker;
import io.taskbridge.platform.HttpServer;
import io.taskbridge.platform.Secret;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.workspace.LegacyRows;
import io.taskbridge.reminder.ApprovalNudges;
import io.taskbridge.reminder.ReminderJob;
import io.taskbridge.recurring.RecurringService;
import io.taskbridge.sandbox.Sandbox;
import io.taskbridge.sync.BackendApprovals;
import io.taskbridge.slack.ApprovalNotifier;
import io.taskbridge.outbox.Delivery;
import io.taskbridge.slack.Deliveries;
import io.taskbridge.slack.SlackNotifier;
import io.taskbridge.slack.TokenRotation;
import io.taskbridge.sync.Poller;
import io.taskbridge.task.Source;
import io.taskbridge.task.TaskEvents;
import io.taskbridge.task.TaskService;
import io.taskbridge.workspace.Installations;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private final Optional<TokenRotation> rotation;
    private final RecurringService recurring;

    private Taskbridge(List<AutoCloseable> resources, HttpServer http, TaskService tasks, ApprovalService approvals,
                       ReminderJob reminderJob, Poller poller, Backends backends, BooleanSupplier quiescent,
                       Optional<TokenRotation> rotation, RecurringService recurring) {
        this.rotation = rotation;
        this.recurring = recurring;
        this.resources = resources;
        this.http = http;
        this.tasks = tasks;
        this.approvals = approvals;
        this.reminderJob = reminderJob;
        this.poller = poller;
        this.backends = backends;
        this.quiescent = quiescent;
    }

    public static Taskbridge start(Config config, Clock clock) {
        return start(config, clock, List.of());
    }

    /**
     * Starts the service with these connections to task systems (the built-in store needs none), as
     * well as those {@code config.connectors()} configures.
     */
    public static Taskbridge start(Config requested, Clock clock, List<TaskBackend> connections) {
        long began = System.nanoTime();
        List<AutoCloseable> resources = new ArrayList<>();
        // The /try sandbox stands in for Slack: its own workspace, its Web API on loopback, its own secret.
        // Beside a configured Slack (TASKBRIDGE_SANDBOX=on) it is a second workspace with its own token,
        // Web API and secret; alone, it is the only one.
        Optional<Sandbox> sandbox = requested.sandbox().runsWith(requested.slack())
                ? Optional.of(Sandbox.start()) : Optional.empty();
        sandbox.ifPresent(resources::add);
        boolean beside = requested.sandbox().besides(requested.slack());
        Optional<SlackModule.Side> side = sandbox.filter(s -> beside).map(s -> new SlackModule.Side(
                new WorkspaceId(s.teamId()), new Secret(s.botToken()), java.net.URI.create(s.apiUrl()),
                new Secret(s.signingSecret())));
        Config config = beside ? requested : sandbox.map(s -> requested.withSlack(new Config.Slack(Optional.of(new Secret(s.signingSecret())),
                Optional.of(new Secret(s.botToken())), Optional.empty(), java.net.URI.create(s.apiUrl())))).orElse(requested);
        try {
            // Independent steps overlap: the Slack client's TLS set-up and the schema migration run
            // on their own threads while this one wires the rest; requests wait for the schema (below).
            StartupTask<Optional<Slack>> slackClient = SlackModule.beginClient(config.slack());
            // The workspace of the bot token (auth.test): where unscoped work and pre-V13 rows belong.
            StartupTask<WorkspaceId> home = StartupTask.begin("slack-identity",
                    () -> SlackModule.home(config.slack(), slackClient.join()));
            resources.add(home);
            StoreModule store = StoreModule.open(config, clock, resources);
            MetricsModule metrics = MetricsModule.wire(config, resources);
            Backends backends = ConnectorModule.backends(config, store, clock, connections);
            ReminderModule planned = ReminderModule.wire(config, clock, store);
            // The one path from "a task changed" to "Slack was told", and to the reminders it plans.
            // The audit trail hears every change in its transaction too (append-only rows).
            AuditTrail audit = new AuditTrail();
            // Task links and their previews; Workflow Builder steps (which hear approval decisions).
            Surfaces surfaces = Surfaces.wire(config, store, backends, clock);
            TaskEvents taskEvents = TaskEvents.all(List.of(audit, new SlackNotifier(store.outbox(), surfaces.homes()), planned.planner(),
                    surfaces.steps()));
            TaskService tasks = new TaskService(store.db().jdbi(), store.db().writes(), clock, taskEvents, home::join);
            ApprovalService approvals = new ApprovalService(store.db().jdbi(), store.db().writes(), clock, taskEvents, ApprovalEvents.all(
                    List.of(audit, new ApprovalNotifier(store.outbox(), surfaces.homes()), new BackendApprovals(store.outbox()),
                            new ApprovalNudges(planned.planner()), surfaces.steps())));
            // The reminder tick also expires and escalates approval steps past their due date.
            ReminderModule reminders = planned.actingOnApprovals(approvals.via(Source.SCHEDULE));
            ConnectorModule connectors = ConnectorModule.wire(config, clock, store, backends, tasks,
                    metrics.metrics());

            RecurringService recurring = new RecurringService(store.db().jdbi(), tasks, clock, store.json());

            // From here on the Slack client is needed: its TLS set-up has had the wiring above to finish.
            // Work a Slack ack promises: recorded before the ack, done by these workers (also after a crash).
            Intake intake = new Intake(store.db().jdbi(), store.db().writes(), clock, config.outboxPollInterval(),
                    config.outboxLease(), 4);
            SlackModule slack = SlackModule.wire(config.slack(), slackClient.join(), clock, store.db().jdbi(),
                    tasks.via(Source.SLACK), approvals.via(Source.SLACK),
                    connectors, reminders, config.connectors().admins(), config.allowSelfApproval(), intake, metrics.metrics(),
                    recurring, surfaces, side);
            Delivery deliveries = metrics.measured(Deliveries.of(slack.webs(), backends, store.db().jdbi(), clock,
                    config.reminders().quietHours().forUsers(slack.zones()::of), store.outbox(),
                    surfaces.stepDelivery(slackClient.join()), surfaces.homeViews(slack.access(), approvals),
                    approvals.via(Source.SLACK)), clock);
            // Two lanes, each its own thread: a task system that hangs never holds up Slack messages.
            // Several workspaces take turns in each lane; one workspace's lanes take turns by channel only.
            List<Lane> kinds = Lane.lanes(requested.slack().multiWorkspace() || side.isPresent());
            List<OutboxWorker> lanes = List.of(
                    new OutboxWorker(store.db().jdbi(), store.codec(), deliveries, clock, config.outboxPollInterval(),
                            slack.webs().map(w -> pacer(store, clock)), config.outboxLease(), kinds.get(0)),
                    new OutboxWorker(store.db().jdbi(), store.codec(), deliveries, clock, config.outboxPollInterval(),
                            Optional.empty(), config.outboxLease(), kinds.get(1)));
            store.wakes(lanes);

            List<HttpServer.Routes> routes = new ArrayList<>();
            routes.add(ApiModule.rest(config, clock, store, tasks.via(Source.REST), approvals.via(Source.REST),
                    slack.access()));
            routes.add(connectors.webhooks(config, clock, store, intake)::addTo);
            routes.add(surfaces.pages(tasks));
            sandbox.ifPresent(s -> routes.add(s::addTo));
            slack.install().ifPresent(routes::add);
            metrics.observe(routes, store, clock, installationCount(requested, store));
            HttpServer http = new HttpServer(store.db(), store.json(), slack.route(clock), routes, metrics.metrics())
                    .listen(config.port());
            resources.add(http);
            sandbox.ifPresent(s -> s.serviceOn(http.port()));
            store.ready();
            // Rows from before workspaces wait for Slack to name the token's workspace (auth.test);
            // without any, the port opens without waiting for that round trip.
            if ((sandbox.isEmpty() || beside) && LegacyRows.waiting(store.db().jdbi())) {
                int moved = LegacyRows.claim(store.db().jdbi(), home.join());
                if (moved > 0) {
                    log.info("{} rows from before workspaces now belong to workspace {}", moved, home.join());
                }
            }
            http.open();
            long startedMs = (System.nanoTime() - began) / 1_000_000;
            lanes.forEach(lane -> {
                lane.start();
                resources.add(lane);
            });
            intake.start();
            resources.add(intake);
            resources.add(reminders.schedule(config, store));
            resources.add(everyInterval("recurring", config.reminders().interval(), recurring::tick));
            resources.add(connectors.startPolling(config));
            log.info("Taskbridge listening on port {} with {} store (started in {} ms)", http.port(),
                    store.db().dialect().name().toLowerCase(), startedMs);
            if (beside) {
                slack.connect(resources);
                log.info("The /try sandbox runs beside Slack (TASKBRIDGE_SANDBOX=on) at http://localhost:{}/try: a workspace"
                        + " of its own ({}), with its own token and signing secret", http.port(), side.get().workspace());
            } else if (sandbox.isPresent()) {
                log.warn("Slack is not configured: set {} to connect a workspace. Meanwhile try it in a browser at "
                        + "http://localhost:{}/try (a sandbox workspace of its own; TASKBRIDGE_SANDBOX=off turns it off)",
                        requested.slack().missing().orElseThrow(), http.port());
            } else {
                slack.connect(resources);
            }
            if (config.api().adminKey().isEmpty()) {
                log.info("REST API at /v1: set TASKBRIDGE_ADMIN_KEY to create API keys (POST /v1/apikeys)");
            }
            resources.add(slack.scheduleRotation());
            return new Taskbridge(resources, http, tasks, approvals, reminders.job(), connectors.poller(), backends,
                    // The inbox first: its work queues outbox rows before its own row is gone.
                    () -> intake.atRest() && lanes.stream().allMatch(OutboxWorker::atRest), slack.rotation(), recurring);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /** Installed workspaces: stored installations in multi-workspace mode, else 1 with a bot token (the sandbox is none). */
    private static java.util.function.IntSupplier installationCount(Config requested, StoreModule store) {
        if (requested.slack().multiWorkspace()) {
            return () -> Installations.active(store.db().jdbi());
        }
        int single = requested.slack().enabled() ? 1 : 0;
        return () -> single;
    }

    /**
     * Runs {@code tick} every {@code interval} on a thread of its own, the first an interval after
     * start; closing stops it. Several instances may tick at once: what a tick does is exactly-once
     * in the database (the recurring series' compare-and-set), not in the timer.
     */
    private static AutoCloseable everyInterval(String name, java.time.Duration interval, Runnable tick) {
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick.run();
            } catch (RuntimeException e) {
                log.warn("{} tick failed", name, e);
            }
        }, ms, ms, java.util.concurrent.TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
    }

    /** Slack's pace per channel: in memory for SQLite (one instance), shared through PostgreSQL by every instance. */
    private static Pacer pacer(StoreModule store, Clock clock) {
        return store.db().dialect() == Dialect.POSTGRES ? SharedPacer.slack(store.db().jdbi(), clock) : ChannelPacer.slack();
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

    /** Recurring series; tests call {@code tick()} directly on their own clock. */
    public RecurringService recurring() {
        return recurring;
    }

    /** The reminder tick Quartz runs; tests call it directly to tick on their own clock. */
    public ReminderJob reminderJob() {
        return reminderJob;
    }

    /**
     * True when nothing is under way: no inbox row pending (so no work after an ack or a webhook
     * waiting or running), no outbox row pending, and every outbox lane between passes. Tests wait
     * for it to show that nothing else happens, instead of sleeping.
     */
    public boolean quiescent() {
        return quiescent.getAsBoolean();
    }

    /** Refreshes the rotating Slack tokens that are due now (a tick of the rotation timer; for tests). */
    public int refreshTokens() {
        return rotation.map(TokenRotation::refreshDue).orElse(0);
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
