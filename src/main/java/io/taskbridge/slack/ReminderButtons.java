package io.taskbridge.slack;

import io.taskbridge.reminder.Snoozer;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.Slack;
import io.taskbridge.access.Asker;
import io.taskbridge.access.Refused;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.intake.Intake;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.TaskProblem;
import io.taskbridge.workspace.TaskAction;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buttons on a reminder: Snooze 1h, Snooze until tomorrow 9:00 (in the clicker's zone) and
 * Done. Each records its work in the durable intake and acks; the work runs after the ack (also
 * after a crash) and then replaces the reminder with what happened, through the click's
 * {@code response_url}.
 */
public final class ReminderButtons {
    private static final Logger log = LoggerFactory.getLogger(ReminderButtons.class);
    static final Duration HOUR = Duration.ofHours(1);
    static final LocalTime MORNING = LocalTime.of(9, 0);

    private enum Click { SNOOZE_HOUR, SNOOZE_TOMORROW, DONE }

    private final TaskAccess access;
    private final Snoozer snoozer;
    private final UserZones zones;
    private final SlackJobs jobs;
    private final Clock clock;
    private final ConnectorCommands connectors;

    static final String KIND = "slack.reminder";

    /** A click on a reminder by {@code user} of {@code team} in {@code channel} of {@code workspace}, done after its ack. */
    record ClickJob(Click click, long taskId, String user, String team, String channel, String workspace,
                    String responseUrl) {
        Caller caller() {
            return new Caller(user, team, channel, io.taskbridge.workspace.ConversationKind.PRIVATE,
                    new WorkspaceId(workspace));
        }

        Asker asker() {
            return caller().asker();
        }
    }

    /**
     * Every click asks {@code access} first: Done like {@code /task done}, a snooze like {@code /task show}.
     * Done on a task held in a task system is done there, through {@code connectors}.
     */
    public ReminderButtons(TaskAccess access, Snoozer snoozer, UserZones zones, Intake intake,
                           Slack slack, Clock clock, ConnectorCommands connectors) {
        this.access = access;
        this.snoozer = snoozer;
        this.zones = zones;
        this.jobs = new SlackJobs(intake, slack);
        this.clock = clock;
        this.connectors = connectors;
        jobs.on(KIND, ClickJob.class, this::act);
    }

    /** Adds the three listeners to {@code app}. */
    public App register(App app) {
        app.blockAction(ReminderMessage.SNOOZE_HOUR, (req, ctx) -> onClick(req, ctx, Click.SNOOZE_HOUR));
        app.blockAction(ReminderMessage.SNOOZE_TOMORROW, (req, ctx) -> onClick(req, ctx, Click.SNOOZE_TOMORROW));
        app.blockAction(ReminderMessage.DONE, (req, ctx) -> onClick(req, ctx, Click.DONE));
        return app;
    }

    /** 9:00 tomorrow in {@code zone}, as seen at {@code now}. */
    static Instant tomorrowMorning(Instant now, ZoneId zone) {
        return ZonedDateTime.of(now.atZone(zone).toLocalDate().plusDays(1), MORNING, zone).toInstant();
    }

    private Response onClick(BlockActionRequest request, ActionContext ctx, Click click) {
        BlockActionPayload p = request.getPayload();
        OptionalLong id = TaskMessage.clickedTask(p);
        Optional<WorkspaceId> workspace = PayloadWorkspace.of(p);
        if (id.isEmpty() || workspace.isEmpty()) {
            return ctx.ack();
        }
        Caller caller = SlackApp.clicker(p, workspace.get());
        long taskId = id.getAsLong();
        ClickJob job = new ClickJob(click, taskId, caller.userId(), caller.teamId(), caller.channelId(),
                workspace.get().value(), p.getResponseUrl());
        if (!jobs.record(KIND, SlackApp.clickKey(KIND, p), job)) {
            respond(ctx, false, SlackApp.BUSY);
        }
        return ctx.ack();
    }

    /** Runs against the clicker's workspace: another workspace's task is not found. */
    private void act(ClickJob job) {
        TaskAccess access = this.access.in(job.caller().workspace());
        long taskId = job.taskId();
        String user = job.user();
        String responseUrl = job.responseUrl();
        if (job.click() == Click.DONE) {
            try {
                access.require(job.asker(), taskId, TaskAction.DONE);
                Optional<String> elsewhere = connectors.button(taskId, io.taskbridge.task.Status.DONE, user);
                if (elsewhere.isPresent() && elsewhere.get().startsWith(":warning:")) {
                    jobs.answer(responseUrl, false, elsewhere.get());
                    return;
                }
                if (elsewhere.isEmpty()) {
                    access.tasks().complete(taskId, user);
                }
                jobs.answer(responseUrl, true, ReminderMessage.done(taskId, user));
            } catch (Refused e) {
                jobs.answer(responseUrl, false, ":no_entry: " + e.getMessage());
            } catch (TaskProblem e) {
                jobs.answer(responseUrl, false, ":warning: " + e.getMessage());
            }
            return;
        }
        if (access.see(job.asker(), taskId).isEmpty()) {
            jobs.answer(responseUrl, false, ":warning: " + new TaskProblem.NotFound(taskId).getMessage());
            return;
        }
        Instant now = clock.instant();
        Instant until = job.click() == Click.SNOOZE_HOUR ? now.plus(HOUR)
                : tomorrowMorning(now, zones.of(new WorkspaceId(job.workspace()), user));
        Optional<Instant> snoozed = snoozer.snooze(taskId, user, until);
        if (snoozed.isPresent()) {
            jobs.answer(responseUrl, true, ReminderMessage.snoozed(taskId, snoozed.get()));
        } else {
            jobs.answer(responseUrl, false, ":warning: Task #" + taskId + " is closed or gone, so there is nothing to snooze.");
        }
    }

    private static void respond(ActionContext ctx, boolean replace, String text) {
        try {
            ctx.respond(r -> replace ? r.replaceOriginal(true).text(text)
                    : r.responseType("ephemeral").replaceOriginal(false).text(text));
        } catch (IOException e) {
            log.warn("could not answer through response_url: {}", e.getMessage());
        }
    }
}
