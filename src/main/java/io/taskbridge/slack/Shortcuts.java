package io.taskbridge.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.payload.GlobalShortcutPayload;
import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.bolt.App;
import com.slack.api.model.view.View;
import io.taskbridge.access.Asker;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.TaskRules;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shortcuts that open the creation form: "Create a task" on a message ({@value #FROM_MESSAGE}),
 * "New task" in the lightning menu ({@value #NEW}) and the App Home's New task button. The form opens
 * within the ack (its trigger_id lasts 3 seconds). On a message, it starts from that message (first
 * line as title, the rest as description, its author as suggested assignee); the look-ups that need
 * Slack run after the ack, from the intake: whether the person may create a task in that channel at
 * all (if not, the form says so instead), then the message's permalink ({@code chat.getPermalink}),
 * filled in with {@code views.update}. The other two pick a channel in the form.
 */
final class Shortcuts {
    private static final Logger log = LoggerFactory.getLogger(Shortcuts.class);
    static final String FROM_MESSAGE = "task_from_message";
    static final String NEW = "task_new";
    static final String PERMALINK = "slack.permalink";

    /** The form just opened on a message, to be completed after the ack. */
    record PermalinkJob(String workspace, String user, String viewId, String channel, String ts, String metadata,
                        TaskModal.Prefill prefill) {}

    private final TaskAccess access;
    private final UserZones zones;
    private final SlackWebs webs;
    private final SlackJobs jobs;

    Shortcuts(TaskAccess access, UserZones zones, SlackWebs webs, SlackJobs jobs) {
        this.access = access;
        this.zones = zones;
        this.webs = webs;
        this.jobs = jobs;
        jobs.on(PERMALINK, PermalinkJob.class, this::complete);
    }

    void register(App app) {
        app.messageShortcut(FROM_MESSAGE, (req, ctx) -> {
            fromMessage(req.getPayload());
            return ctx.ack();
        });
        app.globalShortcut(NEW, (req, ctx) -> {
            GlobalShortcutPayload p = req.getPayload();
            PayloadWorkspace.of(p).ifPresent(w -> openPicking(w, p.getUser().getId(), p.getTriggerId()));
            return ctx.ack();
        });
        app.blockAction(HomeTab.NEW_TASK, (req, ctx) -> {
            BlockActionPayload p = req.getPayload();
            PayloadWorkspace.of(p).ifPresent(w -> openPicking(w, p.getUser().getId(), p.getTriggerId()));
            return ctx.ack();
        });
    }

    /** The form with a channel picker, for the lightning menu and the App Home. */
    private void openPicking(WorkspaceId workspace, String user, String trigger) {
        String metadata = new TaskFormSubmissions.FormContext("", Optional.empty(), zones.cached(workspace, user)).metadata();
        open(workspace, trigger, TaskModal.create(metadata, new TaskModal.Prefill(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), true)));
    }

    private void fromMessage(MessageShortcutPayload p) {
        Optional<WorkspaceId> workspace = PayloadWorkspace.of(p);
        if (workspace.isEmpty() || p.getChannel() == null || p.getMessage() == null) {
            return;
        }
        String user = p.getUser().getId();
        String channel = p.getChannel().getId();
        String ts = p.getMessageTs() != null ? p.getMessageTs() : p.getMessage().getTs();
        TaskModal.Prefill prefill = prefill(p.getMessage().getText(), Optional.ofNullable(p.getMessage().getUser()));
        String metadata = new TaskFormSubmissions.FormContext(channel, Optional.empty(), zones.cached(workspace.get(), user),
                Optional.of(new SlackPlace.Source(ts, Optional.empty()))).metadata();
        Optional<String> viewId = open(workspace.get(), p.getTriggerId(), TaskModal.create(metadata, prefill));
        if (viewId.isPresent() && !jobs.record(PERMALINK, "permalink:" + workspace.get().value() + ":" + viewId.get(),
                new PermalinkJob(workspace.get().value(), user, viewId.get(), channel, ts, metadata, prefill))) {
            log.warn("the form opened on a message in {} will not get its permalink", channel);
        }
    }

    /** A message's first line as the title, the rest as the description, its author (a person) as the assignee. */
    static TaskModal.Prefill prefill(String text, Optional<String> author) {
        String plain = unescape(text == null ? "" : text).strip();
        int newline = plain.indexOf('\n');
        String first = (newline < 0 ? plain : plain.substring(0, newline)).strip();
        String rest = newline < 0 ? "" : plain.substring(newline + 1).strip();
        return new TaskModal.Prefill(Optional.of(cut(first, TaskRules.MAX_TITLE)).filter(t -> !t.isEmpty()),
                Optional.of(cut(rest, Math.min(TaskRules.MAX_DESCRIPTION, TaskModal.MAX_INPUT_LENGTH))).filter(d -> !d.isEmpty()),
                author.filter(SlackText::isUserId), Optional.empty(), false);
    }

    /** After the ack: refuse a channel the person may not create in, else fill in the permalink. */
    private void complete(PermalinkJob job) {
        WorkspaceId workspace = new WorkspaceId(job.workspace());
        Optional<SlackWeb> web = webs.of(workspace);
        if (web.isEmpty()) {
            return;
        }
        Asker asker = new Asker(job.workspace(), job.user(), Optional.of(job.channel()));
        Optional<String> refused = access.in(workspace).refusalToCreateIn(asker, job.channel());
        if (refused.isPresent()) {
            web.get().updateView(job.viewId(), TaskModal.refusal(refused.get()));
            return;
        }
        SlackResult<String> link = web.get().permalink(job.channel(), job.ts());
        if (link instanceof SlackResult.RateLimited<String> || link instanceof SlackResult.Failed<String> f && f.retryable()) {
            throw new IllegalStateException("chat.getPermalink will be tried again: " + link);
        }
        if (!(link instanceof SlackResult.Ok<String> ok)) {
            log.warn("no permalink for the message in {}: {}", job.channel(), link);
            return;
        }
        String metadata = TaskFormSubmissions.FormContext.parse(job.metadata()).withPermalink(ok.value()).metadata();
        SlackResult<String> updated = web.get().updateView(job.viewId(),
                TaskModal.create(metadata, job.prefill().withPermalink(ok.value())));
        if (!(updated instanceof SlackResult.Ok)) {
            log.info("the form on a message in {} was not updated ({}): closed or submitted already", job.channel(), updated);
        }
    }

    private Optional<String> open(WorkspaceId workspace, String trigger, View view) {
        SlackResult<String> opened = webs.openView(workspace, trigger, view);
        if (opened instanceof SlackResult.Ok<String> ok) {
            return Optional.of(ok.value());
        }
        log.warn("views.open for the creation form failed: {}", opened);
        return Optional.empty();
    }

    /** Slack escapes {@code & < >} in message text; the form shows them as typed. */
    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
