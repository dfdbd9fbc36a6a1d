package io.taskbridge.slack;

import io.taskbridge.reminder.DigestSettings;
import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import io.taskbridge.access.Asker;
import io.taskbridge.access.Refused;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.intake.Intake;
import io.taskbridge.command.Command;
import io.taskbridge.command.CommandParser;
import io.taskbridge.command.Usage;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.Status;
import io.taskbridge.task.TaskProblem;
import io.taskbridge.task.TaskService;
import io.taskbridge.workspace.ConversationKind;
import io.taskbridge.workspace.TaskAction;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bolt app: {@code /task}, the task message's buttons, the creation modal ({@link TaskFormSubmissions})
 * and the shortcuts that open it ({@link Shortcuts}). Every listener
 * acks at once; whatever may be slow (a Slack look-up, a task backend) is recorded in the durable
 * intake before the ack (see {@link SlackJobs}), runs after it, and reports through {@code response_url}
 * or the Web API.
 */
public final class SlackApp {
    private static final Logger log = LoggerFactory.getLogger(SlackApp.class);
    static final String NO_WORKSPACE = ":warning: I couldn't tell which Slack workspace this came from; nothing was changed.";
    static final String BUSY = "Taskbridge is very busy right now; nothing was changed. Please try again in a minute.";

    private final TaskCommands commands;
    private final UserZones zones;
    private final SlackWebs webs;
    private final SlackJobs jobs;
    private final Clock clock;
    private final ConnectorCommands connectors;
    private final TaskAccess access;
    private final ApprovalListeners approvalListeners;
    private final Delegations delegations;
    private final RecurringCommands series;
    private final TaskFormSubmissions submissions;
    private final Shortcuts shortcuts;

    /**
     * With {@code digests}, {@code /task digest} sets the channel's daily overdue digest. Every
     * command, click and form resolves its workspace from the payload and asks {@code access}, over
     * that workspace's tasks, first, also when the work runs after the ack from the {@code intake}.
     */
    public SlackApp(TaskService tasks, ApprovalService approvals, TaskAccess access, UserZones zones, SlackWebs webs,
                    Intake intake, Slack slack, Clock clock, DigestSettings digests, ConnectorCommands connectors,
                    io.taskbridge.recurring.RecurringService recurring) {
        this.connectors = connectors;
        this.access = access;
        this.commands = new TaskCommands(tasks, approvals, access, zones, clock, digests, connectors);
        this.series = new RecurringCommands(recurring, tasks, access, zones, clock, connectors);
        commands.also(series::register);
        this.zones = zones;
        this.webs = webs;
        this.jobs = new SlackJobs(intake, slack);
        this.clock = clock;
        jobs.on(COMMAND, CommandJob.class, this::runCommand);
        jobs.on(BUTTON, ButtonJob.class, this::runButton);
        this.approvalListeners = new ApprovalListeners(approvals, access, webs, jobs);
        this.delegations = new Delegations(approvals, access, webs, jobs);
        commands.also(delegations::register);
        this.submissions = new TaskFormSubmissions(approvals, access, zones, series, clock);
        this.shortcuts = new Shortcuts(access, zones, webs, jobs);
    }

    /** {@code /task history}: the audit trail, for whoever may see the task. */
    public SlackApp auditing(io.taskbridge.audit.AuditLog audit) {
        commands.also(new AuditCommands(audit, access)::register);
        return this;
    }

    static final String COMMAND = "slack.command";
    static final String BUTTON = "slack.button";

    /** A slash command answered after its ack, with the kind of conversation it was sent from. */
    record CommandJob(String text, String user, String team, String channel, ConversationKind kind, String workspace,
                      String trigger, String responseUrl) {
        Caller caller() {
            return new Caller(user, team, channel, kind, new WorkspaceId(workspace));
        }
    }

    /** Start or Done clicked on a task message, by {@code user} of {@code team} in {@code channel} of {@code workspace}. */
    record ButtonJob(long taskId, Status target, String user, String team, String channel, String workspace,
                     String responseUrl) {
        Asker asker() {
            return new Caller(user, team, channel, ConversationKind.PRIVATE, new WorkspaceId(workspace)).asker();
        }
    }

    /** A click's natural key: who clicked which button (action and value) on which message, when, in which workspace. */
    static String clickKey(String kind, BlockActionPayload p) {
        var action = p.getActions().isEmpty() ? null : p.getActions().get(0);
        String team = team(p);
        String message = p.getContainer() == null ? "" : p.getContainer().getChannelId() + "/" + p.getContainer().getMessageTs();
        return kind + ":" + team + ":" + p.getUser().getId() + ":" + message + ":"
                + (action == null ? "" : action.getActionId() + ":" + action.getValue() + ":" + action.getActionTs());
    }

    /**
     * The one listener set, whichever transport carries it. Bolt's request verification is off:
     * over HTTP, {@code http.SlackSignature} has checked the raw bytes before Bolt sees the
     * request; over Socket Mode nothing is signed (the connection itself was opened with the app
     * token), so {@code signingSecret} may be empty there. Events with no listener are answered
     * 200 and ignored.
     */
    public App build(Optional<String> signingSecret, String botToken, Slack slack) {
        AppConfig config = AppConfig.builder()
                // explicit, even when empty: AppConfig would otherwise read SLACK_SIGNING_SECRET itself
                .signingSecret(signingSecret.orElse(null))
                .singleTeamBotToken(botToken)
                .slack(slack)
                .requestVerificationEnabled(false)
                .unmatchedRequestHandler(request -> Response.ok())
                .build();
        return register(new App(config));
    }

    /** The listeners, on an app built elsewhere (multi-workspace mode builds its own, with OAuth). */
    public App register(App app) {
        app.command("/task", this::onCommand);
        app.blockAction(TaskMessage.START, (req, ctx) -> onButton(req, ctx, Status.IN_PROGRESS));
        app.blockAction(TaskMessage.DONE, (req, ctx) -> onButton(req, ctx, Status.DONE));
        app.viewSubmission(TaskModal.CALLBACK_ID, submissions::onSubmitted);
        shortcuts.register(app);
        approvalListeners.register(app);
        delegations.register(app);
        return app;
    }

    private Response onCommand(SlashCommandRequest request, SlashCommandContext ctx) {
        SlashCommandPayload p = request.getPayload();
        CommandParser.Parse parse = CommandParser.parse(p.getText());
        if (parse instanceof CommandParser.Parse.Invalid invalid) {
            return ctx.ack(":warning: " + invalid.problem() + "\n" + invalid.usage());
        }
        Command command = ((CommandParser.Parse.Ok) parse).command();
        if (command instanceof Command.Help) {
            return ctx.ack(Usage.HELP_TEXT);
        }
        Optional<WorkspaceId> workspace = PayloadWorkspace.of(p);
        if (workspace.isEmpty()) {
            return ctx.ack(NO_WORKSPACE);
        }
        Caller caller = new Caller(p.getUserId(), p.getTeamId(), p.getChannelId(),
                ConversationKind.fromSlashCommand(p.getChannelId(), p.getChannelName()), workspace.get());
        String replayKey = replayKey(p);
        if (answersInTheAck(command, caller)) {
            return ctx.ack(commands.run(command, caller, replayKey));
        }
        Optional<String> first = connectors.ack(command, caller);
        CommandJob job = new CommandJob(p.getText(), p.getUserId(), p.getTeamId(), p.getChannelId(), caller.kind(),
                caller.workspace().value(), p.getTriggerId(), p.getResponseUrl());
        // Recorded under the command's replay key: Enter pressed twice is one piece of work, one task.
        if (!jobs.record(COMMAND, replayKey, job)) {
            return ctx.ack(BUSY);
        }
        return first.isPresent() ? ctx.ack(first.get()) : ctx.ack();
    }

    /** The command, after its ack: carried out, and answered through its response_url. */
    private void runCommand(CommandJob job) {
        if (!(CommandParser.parse(job.text()) instanceof CommandParser.Parse.Ok ok)) {
            return; // answered in the ack
        }
        Caller caller = job.caller();
        if (ok.command() instanceof Command.OpenForm) {
            openForm(job.trigger(), caller, job.responseUrl());
        } else {
            jobs.reply(job.responseUrl(), commands.run(ok.command(), caller, replayKey(job.team(), job.user(), job.trigger())));
        }
    }

    /**
     * What makes a command a repeat: the same person in the same workspace sending the same
     * trigger_id (Enter pressed twice). A trigger_id alone is not enough: one seen from another
     * person must not answer with their task.
     */
    static String replayKey(SlashCommandPayload p) {
        return replayKey(p.getTeamId(), p.getUserId(), p.getTriggerId());
    }

    private static String replayKey(String team, String user, String trigger) {
        return "trigger:" + team + ":" + user + ":" + trigger;
    }

    /**
     * A task made in a channel whose tasks stay in the built-in store, with no due date or by
     * someone whose time zone is already known, needs nothing remote: it is stored (and its Slack post queued) within
     * milliseconds, so the ack itself says it was created, and no response_url call follows.
     * Anything that may wait on Slack or a task system answers after the ack.
     */
    private boolean answersInTheAck(Command command, Caller caller) {
        return command instanceof Command.Add add
                && (add.due().isEmpty() || zones.cached(caller.workspace(), caller.userId()).isPresent())
                && connectors.createsHere(caller);
    }

    /**
     * Opens the form with the channel, its kind and the person's time zone in its private_metadata,
     * so the submission, which must be answered within 3 seconds, needs no look-up in Slack.
     * private_metadata comes back only in requests Slack signs, unchanged by the client.
     */
    private void openForm(String triggerId, Caller caller, String responseUrl) {
        TaskFormSubmissions.FormContext form = new TaskFormSubmissions.FormContext(caller.channelId(), Optional.of(caller.kind()),
                Optional.of(zones.of(caller.workspace(), caller.userId())));
        SlackResult<String> opened = webs.openView(caller.workspace(), triggerId, TaskModal.create(form.metadata()));
        if (!(opened instanceof SlackResult.Ok)) {
            log.warn("views.open failed: {}", opened);
            jobs.reply(responseUrl, ":warning: I couldn't open the task form (" + opened + "). Try `/task add <title>` instead.");
        }
    }

    private Response onButton(BlockActionRequest request, ActionContext ctx, Status target) {
        BlockActionPayload p = request.getPayload();
        OptionalLong id = TaskMessage.clickedTask(p);
        Optional<TaskAccess> scoped = PayloadWorkspace.of(p).map(access::in);
        if (id.isEmpty() || scoped.isEmpty()) {
            return ctx.ack();
        }
        Caller caller = clicker(p, scoped.get().tasks().workspace());
        ButtonJob job = new ButtonJob(id.getAsLong(), target, caller.userId(), caller.teamId(), caller.channelId(),
                caller.workspace().value(), p.getResponseUrl());
        if (!jobs.record(BUTTON, clickKey(BUTTON, p), job)) {
            ephemeral(ctx, BUSY);
        }
        return ctx.ack();
    }

    /** Runs against the clicker's workspace: another workspace's task is not found. */
    private void runButton(ButtonJob job) {
        TaskAccess access = this.access.in(new WorkspaceId(job.workspace()));
        try {
            // A button carries no authority: the click is checked like the command, before any change.
            access.require(job.asker(), job.taskId(), job.target() == Status.DONE ? TaskAction.DONE : TaskAction.START);
            Optional<String> elsewhere = connectors.button(job.taskId(), job.target(), job.user());
            if (elsewhere.isPresent()) {
                if (elsewhere.get().startsWith(":warning:")) {
                    jobs.answer(job.responseUrl(), false, elsewhere.get());
                }
                return;
            }
            TaskService.Change change = job.target() == Status.DONE
                    ? access.tasks().complete(job.taskId(), job.user())
                    : access.start(job.asker(), job.taskId());
            log.debug("button {} on task #{} by {}: changed={}", job.target(), job.taskId(), job.user(), change.changed());
        } catch (Refused e) {
            jobs.answer(job.responseUrl(), false, ":no_entry: " + e.getMessage());
        } catch (TaskProblem e) {
            jobs.answer(job.responseUrl(), false, ":warning: " + e.getMessage());
        }
    }

    /** Who clicked, in the conversation the clicked message is in (none for a modal or App Home), for {@code workspace}. */
    static Caller clicker(BlockActionPayload p, WorkspaceId workspace) {
        String channel = p.getContainer() != null && p.getContainer().getChannelId() != null ? p.getContainer().getChannelId()
                : p.getChannel() != null && p.getChannel().getId() != null ? p.getChannel().getId() : "";
        // The task's own kind is stored with it; a click never tells it, so this one is unused.
        return new Caller(p.getUser().getId(), team(p), channel, ConversationKind.PRIVATE, workspace);
    }

    /** The team a click came from ("" when the payload names none). */
    private static String team(BlockActionPayload p) {
        String team = p.getTeam() != null && p.getTeam().getId() != null ? p.getTeam().getId() : p.getUser().getTeamId();
        return team == null ? "" : team;
    }


    static void ephemeral(ActionContext ctx, String text) {
        try {
            ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
        } catch (IOException e) {
            log.warn("could not answer through response_url: {}", e.getMessage());
        }
    }
}
