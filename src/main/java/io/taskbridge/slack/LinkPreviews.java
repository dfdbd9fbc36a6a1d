package io.taskbridge.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.event.LinkSharedEvent;
import io.taskbridge.access.Asker;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.intake.Intake;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.Task;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Link previews: {@code link_shared} is acked at once (its work recorded in the intake under the
 * event's id, so Slack's retries are one preview), then every task link in it that the person who
 * shared it may see, and that everyone in the conversation may see, is unfurled with
 * {@code chat.unfurl} (title, status, assignee, due date and the task's buttons), in the workspace
 * the event came from. Links to tasks nobody there should see get no preview and no call at all.
 */
final class LinkPreviews {
    private static final Logger log = LoggerFactory.getLogger(LinkPreviews.class);
    static final String KIND = "slack.unfurl";
    /** Slack sends at most a handful of links per message; more are not looked at. */
    static final int MAX_LINKS = 10;

    private final TaskAccess access;
    private final ApprovalService approvals;
    private final SlackWebs webs;
    private final TaskLinks links;
    private final SlackJobs jobs;
    private final Clock clock;

    /** One shared message's links, from {@code user} in {@code channel} (or the composer's {@code unfurlId}). */
    record UnfurlJob(String workspace, String user, String channel, String ts, Optional<String> unfurlId,
                     Optional<String> source, List<String> urls) {}

    LinkPreviews(TaskAccess access, ApprovalService approvals, SlackWebs webs, TaskLinks links, Intake intake,
                 Slack slack, Clock clock) {
        this.access = access;
        this.approvals = approvals;
        this.webs = webs;
        this.links = links;
        this.jobs = new SlackJobs(intake, slack);
        this.clock = clock;
        jobs.on(KIND, UnfurlJob.class, this::unfurl);
    }

    void register(App app) {
        app.event(LinkSharedEvent.class, (payload, ctx) -> {
            accept(payload);
            return ctx.ack();
        });
    }

    private void accept(EventsApiPayload<LinkSharedEvent> payload) {
        LinkSharedEvent event = payload.getEvent();
        Optional<WorkspaceId> workspace = UninstallEvents.workspace(payload);
        if (event == null || event.getLinks() == null || event.getUser() == null || workspace.isEmpty()) {
            return;
        }
        List<String> urls = event.getLinks().stream().map(LinkSharedEvent.Link::getUrl)
                .filter(u -> u != null && links.taskId(u).isPresent()).distinct().limit(MAX_LINKS).toList();
        if (urls.isEmpty()) {
            return;
        }
        UnfurlJob job = new UnfurlJob(workspace.get().value(), event.getUser(), String.valueOf(event.getChannel()),
                String.valueOf(event.getMessageTs()), Optional.ofNullable(event.getUnfurlId()),
                Optional.ofNullable(event.getSource()), urls);
        String key = "unfurl:" + workspace.get().value() + ":" + (payload.getEventId() == null
                ? event.getChannel() + "/" + event.getMessageTs() : payload.getEventId());
        if (!jobs.record(KIND, key, job)) {
            log.warn("link_shared in {} could not be recorded; no preview", workspace.get());
        }
    }

    /** After the ack: the previews this person may show in this conversation, if any, in one chat.unfurl. */
    private void unfurl(UnfurlJob job) {
        WorkspaceId workspace = new WorkspaceId(job.workspace());
        TaskAccess scoped = access.in(workspace);
        Asker asker = new Asker(job.workspace(), job.user(), Optional.of(job.channel()));
        Map<String, List<LayoutBlock>> previews = new LinkedHashMap<>();
        for (String url : job.urls()) {
            OptionalLong id = links.taskId(url);
            Optional<Task> task = id.isPresent() ? scoped.preview(asker, id.getAsLong()) : Optional.empty();
            task.ifPresent(t -> previews.put(url, TaskMessage.blocks(t, approvals.find(t.id()), clock.instant())));
        }
        if (previews.isEmpty()) {
            log.debug("no task link in {} may be previewed for {}", job.channel(), job.user());
            return;
        }
        SlackResult<Boolean> sent = webs.of(workspace)
                .map(w -> w.unfurl(job.channel(), job.ts(), job.unfurlId(), job.source(), previews))
                .orElseGet(() -> new SlackResult.Failed<>("not_installed", false));
        if (sent instanceof SlackResult.RateLimited<Boolean> || sent instanceof SlackResult.Failed<Boolean> f && f.retryable()) {
            throw new IllegalStateException("chat.unfurl will be tried again: " + sent);
        }
        if (sent instanceof SlackResult.Failed<Boolean> failed) {
            log.warn("chat.unfurl in {} failed: {}", job.channel(), failed.error());
        } else {
            log.info("previewed {} task link(s) in {} for {}", previews.size(), job.channel(), job.user());
        }
    }
}
