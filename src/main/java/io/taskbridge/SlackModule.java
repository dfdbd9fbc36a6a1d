package io.taskbridge;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import io.taskbridge.access.ConversationKinds;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.audit.AuditLog;
import io.taskbridge.recurring.RecurringService;
import io.taskbridge.intake.Intake;
import io.taskbridge.platform.Metrics;
import io.taskbridge.platform.Secret;
import io.taskbridge.platform.SecretBox;
import io.taskbridge.slack.InstallApp;
import io.taskbridge.slack.OAuthClient;
import io.taskbridge.slack.InstallRoutes;
import io.taskbridge.slack.SlackWebs;
import io.taskbridge.slack.TokenRotation;
import io.taskbridge.workspace.Installations;
import io.taskbridge.workspace.OAuthStates;
import java.security.SecureRandom;
import org.jdbi.v3.core.Jdbi;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.slack.ConnectorCommands;
import io.taskbridge.slack.ReminderButtons;
import io.taskbridge.slack.SlackApp;
import io.taskbridge.slack.SlackDirectory;
import io.taskbridge.slack.SlackCounting;
import io.taskbridge.slack.UserRequired;
import io.taskbridge.slack.SlackResult;
import io.taskbridge.slack.SlackRoute;
import io.taskbridge.slack.SlackSignature;
import io.taskbridge.slack.SlackWeb;
import io.taskbridge.slack.SocketModeTransport;
import io.taskbridge.slack.UserZones;
import io.taskbridge.task.Source;
import io.taskbridge.task.TaskService;
import io.taskbridge.workspace.Admins;
import io.taskbridge.workspace.PermissionPolicy;
import io.taskbridge.workspace.WorkspaceAdmins;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack: the Web API client (its TLS set-up starts first and overlaps the rest of start-up), the
 * people's time zones, and one Bolt app behind one transport: HTTP when its credentials are set
 * (even if an app token is set too; see {@link SocketModeTransport}), otherwise Socket Mode,
 * otherwise none.
 */
record SlackModule(Config.Slack config, Optional<SlackWebs> webs, UserZones zones, Optional<App> app,
                   Optional<TokenRotation> rotation, TaskAccess access, Optional<Side> side) {
    /**
     * A second workspace beside the configured one (the /try sandbox with TASKBRIDGE_SANDBOX=on): its
     * team id, its bot token on its own Web API, its signing secret and its people.
     */
    record Side(WorkspaceId workspace, Secret botToken, java.net.URI apiUrl, Secret signingSecret) {}

    private static final Logger log = LoggerFactory.getLogger(Taskbridge.class);

    /** Starts building the Slack client on a thread of its own; empty when Slack is not configured. */
    static StartupTask<Optional<Slack>> beginClient(Config.Slack config) {
        return StartupTask.begin("slack-client", () -> config.enabled() ? Optional.of(client(config)) : Optional.empty());
    }

    /**
     * The workspace the bot token belongs to ({@code auth.test}), or {@link WorkspaceId#UNRESOLVED}
     * without a token or when Slack cannot say (then pre-V13 rows wait for a later start).
     */
    static WorkspaceId home(Config.Slack config, Optional<Slack> slack) {
        if (slack.isEmpty() || config.botToken().isEmpty()) {
            return WorkspaceId.UNRESOLVED;
        }
        SlackResult<WorkspaceId> identity = new SlackWeb(slack.get().methods(config.botToken().get().value())).identity();
        if (identity instanceof SlackResult.Ok<WorkspaceId> ok) {
            return ok.value();
        }
        log.warn("auth.test failed ({}): the bot token's workspace is unknown until the next start", identity);
        return WorkspaceId.UNRESOLVED;
    }

    /**
     * {@code admins} is {@code TASKBRIDGE_ADMINS}; without it, Slack says who each workspace's admins
     * and owners are, asked with that workspace's token. The one {@link TaskAccess} made here is what
     * every entry point, REST too, asks (through the view of the request's workspace).
     */
    static SlackModule wire(Config.Slack config, Optional<Slack> slack, Clock clock, Jdbi jdbi, TaskService tasks,
                            ApprovalService approvals, ConnectorModule connectors, ReminderModule reminders,
                            Set<String> adminList, boolean allowSelfApproval, Intake intake, Metrics metrics,
                            RecurringService recurring, Surfaces surfaces, Optional<Side> side) {
        Optional<Installations> installations = config.multiWorkspace()
                ? Optional.of(new Installations(jdbi, new SecretBox(config.oauth().orElseThrow().encryptionKey(),
                        new SecureRandom()), clock))
                : Optional.empty();
        Optional<SlackWebs> main = slack.map(s -> installations.isPresent()
                ? SlackWebs.installed(s, installations.get())
                : SlackWebs.single(new SlackWeb(s.methods(config.botToken().orElseThrow().value()))));
        // The side workspace's calls go to its own Web API with its own token, never the main one's.
        Optional<SlackWebs> webs = side.isEmpty() ? main : main.map(m -> SlackWebs.beside(m, side.get().workspace(),
                new SlackWeb(client(side.get().apiUrl()).methods(side.get().botToken().value()))));
        UserZones zones = new UserZones(webs, clock);
        Optional<SlackDirectory> directory = webs.map(w -> new SlackDirectory(w, clock, Admins.DEFAULT_TTL));
        WorkspaceAdmins workspaceAdmins = directory.<WorkspaceAdmins>map(d -> d).orElse((team, user) -> Optional.empty());
        Admins admins = new Admins(adminList, workspaceAdmins, clock, Admins.DEFAULT_TTL);
        TaskAccess access = new TaskAccess(tasks, approvals, new PermissionPolicy(allowSelfApproval), admins,
                directory.<ConversationKinds>map(d -> d).orElse(ConversationKinds.UNKNOWN));
        Optional<App> app = Optional.empty();
        if (config.enabled()) {
            SlackWebs all = webs.orElseThrow();
            ConnectorCommands connectorCommands = new ConnectorCommands(connectors.remoteTasks(),
                    connectors.connections(), connectors.subscriptions(), zones::of,
                    (workspace, user) -> all.of(workspace).map(w -> w.userEmail(user))
                            .filter(r -> r instanceof SlackResult.Ok<String> ok && !ok.value().isBlank())
                            .map(r -> ((SlackResult.Ok<String>) r).value()), clock, admins);
            // Work promised in an ack is recorded in the intake before the ack and done by its workers.
            SlackApp listeners = new SlackApp(tasks, approvals, access, zones, all, intake, slack.orElseThrow(), clock,
                    reminders.digests(), connectorCommands, recurring).auditing(new AuditLog(jdbi));
            App built = installations.isPresent()
                    ? listeners.register(InstallApp.build(config.signingSecret(), oauthClient(config), slack.orElseThrow(), installations.get(),
                            new OAuthStates(jdbi, clock), clock))
                    : listeners.build(config.signingSecret().map(Secret::value), config.botToken().orElseThrow().value(),
                            slack.orElseThrow());
            new ReminderButtons(access, reminders.planner(), zones, intake, slack.orElseThrow(), clock,
                    connectorCommands).register(built);
            // Workflow steps act under the same policy; the audit trail records them as coming from a workflow.
            TaskAccess workflowAccess = new TaskAccess(tasks.via(Source.WORKFLOW), approvals.via(Source.WORKFLOW),
                    new PermissionPolicy(allowSelfApproval), admins,
                    directory.<ConversationKinds>map(d -> d).orElse(ConversationKinds.UNKNOWN));
            surfaces.register(built, access, workflowAccess, approvals.via(Source.WORKFLOW), all, intake,
                    slack.orElseThrow(), clock);
            // Added when Bolt starts (its first request), not now: app.use builds Bolt's middleware
            // list at once, which calls auth.test, and start-up needs no network.
            built.initializer("taskbridge-metrics", started -> started.use(new SlackCounting(metrics))
                    .use(new UserRequired()));
            app = Optional.of(built);
        }
        Optional<TokenRotation> rotation = installations.map(i -> new TokenRotation(slack.orElseThrow(),
                oauthClient(config), i, clock));
        return new SlackModule(config, webs, zones, app, rotation, access, side);
    }

    private static OAuthClient oauthClient(Config.Slack config) {
        Config.OAuth oauth = config.oauth().orElseThrow();
        return new OAuthClient(oauth.clientId(), oauth.clientSecret(), oauth.redirectUri());
    }

    /** Refreshes rotating tokens every few minutes (multi-workspace mode); closing stops it. */
    AutoCloseable scheduleRotation() {
        if (rotation.isEmpty()) {
            return () -> { };
        }
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "token-rotation");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                rotation.get().refreshDue();
            } catch (RuntimeException e) {
                log.warn("token rotation tick failed", e);
            }
        }, 1, 5, java.util.concurrent.TimeUnit.MINUTES);
        return timer::shutdownNow;
    }

    /** "Add to Slack" at /slack/install and /slack/oauth_redirect, in multi-workspace mode. */
    Optional<InstallRoutes> install() {
        return config.multiWorkspace() ? app.map(InstallRoutes::new) : Optional.empty();
    }

    /** Slack's endpoint, in HTTP mode. */
    Optional<SlackRoute> route(Clock clock) {
        if (!config.httpMode()) {
            return Optional.empty();
        }
        return Optional.of(new SlackRoute(app.orElseThrow(), new SlackSignature(config.signingSecret().orElseThrow(), clock),
                side.map(s -> new SlackRoute.SideSignature(s.workspace().value(), new SlackSignature(s.signingSecret(), clock)))));
    }

    /** Opens the Socket Mode connection if that is the transport, and says how Slack is connected. */
    void connect(List<AutoCloseable> resources) {
        if (config.multiWorkspace()) {
            log.info("Slack connected over HTTP at /slack/events for every workspace that installs it from {} "
                    + "(multi-workspace mode; Web API {})", config.oauth().orElseThrow().publicUrl().resolve("slack/install"),
                    config.apiUrl());
        } else if (config.httpMode()) {
            log.info("Slack connected over HTTP at /slack/events (Web API {}){}", config.apiUrl(),
                    config.appToken().isPresent()
                            ? "; SLACK_APP_TOKEN is also set but ignored: HTTP mode wins, no Socket Mode connection is opened"
                            : "");
        } else if (config.socketMode()) {
            SocketModeTransport socket = SocketModeTransport.start(app.orElseThrow(), config.appToken().orElseThrow().value());
            resources.add(socket);
            if (socket.connected()) {
                log.info("Slack connected over Socket Mode (Web API {}); /slack/events is not served", config.apiUrl());
            } else {
                log.warn("Slack Socket Mode is set up but the WebSocket is not open yet (Web API {}); "
                        + "it keeps retrying in the background", config.apiUrl());
            }
        } else {
            log.warn("Slack is not configured: set {} to connect a workspace. "
                    + "The REST API at /v1 and /healthz work without it.", config.missing().orElseThrow());
        }
    }

    private static Slack client(Config.Slack config) {
        return client(config.apiUrl());
    }

    private static Slack client(java.net.URI apiUrl) {
        SlackConfig sc = new SlackConfig();
        sc.setMethodsEndpointUrlPrefix(apiUrl.toString());
        sc.setStatsEnabled(false);
        sc.setHttpClientReadTimeoutMillis(10_000);
        sc.setHttpClientWriteTimeoutMillis(10_000);
        sc.setHttpClientCallTimeoutMillis(15_000);
        return Slack.getInstance(sc);
    }
}
