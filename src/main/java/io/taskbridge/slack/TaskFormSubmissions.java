package io.taskbridge.slack;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import io.taskbridge.access.Asker;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.approval.ApprovalPlan;
import io.taskbridge.approval.ApprovalProblem;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.task.TaskProblem;
import io.taskbridge.task.TaskRules;
import io.taskbridge.task.TaskService;
import io.taskbridge.workspace.ConversationKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The creation form's submission, wherever the form was opened: {@code /task} (its channel in the
 * form's private_metadata), a message's "Create a task" shortcut (that message's channel, and the
 * message itself, which the task keeps and whose thread hears of it), or the lightning menu and the
 * App Home (the channel picked in the form). A channel that did not come from the slash command the
 * person typed there is checked first ({@link TaskAccess#refusalToCreateIn}): a private conversation
 * they are not in is refused on the form, and nothing is created.
 */
final class TaskFormSubmissions {
    private static final Logger log = LoggerFactory.getLogger(TaskFormSubmissions.class);

    private final ApprovalService approvals;
    private final TaskAccess access;
    private final UserZones zones;
    private final RecurringCommands series;
    private final Clock clock;

    TaskFormSubmissions(ApprovalService approvals, TaskAccess access, UserZones zones,
                        RecurringCommands series, Clock clock) {
        this.approvals = approvals;
        this.access = access;
        this.zones = zones;
        this.series = series;
        this.clock = clock;
    }

    /**
     * What the creation form carries from where it was opened to its submission:
     * {@code C123|PRIVATE|Europe/Berlin}, and for a form opened on a message
     * {@code |src=<ts>|link=<permalink>} (forms opened before the kind was carried say
     * {@code C123|Europe/Berlin}: their kind is unknown). The channel is empty when the form picks it.
     */
    record FormContext(String channel, Optional<ConversationKind> kind, Optional<ZoneId> zone,
                       Optional<SlackPlace.Source> source) {
        private static final String SOURCE = "src=";
        private static final String LINK = "link=";

        FormContext(String channel, Optional<ConversationKind> kind, Optional<ZoneId> zone) {
            this(channel, kind, zone, Optional.empty());
        }

        String metadata() {
            return channel + kind.map(k -> "|" + k.name()).orElse("") + zone.map(z -> "|" + z.getId()).orElse("")
                    + source.map(s -> "|" + SOURCE + s.ts() + s.permalink().map(l -> "|" + LINK + l).orElse("")).orElse("");
        }

        FormContext withPermalink(String link) {
            return new FormContext(channel, kind, zone, source.map(s -> new SlackPlace.Source(s.ts(), Optional.of(link))));
        }

        static FormContext parse(String metadata) {
            String[] parts = (metadata == null ? "" : metadata.strip()).split("\\|", -1);
            Optional<ConversationKind> kind = Optional.empty();
            Optional<ZoneId> zone = Optional.empty();
            Optional<String> ts = Optional.empty();
            Optional<String> link = Optional.empty();
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i];
                Optional<ConversationKind> k = kindNamed(part);
                if (part.startsWith(SOURCE)) {
                    ts = Optional.of(part.substring(SOURCE.length())).filter(t -> !t.isBlank());
                } else if (part.startsWith(LINK)) {
                    link = Optional.of(part.substring(LINK.length())).filter(l -> !l.isBlank());
                } else if (k.isPresent()) {
                    kind = k;
                } else {
                    zone = zoneNamed(part);
                }
            }
            Optional<String> permalink = link;
            return new FormContext(parts[0], kind, zone, ts.map(t -> new SlackPlace.Source(t, permalink)));
        }

        private static Optional<ConversationKind> kindNamed(String name) {
            return Arrays.stream(ConversationKind.values()).filter(k -> k.name().equals(name)).findFirst();
        }

        private static Optional<ZoneId> zoneNamed(String name) {
            try {
                return Optional.of(ZoneId.of(name));
            } catch (java.time.DateTimeException e) {
                return Optional.empty();
            }
        }
    }

    Response onSubmitted(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
        ViewSubmissionPayload p = request.getPayload();
        String user = p.getUser().getId();
        Instant now = clock.instant();
        FormContext form = FormContext.parse(p.getView().getPrivateMetadata());
        Optional<WorkspaceId> from = PayloadWorkspace.of(p);
        ZoneId zone = form.zone().or(() -> from.flatMap(w -> zones.cached(w, user)))
                .orElseGet(() -> from.map(w -> zones.of(w, user)).orElse(ZoneOffset.UTC));
        TaskForm.Result read = TaskModal.read(p.getView().getState()).toDraft(now.atZone(zone));
        if (read instanceof TaskForm.Result.Errors errors) {
            return ctx.ack(r -> r.responseAction("errors").errors(errors.errors()));
        }
        TaskDraft draft = ((TaskForm.Result.Draft) read).draft();
        Optional<String> repeats = TaskModal.repeats(p.getView().getState());
        Map<String, String> problems = new HashMap<>(TaskRules.check(draft, Optional.empty(), now));
        RecurringCommands.problem(repeats).ifPresent(r -> problems.put(TaskModal.Field.REPEATS.blockId(), r));
        if (!problems.isEmpty()) {
            return ctx.ack(r -> r.responseAction("errors").errors(TaskModal.errors(problems)));
        }
        Optional<TaskAccess> scoped = from.map(access::in);
        if (scoped.isEmpty()) {
            return ctx.ack(r -> r.responseAction("errors").errors(Map.of(TaskModal.Field.TITLE.blockId(), SlackApp.NO_WORKSPACE)));
        }
        WorkspaceId workspace = scoped.get().tasks().workspace();
        Optional<String> picked = TaskModal.channel(p.getView().getState());
        String channel = form.channel().isBlank() ? picked.orElse("") : form.channel();
        Asker asker = new Asker(workspace.value(), user, channel.isBlank() ? Optional.empty() : Optional.of(channel));
        Optional<ConversationKind> kind = form.kind();
        if (!channel.isBlank() && (picked.isPresent() || form.source().isPresent())) {
            // Not typed in that channel: may this person post a task there at all?
            Optional<String> refused = scoped.get().refusalToCreateIn(asker, channel);
            if (refused.isPresent()) {
                log.info("{} may not create a task in {}: refused", user, channel);
                String block = (picked.isPresent() ? TaskModal.Field.CHANNEL : TaskModal.Field.TITLE).blockId();
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of(block, refused.get())));
            }
            kind = kind.or(() -> scoped.get().kindOf(workspace, channel));
        }
        String team = PayloadWorkspace.team(p).orElse(workspace.value());
        Optional<SlackPlace> place = channel.isBlank() ? Optional.empty()
                : Optional.of(new SlackPlace(team, channel, Optional.empty(), kind.map(ConversationKind::name), form.source()));
        Optional<ApprovalPlan> approval = TaskModal.approval(p.getView().getState());
        Optional<String> refused = approval.flatMap(plan -> ApprovalService.problemWith(plan, now)
                .or(() -> scoped.get().reviewOfNewTask(asker, draft.assignee(),
                        plan.steps().stream().flatMap(s -> s.participants().stream()).toList())));
        if (refused.isPresent()) {
            return ctx.ack(r -> r.responseAction("errors").errors(Map.of(TaskModal.Field.APPROVERS.blockId(), refused.get())));
        }
        try {
            TaskService.Created created = series.create(scoped.get().tasks(), draft, user, place, "view:" + p.getView().getId(),
                    repeats, zone);
            if (created.created() && approval.isPresent()) {
                approvals.request(created.task().id(), approval.get(), user);
            }
        } catch (TaskProblem.Invalid e) {
            return ctx.ack(r -> r.responseAction("errors").errors(TaskModal.errors(e.fields())));
        } catch (ApprovalProblem e) {
            log.warn("task made from the form, but its approval was refused: {}", e.getMessage());
        }
        return ctx.ack();
    }
}
