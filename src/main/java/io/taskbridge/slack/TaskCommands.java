package io.taskbridge.slack;

import io.taskbridge.reminder.DigestSettings;
import io.taskbridge.access.Refused;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.approval.Approval;
import io.taskbridge.approval.ApprovalPlan;
import io.taskbridge.approval.DueAction;
import io.taskbridge.approval.ApprovalProblem;
import io.taskbridge.approval.ApprovalService;
import io.taskbridge.command.Command;
import io.taskbridge.command.DueDates;
import io.taskbridge.command.Usage;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.task.TaskProblem;
import io.taskbridge.task.TaskQuery;
import io.taskbridge.task.TaskService;
import io.taskbridge.workspace.TaskAction;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Carries out a parsed {@code /task} command for a Slack user and says what to tell them.
 * Runs after the ack: it may look up the caller's time zone in Slack.
 */
final class TaskCommands {
    static final int LIST_LIMIT = 20;

    private final TaskService tasks;
    private final ApprovalService approvals;
    private final UserZones zones;
    private final Clock clock;
    private final DigestSettings digests;
    private final TaskAccess access;
    private final CommandHandlers handlers = new CommandHandlers();

    /** Commands about task systems go to {@code connectors}, and so does a change of a task held in one. */
    TaskCommands(TaskService tasks, ApprovalService approvals, TaskAccess access, UserZones zones, Clock clock,
                 DigestSettings digests, ConnectorCommands connectors) {
        this.access = access;
        this.digests = digests;
        this.tasks = tasks;
        this.approvals = approvals;
        this.zones = zones;
        this.clock = clock;
        handlers.on(Command.Add.class, (add, caller, key) -> connectors.add(add, caller)
                        .orElseGet(() -> add(add, caller, key)))
                .on(Command.ListTasks.class, (list, caller, key) -> list(list, caller, clock.instant()))
                .on(Command.Show.class, (show, caller, key) -> show(show, caller))
                .on(Command.Review.class, (review, caller, key) -> review(review, caller))
                .on(Command.Approvals.class, (a, caller, key) -> waitingFor(caller))
                // Every change asks the policy first, also for a task held in a task system.
                .on(Command.Start.class, (start, caller, key) -> allowed(caller, start.taskId(), TaskAction.START,
                        () -> connectors.moveTo(start.taskId(), Status.IN_PROGRESS, caller)
                                .orElseGet(() -> changed(access(caller).start(caller.asker(), start.taskId()), "in progress"))))
                .on(Command.Done.class, (done, caller, key) -> allowed(caller, done.taskId(), TaskAction.DONE,
                        () -> connectors.moveTo(done.taskId(), Status.DONE, caller)
                                .orElseGet(() -> changed(in(caller).complete(done.taskId(), caller.userId()), "done"))))
                .on(Command.Cancel.class, (cancel, caller, key) -> allowed(caller, cancel.taskId(), TaskAction.CANCEL,
                        () -> connectors.moveTo(cancel.taskId(), Status.CANCELED, caller)
                                .orElseGet(() -> changed(in(caller).moveTo(cancel.taskId(), Status.CANCELED, caller.userId()), "canceled"))))
                .on(Command.Assign.class, (assign, caller, key) -> allowed(caller, assign.taskId(), TaskAction.REASSIGN,
                        () -> connectors.assign(assign, caller)
                                .orElseGet(() -> changed(in(caller).assign(assign.taskId(), Optional.of(assign.assignee()), caller.userId()),
                                        "assigned to <@" + assign.assignee() + ">"))))
                .on(Command.Due.class, (due, caller, key) -> allowed(caller, due.taskId(), TaskAction.REDATE,
                        () -> connectors.due(due, caller).orElseGet(() -> due(due, caller))))
                .on(Command.Digest.class, (digest, caller, key) -> digest(digest, caller))
                .on(Command.Help.class, (help, caller, key) -> Usage.HELP_TEXT);
        connectors.register(handlers);
    }

    /** Handlers of another area's subcommands, on the one handler set (each type still has one). */
    void also(java.util.function.Consumer<CommandHandlers> registration) {
        registration.accept(handlers);
    }

    /** The reply for the person; every refusal is explained, and a refused command changed nothing. */
    String run(Command command, Caller caller, String idempotencyKey) {
        try {
            return handlers.handle(command, caller, idempotencyKey);
        } catch (TaskProblem.Invalid e) {
            return ":warning: " + String.join(" ", e.fields().values()) + "\n" + usageFor(command);
        } catch (Refused e) {
            return ":no_entry: " + e.getMessage();
        } catch (TaskProblem | ApprovalProblem | UnreadableDue e) {
            return ":warning: " + e.getMessage();
        }
    }

    /** The reply of {@code change}, run only if the caller may do {@code action} to the task. */
    private String allowed(Caller caller, long taskId, TaskAction action, Supplier<String> change) {
        access(caller).require(caller.asker(), taskId, action);
        return change.get();
    }

    /** The tasks of the caller's workspace: a task of another workspace does not exist for them. */
    private TaskService in(Caller caller) {
        return tasks.in(caller.workspace());
    }

    /** The policy's door over the caller's workspace: another workspace's task is not found before any permission question. */
    private TaskAccess access(Caller caller) {
        return access.in(caller.workspace());
    }

    private String show(Command.Show show, Caller caller) {
        Task task = access(caller).see(caller.asker(), show.taskId()).orElseThrow(() -> new TaskProblem.NotFound(show.taskId()));
        return Replies.show(task, clock.instant()) + approvals.find(task.id())
                .map(a -> "\n" + ApprovalMessage.summary(a) + "\n" + ApprovalMessage.next(task, a)).orElse("");
    }

    private String waitingFor(Caller caller) {
        List<Task> waiting = approvals.waitingFor(caller.workspace(), caller.userId(), LIST_LIMIT).stream().map(in(caller)::find)
                .flatMap(Optional::stream).toList();
        return waiting.isEmpty() ? "Nothing waits for your approval." : Replies.list(waiting, "Waiting for your approval", clock.instant())
                + "\nOpen the request in your DMs to answer, or `/task show <number>` for the details.";
    }

    private String due(Command.Due due, Caller caller) {
        Optional<Instant> when = dueOf(due.due(), caller, Usage.DUE);
        return changed(in(caller).reschedule(due.taskId(), when, caller.userId()),
                when.isPresent() ? "due " + SlackDates.token(when.get()) : "without a due date");
    }

    private String add(Command.Add add, Caller caller, String idempotencyKey) {
        Optional<Instant> due = dueOf(add.due(), caller, Usage.ADD);
        TaskDraft draft = TaskDraft.titled(add.title())
                .withAssignee(add.assignee())
                .withDueDate(due)
                .withPriority(add.priority().orElse(io.taskbridge.task.Priority.DEFAULT))
                .withTags(add.tags())
                .withWarning(add.remind());
        TaskService.Created created = in(caller).create(draft, caller.userId(),
                Optional.of(SlackPlace.channel(caller.teamId(), caller.channelId(), caller.kind().name())),
                Optional.of(idempotencyKey));
        return Replies.created(created.task());
    }

    private String review(Command.Review review, Caller caller) {
        List<String> approvers = new ArrayList<>();
        for (Command.Review.Step step : review.steps()) {
            approvers.addAll(step.approvers());
            step.onDue().flatMap(DueAction::escalatesTo).ifPresent(approvers::add);
        }
        access(caller).requireReview(caller.asker(), review.taskId(), approvers);
        List<ApprovalPlan.Step> steps = new ArrayList<>();
        for (Command.Review.Step step : review.steps()) {
            steps.add(new ApprovalPlan.Step(step.approvers(), step.mode(), dueOf(step.due(), caller, Usage.REVIEW),
                    step.groups(), step.onDue()));
        }
        Approval approval = approvals.request(review.taskId(), new ApprovalPlan(steps), caller.userId());
        return "Approval requested for task #" + review.taskId() + ".\n" + ApprovalMessage.progress(approval);
    }

    private String list(Command.ListTasks list, Caller caller, Instant now) {
        boolean filtered = list.assignee().isPresent() || list.tag().isPresent() || list.overdueOnly();
        Optional<String> assignee = filtered ? list.assignee() : Optional.of(caller.userId());
        TaskQuery query = TaskQuery.all().open()
                .withAssignee(assignee)
                .withTag(list.tag())
                .withDueBefore(list.overdueOnly() ? Optional.of(now) : Optional.empty())
                .sortedBy(new TaskQuery.Sort(TaskQuery.SortField.DUE_DATE, true))
                .page(LIST_LIMIT, 0);
        List<Task> found = in(caller).list(query, access(caller).viewer(caller.asker()));
        StringBuilder heading = new StringBuilder(list.overdueOnly() ? "Overdue tasks" : "Open tasks");
        assignee.ifPresent(a -> heading.append(a.equals(caller.userId()) ? " assigned to you" : " assigned to " + SlackText.person(Optional.of(a))));
        list.tag().ifPresent(t -> heading.append(" tagged #").append(SlackText.escape(t, 100)));
        return Replies.list(found, heading.toString(), now);
    }

    /** The typed due phrase read in the caller's zone; an unreadable one ends the command with usage. */
    private Optional<Instant> dueOf(Optional<String> phrase, Caller caller, String usage) {
        if (phrase.isEmpty()) {
            return Optional.empty();
        }
        ZonedDateTime now = clock.instant().atZone(zones.of(caller.workspace(), caller.userId()));
        DueDates.Parsed parsed = DueDates.parse(phrase.get(), now);
        if (parsed instanceof DueDates.Parsed.Unreadable u) {
            throw new UnreadableDue(u.problem() + "\n" + usage);
        }
        return Optional.of(((DueDates.Parsed.At) parsed).when().toInstant());
    }

    /** A due phrase that could not be read: the command stops before changing anything. */
    static final class UnreadableDue extends RuntimeException {
        UnreadableDue(String message) {
            super(message, null, false, false);
        }
    }

    private String digest(Command.Digest digest, Caller caller) {
        if (digests == DigestSettings.NONE) {
            return ":warning: Daily digests are not available on this Taskbridge.";
        }
        if (digest.isOff()) {
            digests.off(caller.workspace(), caller.teamId(), caller.channelId());
            return "This channel's daily digest of overdue tasks is off. Turn it back on with "
                    + "`/task digest 9:00 Europe/Berlin`.";
        }
        java.time.ZoneId zone = digest.zone().orElseGet(() -> zones.of(caller.workspace(), caller.userId()));
        java.time.LocalTime at = digest.at().orElseThrow();
        Instant next = digests.set(caller.workspace(), caller.teamId(), caller.channelId(), at, zone);
        return "Every day at " + at + " (" + zone.getId() + ") I'll post this channel's overdue tasks, if there are any."
                + " The next is " + SlackDates.token(next) + ".";
    }

    private static String changed(TaskService.Change change, String state) {
        Task t = change.after();
        if (!change.changed()) {
            return "Task #" + t.id() + " is already " + state + ".";
        }
        return Replies.changed(t);
    }

    private static String usageFor(Command command) {
        return command instanceof Command.Add || command instanceof Command.AddRecurring ? Usage.ADD : "";
    }
}
