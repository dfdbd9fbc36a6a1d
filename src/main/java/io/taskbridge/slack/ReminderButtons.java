package io.taskbridge.slack;

import io.taskbridge.reminder.Snoozer;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import io.taskbridge.access.Refused;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.TaskProblem;
import io.taskbridge.workspace.TaskAction;
import io.taskbridge.task.TaskService;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buttons on a reminder: Snooze 1h, Snooze until tomorrow 9:00 (in the clicker's zone) and
 * Done. Each acks at once; the work runs on {@code work} and then replaces the reminder with what
 * happened, through the click's {@code response_url}.
 */
public final class ReminderButtons {
    private static final Logger log = LoggerFactory.getLogger(ReminderButtons.class);
    static final Duration HOUR = Duration.ofHours(1);
    static final LocalTime MORNING = LocalTime.of(9, 0);

    private enum Click { SNOOZE_HOUR, SNOOZE_TOMORROW, DONE }

    private final TaskAccess access;
    private final Snoozer snoozer;
    private final UserZones zones;
    private final Executor work;
    private final Clock clock;

    /** Every click asks {@code access} first: Done like {@code /task done}, a snooze like {@code /task show}. */
    public ReminderButtons(TaskAccess access, Snoozer snoozer, UserZones zones, Executor work, Clock clock) {
        this.access = access;
        this.snoozer = snoozer;
        this.zones = zones;
        this.work = work;
        this.clock = clock;
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
        try {
            work.execute(() -> {
                try {
                    act(ctx, click, access.in(caller.workspace()), taskId, caller);
                } catch (RuntimeException e) {
                    log.error("reminder button {} on task #{} failed after its ack", click, taskId, e);
                }
            });
        } catch (RejectedExecutionException e) {
            respond(ctx, false, SlackApp.BUSY);
        }
        return ctx.ack();
    }

    /** {@code access} is the door over the clicker's workspace: another workspace's task is not found. */
    private void act(ActionContext ctx, Click click, TaskAccess access, long taskId, Caller caller) {
        String user = caller.userId();
        if (click == Click.DONE) {
            try {
                access.require(caller.asker(), taskId, TaskAction.DONE);
                access.tasks().complete(taskId, user);
                respond(ctx, true, ReminderMessage.done(taskId, user));
            } catch (Refused e) {
                respond(ctx, false, ":no_entry: " + e.getMessage());
            } catch (TaskProblem e) {
                respond(ctx, false, ":warning: " + e.getMessage());
            }
            return;
        }
        if (access.see(caller.asker(), taskId).isEmpty()) {
            respond(ctx, false, ":warning: " + new TaskProblem.NotFound(taskId).getMessage());
            return;
        }
        Instant now = clock.instant();
        Instant until = click == Click.SNOOZE_HOUR ? now.plus(HOUR) : tomorrowMorning(now, zones.of(user));
        Optional<Instant> snoozed = snoozer.snooze(taskId, user, until);
        if (snoozed.isPresent()) {
            respond(ctx, true, ReminderMessage.snoozed(taskId, snoozed.get()));
        } else {
            respond(ctx, false, ":warning: Task #" + taskId + " is closed or gone, so there is nothing to snooze.");
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
