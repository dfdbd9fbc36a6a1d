package io.taskbridge;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import io.taskbridge.access.ConversationKinds;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.intake.Intake;
import io.taskbridge.platform.Secret;
import io.taskbridge.slack.ConnectorCommands;
import io.taskbridge.slack.ReminderButtons;
import io.taskbridge.slack.SlackApp;
import io.taskbridge.slack.SlackDirectory;
import io.taskbridge.slack.SlackResult;
import io.taskbridge.slack.SlackRoute;
import io.taskbridge.slack.SlackSignature;
import io.taskbridge.slack.SlackWeb;
import io.taskbridge.slack.SocketModeTransport;
import io.taskbridge.slack.UserZones;
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
record SlackModule(Config.Slack config, Optional<SlackWeb> web, UserZones zones, Optional<App> app, TaskAccess access) {
    private static final Logger log = LoggerFactory.getLogger(Taskbridge.class);

    /** Starts building the Slack client on a thread of its own; empty when Slack is not configured. */
    static StartupTask<Optional<Slack>> beginClient(Config.Slack config) {
        return StartupTask.begin("slack-client", () -> config.enabled() ? Optional.of(client(config)) : Optional.empty());
    }

    /**
     * {@code admins} is {@code TASKBRIDGE_ADMINS}; without it, Slack says who the workspace's admins
     * and owners are. The one {@link TaskAccess} made here is what every entry point, REST too, asks.
     */
    static SlackModule wire(Config.Slack config, Optional<Slack> slack, Clock clock, TaskService tasks,
                            ApprovalService approvals, ConnectorModule connectors, ReminderModule reminders,
                            Set<String> adminList, boolean allowSelfApproval, Intake intake) {
        Optional<SlackWeb> web = slack.map(s -> new SlackWeb(s.methods(config.botToken().orElseThrow().value())));
        UserZones zones = new UserZones(web, clock);
        Optional<SlackDirectory> directory = web.map(w -> new SlackDirectory(w, clock, Admins.DEFAULT_TTL));
        WorkspaceAdmins workspaceAdmins = directory.<WorkspaceAdmins>map(d -> d).orElse((team, user) -> Optional.empty());
        Admins admins = new Admins(adminList, workspaceAdmins, clock, Admins.DEFAULT_TTL);
        TaskAccess access = new TaskAccess(tasks, approvals, new PermissionPolicy(allowSelfApproval), admins,
                directory.<ConversationKinds>map(d -> d).orElse(ConversationKinds.UNKNOWN));
        Optional<App> app = Optional.empty();
        if (config.enabled()) {
            SlackWeb slackWeb = web.orElseThrow();
            ConnectorCommands connectorCommands = new ConnectorCommands(connectors.remoteTasks(),
                    connectors.connections(), connectors.subscriptions(), zones::of,
                    user -> slackWeb.userEmail(user) instanceof SlackResult.Ok<String> ok && !ok.value().isBlank()
                            ? Optional.of(ok.value()) : Optional.empty(), clock, admins);
            // Work promised in an ack is recorded in the intake before the ack and done by its workers.
            App built = new SlackApp(tasks, approvals, access, zones, slackWeb, intake, slack.orElseThrow(), clock,
                    reminders.digests(), connectorCommands)
                    .build(config.signingSecret().map(Secret::value), config.botToken().orElseThrow().value(),
                            slack.orElseThrow());
            new ReminderButtons(tasks, access, reminders.planner(), zones, intake, slack.orElseThrow(), clock,
                    connectorCommands).register(built);
            app = Optional.of(built);
        }
        return new SlackModule(config, web, zones, app, access);
    }

    /** Slack's endpoint, in HTTP mode. */
    Optional<SlackRoute> route(Clock clock) {
        if (!config.httpMode()) {
            return Optional.empty();
        }
        return Optional.of(new SlackRoute(app.orElseThrow(), new SlackSignature(config.signingSecret().orElseThrow(), clock)));
    }

    /** Opens the Socket Mode connection if that is the transport, and says how Slack is connected. */
    void connect(List<AutoCloseable> resources) {
        if (config.httpMode()) {
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
        SlackConfig sc = new SlackConfig();
        sc.setMethodsEndpointUrlPrefix(config.apiUrl().toString());
        sc.setStatsEnabled(false);
        sc.setHttpClientReadTimeoutMillis(10_000);
        sc.setHttpClientWriteTimeoutMillis(10_000);
        sc.setHttpClientCallTimeoutMillis(15_000);
        return Slack.getInstance(sc);
    }
}
