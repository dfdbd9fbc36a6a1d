package io.taskbridge.slack;

import io.taskbridge.access.Refused;
import io.taskbridge.access.TaskAccess;
import io.taskbridge.command.Command;
import io.taskbridge.command.DueDates;
import io.taskbridge.command.Usage;
import io.taskbridge.recurring.RecurringService;
import io.taskbridge.recurring.Series;
import io.taskbridge.task.Priority;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.task.TaskProblem;
import io.taskbridge.task.TaskService;
import io.taskbridge.workspace.Actor;
import io.taskbridge.workspace.Decision;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Recurring tasks in Slack: {@code /task add … every monday 9am} starts a series in the creator's
 * time zone, {@code /task recurring} lists the workspace's series whose current task the caller may
 * see, {@code /task stop 42} ends task 42's series (its creator or an admin, as the policy says).
 */
final class RecurringCommands {
    static final int LIST_LIMIT = 20;

    private final RecurringService recurring;
    private final TaskService tasks;
    private final TaskAccess access;
    private final UserZones zones;
    private final Clock clock;
    private final ConnectorCommands connectors;

    RecurringCommands(RecurringService recurring, TaskService tasks, TaskAccess access, UserZones zones, Clock clock,
                      ConnectorCommands connectors) {
        this.recurring = recurring;
        this.tasks = tasks;
        this.access = access;
        this.zones = zones;
        this.clock = clock;
        this.connectors = connectors;
    }

    void register(CommandHandlers handlers) {
        handlers.on(Command.AddRecurring.class, (add, caller, key) -> add(add, caller, key))
                .on(Command.Recurring.class, (list, caller, key) -> list(caller))
                .on(Command.Stop.class, (stop, caller, key) -> stop(stop, caller));
    }

    /** Why the form's Repeats input can't be read, if it can't. */
    static Optional<String> problem(Optional<String> repeats) {
        return repeats.filter(r -> rule(r).isEmpty()).map(r -> "Write it like every monday 9am, every weekday 9:30, "
                + "every 2 weeks or every month on the 1st.");
    }

    private static Optional<io.taskbridge.recurring.Recurrence> rule(String typed) {
        List<String> words = List.of(typed.strip().split("\\s+"));
        return io.taskbridge.command.RecurrenceGrammar.read(
                !words.isEmpty() && words.get(0).equalsIgnoreCase("every") ? words.subList(1, words.size()) : words);
    }

    /**
     * A task from the creation form: with a Repeats input, the first task of a new series in the
     * creator's zone; without one, a plain task.
     */
    TaskService.Created create(TaskService scoped, TaskDraft draft, String user, Optional<SlackPlace> place, String key,
                               Optional<String> repeats, ZoneId zone) {
        Optional<io.taskbridge.recurring.Recurrence> every = repeats.flatMap(RecurringCommands::rule);
        if (every.isEmpty()) {
            return scoped.create(draft, user, place, Optional.of(key));
        }
        RecurringService.Started started = recurring.start(scoped, draft, user, place, Optional.of(key), every.get(), zone);
        return new TaskService.Created(started.task(), started.created());
    }

    private String add(Command.AddRecurring command, Caller caller, String idempotencyKey) {
        if (!connectors.createsHere(caller)) {
            return ":warning: Recurring tasks are kept in Taskbridge's own store, and this channel's new tasks go to "
                    + "a task system. Make the recurring task in another channel.";
        }
        Command.Add add = command.add();
        ZoneId zone = zones.of(caller.workspace(), caller.userId());
        Optional<Instant> due = add.due().map(phrase -> {
            DueDates.Parsed parsed = DueDates.parse(phrase, clock.instant().atZone(zone));
            if (parsed instanceof DueDates.Parsed.Unreadable u) {
                throw new TaskCommands.UnreadableDue(u.problem() + "\n" + Usage.ADD);
            }
            return ((DueDates.Parsed.At) parsed).when().toInstant();
        });
        TaskDraft draft = TaskDraft.titled(add.title()).withAssignee(add.assignee()).withDueDate(due)
                .withPriority(add.priority().orElse(Priority.DEFAULT)).withTags(add.tags()).withWarning(add.remind());
        RecurringService.Started started = recurring.start(tasks.in(caller.workspace()), draft, caller.userId(),
                Optional.of(SlackPlace.channel(caller.teamId(), caller.channelId(), caller.kind().name())),
                Optional.of(idempotencyKey), command.every(), zone);
        return Replies.created(started.task()) + "\n:repeat: It repeats " + started.series().rule().describe() + " ("
                + zone.getId() + "): the next one is made when this one is due. `/task stop " + started.task().id()
                + "` ends the series.";
    }

    private String list(Caller caller) {
        TaskAccess door = access.in(caller.workspace());
        List<Series> visible = recurring.active(caller.workspace(), 500).stream()
                .filter(s -> door.see(caller.asker(), s.currentTask()).isPresent()).limit(LIST_LIMIT).toList();
        if (visible.isEmpty()) {
            return "No recurring tasks here. Make one with `/task add Send the weekly report every monday 9am`.";
        }
        StringBuilder out = new StringBuilder("*Recurring tasks*\n");
        for (Series s : visible) {
            out.append("• #").append(s.currentTask()).append(' ').append(SlackText.escape(s.title(), 80)).append(": ")
                    .append(s.rule().describe()).append(" (").append(s.zone().getId()).append("), next made ")
                    .append(SlackDates.token(s.nextAt())).append(", started by <@").append(s.createdBy()).append(">\n");
        }
        return out.append("`/task stop <number>` ends one.").toString();
    }

    private String stop(Command.Stop stop, Caller caller) {
        long id = stop.taskId();
        TaskAccess door = access.in(caller.workspace());
        door.see(caller.asker(), id).orElseThrow(() -> new TaskProblem.NotFound(id));
        Series series = recurring.ofTask(caller.workspace(), id).orElse(null);
        if (series == null) {
            return ":warning: Task #" + id + " is not part of a recurring series.";
        }
        Decision decision = access.policy().stopSeries(Actor.person(caller.userId()), series.createdBy(), id);
        if (!decision.allowed() && door.isAdmin(caller.asker())) {
            decision = access.policy().stopSeries(Actor.admin(caller.userId()), series.createdBy(), id);
        }
        if (decision instanceof Decision.Denied denied) {
            throw new Refused(denied.reason());
        }
        if (!recurring.stop(series.id(), caller.userId())) {
            return "Task #" + id + "'s series was already stopped.";
        }
        return "Stopped the series of task #" + id + " (" + series.rule().describe() + "): no more tasks will be made."
                + " Task #" + series.currentTask() + " stays as it is.";
    }
}
