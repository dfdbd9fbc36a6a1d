package io.taskbridge.recurring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.platform.Daos;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.Priority;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Source;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.task.TaskService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recurring series. The rule for the next occurrence: it is made when the current one is due,
 * whether or not that one was done, due at the rule's next time after it in the creator's zone; an
 * occurrence whose time passed while the service was stopped is skipped, so the next one is due in
 * the future. Making it is one transaction: a compare-and-set on the series' occurrence number
 * (another instance ticking at the same moment changes no row and makes nothing), the task (with an
 * idempotency key of the series and number), and the occurrence's row (its primary key is the
 * series and number). Who may list or stop a series the caller asks the permission policy first.
 */
public final class RecurringService {
    private static final Logger log = LoggerFactory.getLogger(RecurringService.class);
    static final int BATCH = 100;
    private static final TypeReference<List<String>> TAGS = new TypeReference<>() {};

    private final Jdbi jdbi;
    private final TaskService tasks;
    private final Clock clock;
    private final ObjectMapper json;

    /** {@code tasks}: the service the next occurrences are made through (recorded as coming from the schedule). */
    public RecurringService(Jdbi jdbi, TaskService tasks, Clock clock, ObjectMapper json) {
        this.jdbi = jdbi;
        this.tasks = tasks.via(Source.SCHEDULE);
        this.clock = clock;
        this.json = json;
    }

    /** The first task of a new series and the series; {@code created} is false for a repeated request. */
    public record Started(Task task, Series series, boolean created) {}

    /**
     * Makes the first task through {@code scoped} (the caller's workspace and entry point) and its
     * series, in one transaction. The first due date is the draft's, or else the rule's first time
     * after now in {@code zone}; the rule keeps that time (and weekday, or day of the month) for good.
     * The same idempotency key gives back the first series.
     */
    public Started start(TaskService scoped, TaskDraft draft, String actor, Optional<SlackPlace> place,
                         Optional<String> idempotencyKey, Recurrence rule, ZoneId zone) {
        Instant now = clock.instant();
        Instant firstDue = draft.dueDate().orElseGet(() -> rule.first(now.atZone(zone)).toInstant());
        Recurrence anchored = rule.anchoredTo(firstDue.atZone(zone));
        Started started = jdbi.inTransaction(tx -> {
            TaskService.Created c = scoped.create(tx, draft.withDueDate(Optional.of(firstDue)), actor, place, idempotencyKey);
            SeriesDao dao = Daos.on(tx, SeriesDao.class);
            Optional<Long> existing = dao.byFirstTask(c.task().id());
            long id = existing.orElseGet(() -> {
                Task t = c.task();
                long made = dao.insert(new SeriesDao.Template(t.workspace().value(), anchored.spec(), zone.getId(), actor,
                        t.id(), t.title(), t.description().orElse(null), t.priority().name(), t.assignee().orElse(null),
                        write(t.tags()), t.warning().map(Duration::getSeconds).orElse(null),
                        place.map(SlackPlace::teamId).orElse(null), place.map(SlackPlace::channelId).orElse(null),
                        place.flatMap(SlackPlace::kind).orElse(null), firstDue.toEpochMilli(), now.toEpochMilli()));
                dao.insertOccurrence(made, 1, t.id(), firstDue.toEpochMilli());
                return made;
            });
            return new Started(c.task(), dao.find(id).orElseThrow(), existing.isEmpty());
        });
        if (started.created()) {
            log.info("recurring series {} started by {} with task #{} ({}, {})", started.series().id(), actor,
                    started.task().id(), anchored.describe(), zone);
        }
        return started;
    }

    /** Makes the next occurrence of every series whose current one is due; returns how many were made. */
    public int tick() {
        Instant now = clock.instant();
        List<Series> due = jdbi.withExtension(SeriesDao.class, dao -> dao.due(now.toEpochMilli(), BATCH));
        int made = 0;
        for (Series s : due) {
            Optional<Task> next = jdbi.inTransaction(tx -> makeNext(tx, s, now));
            if (next.isPresent()) {
                made++;
                log.info("recurring series {}: occurrence {} is task #{}, due {}", s.id(), s.occurrence() + 1,
                        next.get().id(), next.get().dueDate().orElseThrow());
            }
        }
        return made;
    }

    private Optional<Task> makeNext(Handle tx, Series s, Instant now) {
        ZonedDateTime due = s.rule().next(s.nextAt().atZone(s.zone()));
        while (!due.toInstant().isAfter(now)) {
            due = s.rule().next(due);
        }
        SeriesDao dao = Daos.on(tx, SeriesDao.class);
        if (dao.advance(s.id(), s.occurrence(), due.toInstant().toEpochMilli()) == 0) {
            return Optional.empty();
        }
        SeriesDao.TemplateRow t = dao.template(s.id());
        TaskDraft draft = TaskDraft.titled(t.title()).withDescription(t.description())
                .withPriority(Priority.valueOf(t.priority())).withAssignee(t.assignee()).withTags(read(t.tags()))
                .withWarning(t.warningS().map(Duration::ofSeconds)).withDueDate(Optional.of(due.toInstant()));
        Optional<SlackPlace> place = t.slackChannel().map(c -> new SlackPlace(t.slackTeam().orElse(""), c,
                Optional.empty(), t.slackKind()));
        int number = s.occurrence() + 1;
        Task task = tasks.in(s.workspace()).create(tx, draft, s.createdBy(), place,
                Optional.of("series:" + s.id() + ":" + number)).task();
        dao.insertOccurrence(s.id(), number, task.id(), due.toInstant().toEpochMilli());
        return Optional.of(task);
    }

    /** The series task {@code taskId} belongs to, in {@code workspace} (any of its occurrences). */
    public Optional<Series> ofTask(WorkspaceId workspace, long taskId) {
        return jdbi.withExtension(SeriesDao.class, dao -> dao.ofTask(taskId)).filter(s -> s.workspace().equals(workspace));
    }

    /** The workspace's running series, oldest first, at most {@code limit}. */
    public List<Series> active(WorkspaceId workspace, int limit) {
        return jdbi.withExtension(SeriesDao.class, dao -> dao.active(workspace.value(), limit));
    }

    /** Ends a series: no more occurrences (the current task stays). False when it was already stopped. */
    public boolean stop(long seriesId, String by) {
        boolean stopped = jdbi.withExtension(SeriesDao.class, dao -> dao.stop(seriesId, by)) == 1;
        if (stopped) {
            log.info("recurring series {} stopped by {}", seriesId, by);
        }
        return stopped;
    }

    private String write(List<String> tags) {
        try {
            return json.writeValueAsString(tags);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> read(String tags) {
        try {
            return json.readValue(tags, TAGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable tags in a recurring series", e);
        }
    }
}
