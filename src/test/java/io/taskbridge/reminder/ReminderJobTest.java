package io.taskbridge.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskbridge.platform.Json;
import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxCodec;
import io.taskbridge.platform.Database;
import io.taskbridge.outbox.OutboxDao;
import io.taskbridge.outbox.OutboxRow;
import io.taskbridge.reminder.ReminderDao;
import io.taskbridge.reminder.ReminderRow;
import io.taskbridge.reminder.DigestDao;
import io.taskbridge.task.ReminderKind;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Status;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.task.TaskService;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Planner and tick on both stores, on a clock the test moves; what a tick hands over is read from the outbox table. */
class ReminderJobTest {
    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    Database db;
    TestClock clock;
    TaskService tasks;
    ReminderPlanner planner;
    ReminderJob job;
    Digests digests;

    void open(Databases.Kind kind) {
        db = Databases.open(kind);
        clock = new TestClock(START);
        Outbox outbox = new Outbox(new OutboxCodec(Json.mapper()), clock, row -> { });
        digests = new Digests(db.jdbi(), clock);
        planner = new ReminderPlanner(db.jdbi(), clock, digests);
        tasks = new TaskService(db.jdbi(), clock, planner);
        job = new ReminderJob(db.jdbi(), db.dialect(), outbox, clock, false);
    }

    @AfterEach
    void close() {
        db.close();
    }

    Task create(String title, Instant due, Optional<Duration> warning, Optional<String> assignee, String channel) {
        TaskDraft draft = TaskDraft.titled(title).withDueDate(Optional.of(due)).withWarning(warning).withAssignee(assignee);
        return tasks.create(draft, "UBOB", Optional.of(SlackPlace.channel("T1", channel)), Optional.empty()).task();
    }

    List<ReminderRow> reminders(long taskId) {
        return db.jdbi().withExtension(ReminderDao.class, dao -> dao.ofTask(taskId));
    }

    List<OutboxRow> outbox() {
        return db.jdbi().withExtension(OutboxDao.class, dao -> dao.inState("pending", 1000));
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void warningDueAndOverdueFireOnceEachAtTheirTime(Databases.Kind kind) {
        open(kind);
        Instant due = START.plus(Duration.ofDays(2));
        Task task = create("Ship it", due, Optional.of(Duration.ofMinutes(90)), Optional.of("UALICE"), "C1");
        assertThat(reminders(task.id())).extracting(ReminderRow::kind, ReminderRow::fireAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple("warning", due.minus(Duration.ofMinutes(90)).toEpochMilli()),
                org.assertj.core.groups.Tuple.tuple("due", due.toEpochMilli()),
                // README: overdue "an hour after the due date".
                org.assertj.core.groups.Tuple.tuple("overdue", due.plus(Duration.ofHours(1)).toEpochMilli()));

        assertThat(job.tick().reminders()).isZero();
        clock.set(due.minus(Duration.ofMinutes(89)));
        assertThat(job.tick().reminders()).isEqualTo(1);
        assertThat(job.tick().reminders()).as("a claimed reminder is gone").isZero();
        assertThat(outbox()).extracting(OutboxRow::kind, OutboxRow::channel).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("reminder_reply", Optional.of("C1")),
                org.assertj.core.groups.Tuple.tuple("reminder_dm", Optional.of("dm:UALICE")));
        assertThat(outbox()).allSatisfy(r -> assertThat(r.payload()).contains("WARNING"));

        clock.set(due.plusSeconds(1));
        assertThat(job.tick().reminders()).isEqualTo(1);
        clock.set(due.plus(Duration.ofHours(2)));
        assertThat(job.tick().reminders()).isEqualTo(1);
        assertThat(outbox()).filteredOn(r -> r.kind().startsWith("reminder_")).hasSize(6);
        assertThat(outbox()).filteredOn(r -> r.kind().equals("overdue_digest")).as("09:00 UTC digest, once overdue")
                .hasSize(1);
        assertThat(reminders(task.id())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aDueDatePlansItsRemindersInOneStatement(Databases.Kind kind) {
        open(kind);
        List<String> plans = new ArrayList<>();
        db.jdbi().getConfig(io.taskbridge.platform.PreparedStatements.class).observe(sql -> {
            if (sql.startsWith(ReminderDao.PLAN_INTO)) {
                plans.add(sql);
            }
        });
        Instant due = START.plus(Duration.ofDays(2));
        Task task = create("Ship it", due, Optional.of(Duration.ofMinutes(90)), Optional.empty(), "C1");
        assertThat(reminders(task.id())).extracting(ReminderRow::kind).containsExactly("warning", "due", "overdue");
        assertThat(plans).as("statements that planned them").hasSize(1);

        plans.clear();
        Task soon = create("Soon", START.plus(Duration.ofMinutes(30)), Optional.of(Duration.ofHours(2)), Optional.empty(),
                "C1");
        assertThat(reminders(soon.id())).as("its warning time has passed").extracting(ReminderRow::kind)
                .containsExactly("due", "overdue");
        assertThat(plans).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void changingTheDueDateReplansAndClosingDropsEverything(Databases.Kind kind) {
        open(kind);
        Task task = create("Report", START.plus(Duration.ofDays(1)), Optional.of(Duration.ofHours(2)), Optional.empty(), "C1");
        Instant later = START.plus(Duration.ofDays(3));
        tasks.reschedule(task.id(), Optional.of(later), "UBOB");
        assertThat(reminders(task.id())).extracting(ReminderRow::fireAt).containsExactly(
                later.minus(Duration.ofHours(2)).toEpochMilli(), later.toEpochMilli(),
                later.plus(Duration.ofHours(1)).toEpochMilli());

        tasks.change(task.id(), "UBOB", d -> d.withWarning(Optional.of(Duration.ofMinutes(30))));
        assertThat(reminders(task.id())).extracting(ReminderRow::fireAt)
                .contains(later.minus(Duration.ofMinutes(30)).toEpochMilli());

        planner.snooze(task.id(), "UCAROL", START.plus(Duration.ofHours(1)));
        tasks.change(task.id(), "UBOB", d -> d.withPriority(io.taskbridge.task.Priority.HIGH));
        assertThat(reminders(task.id())).as("a priority change leaves the plan alone").hasSize(4);

        tasks.complete(task.id(), "UBOB");
        assertThat(reminders(task.id())).isEmpty();
        clock.advance(Duration.ofDays(10));
        assertThat(job.tick().reminders()).isZero();
        assertThat(outbox()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aSnoozeRemindsTheSnoozerByDmOnly(Databases.Kind kind) {
        open(kind);
        Task task = create("Call", START.plus(Duration.ofDays(1)), Optional.empty(), Optional.of("UALICE"), "C1");
        Instant until = START.plus(Duration.ofHours(1));
        assertThat(planner.snooze(task.id(), "UCAROL", until)).contains(until);
        clock.set(until.plusSeconds(1));
        assertThat(job.tick().reminders()).isEqualTo(1);
        assertThat(outbox()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo("reminder_dm");
            assertThat(r.channel()).contains("dm:UCAROL");
            assertThat(r.payload()).contains("SNOOZE");
        });
        tasks.moveTo(task.id(), Status.CANCELED, "UBOB");
        assertThat(planner.snooze(task.id(), "UCAROL", until.plusSeconds(3600))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aReminderForAPastTimeIsNotPlanned(Databases.Kind kind) {
        open(kind);
        Task task = create("Soon", START.plus(Duration.ofMinutes(30)), Optional.of(Duration.ofHours(1)), Optional.empty(), "C1");
        assertThat(reminders(task.id())).extracting(ReminderRow::kind).containsExactly("due", "overdue");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void theDigestListsOverdueTasksOncePerDayInTheChannelsZone(Databases.Kind kind) {
        open(kind);
        Task late = create("Late", START.plus(Duration.ofHours(1)), Optional.empty(), Optional.empty(), "C9");
        create("Not yet", START.plus(Duration.ofDays(5)), Optional.empty(), Optional.empty(), "C9");
        // Overdue too, but in another (private) channel: a digest lists only its own channel's tasks,
        // so it never shows a task to people who can't see it.
        Task elsewhere = create("Elsewhere", START.plus(Duration.ofHours(1)), Optional.empty(), Optional.empty(), "G3");
        digests.off(io.taskbridge.platform.WorkspaceId.UNRESOLVED, "T1", "G3");
        Optional<io.taskbridge.reminder.DigestRow> byDefault = db.jdbi().withExtension(DigestDao.class, dao -> dao.find(io.taskbridge.platform.WorkspaceId.UNRESOLVED.value(), "C9"));
        assertThat(byDefault).as("default: 09:00 UTC").hasValueSatisfying(d -> assertThat(d.localTime()).isEqualTo("09:00"));
        Instant next = digests.set(io.taskbridge.platform.WorkspaceId.UNRESOLVED, "T1", "C9", LocalTime.of(9, 0),
                ZoneId.of("Europe/Berlin"));
        assertThat(next).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));

        clock.set(next.plusSeconds(5));
        job.tick();
        List<OutboxRow> digestRows = outbox().stream().filter(r -> r.kind().equals("overdue_digest")).toList();
        assertThat(digestRows).singleElement().satisfies(r -> {
            assertThat(r.channel()).contains("C9");
            assertThat(r.payload()).contains("[" + late.id() + "]").doesNotContain(Long.toString(elsewhere.id()) + "]");
        });
        assertThat(job.tick().digests()).as("once a day").isZero();
        clock.set(next.plus(Duration.ofDays(1)).plusSeconds(5));
        assertThat(job.tick().digests()).isEqualTo(1);

        digests.off(io.taskbridge.platform.WorkspaceId.UNRESOLVED, "T1", "C9");
        clock.advance(Duration.ofDays(2));
        assertThat(job.tick().digests()).isZero();
        create("Another", clock.instant().plus(Duration.ofHours(1)), Optional.empty(), Optional.empty(), "C9");
        Optional<io.taskbridge.reminder.DigestRow> off = db.jdbi().withExtension(DigestDao.class, dao -> dao.find(io.taskbridge.platform.WorkspaceId.UNRESOLVED.value(), "C9"));
        assertThat(off.orElseThrow().nextAt()).as("off stays off").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void anApprovalNudgeIsAPersonalDm(Databases.Kind kind) {
        open(kind);
        Task task = create("Approve budget", START.plus(Duration.ofDays(3)), Optional.empty(), Optional.empty(), "C1");
        db.jdbi().useTransaction(tx -> planner.planApprovalNudge(tx, task.id(), "UDAN", io.taskbridge.task.ReminderKind.APPROVAL, START.plus(Duration.ofDays(1))));
        clock.set(START.plus(Duration.ofDays(1)));
        job.tick();
        assertThat(outbox()).singleElement().satisfies(r -> {
            assertThat(r.channel()).contains("dm:UDAN");
            assertThat(r.payload()).contains(ReminderKind.APPROVAL.name());
        });
    }

    /**
     * More due reminders than one claim takes (three batches, the last one partial), with a task's
     * warning, due and snooze reminders landing in the same batch and one reminder left on a closed
     * task: every reminder is claimed once and handed over exactly as often as it should be.
     */
    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aBurstOfSeveralBatchesHandsEachReminderOverExactlyOnce(Databases.Kind kind) throws Exception {
        open(kind);
        Instant due = START.plus(Duration.ofHours(2));
        int n = 450; // tasks; with warnings, snoozes and the closed task, 691 reminders: three batches of 200 and more
        List<Tuple> expected = new ArrayList<>();
        int claims = 0;
        for (int i = 0; i < n; i++) {
            boolean warned = i % 3 == 0;
            Optional<String> assignee = i % 2 == 0 ? Optional.of("UA" + i) : Optional.empty();
            Task task = create("Burst " + i, due, warned ? Optional.of(Duration.ofMinutes(30)) : Optional.empty(),
                    assignee, "C" + (i % 7));
            List<ReminderKind> kinds = warned ? List.of(ReminderKind.WARNING, ReminderKind.DUE) : List.of(ReminderKind.DUE);
            for (ReminderKind k : kinds) {
                expected.add(tuple("reminder_reply", "C" + (i % 7), task.id(), k.name()));
                assignee.ifPresent(a -> expected.add(tuple("reminder_dm", "dm:" + a, task.id(), k.name())));
            }
            claims += kinds.size();
            if (i % 5 == 0) {
                planner.snooze(task.id(), "US" + i, due.minus(Duration.ofMinutes(10)));
                expected.add(tuple("reminder_dm", "dm:US" + i, task.id(), ReminderKind.SNOOZE.name()));
                claims++;
            }
        }
        Task closed = create("Closed", due, Optional.empty(), Optional.of("UCLOSED"), "C1");
        tasks.complete(closed.id(), "UBOB");
        db.jdbi().useExtension(ReminderDao.class, dao -> dao.plan(closed.id(), ReminderKind.DUE.stored(), "",
                due.toEpochMilli(), START.toEpochMilli())); // as a planner racing the close would leave it
        claims++;
        assertThat(claims).as("the reminders set up above: 450 due, 150 warnings, 90 snoozes, 1 on the closed task")
                .isEqualTo(691);
        assertThat(claims).as("more than three claims' worth, the last one partial").isGreaterThan(ReminderJob.BATCH * 3);

        clock.set(due.plusSeconds(1));
        assertThat(job.tick().reminders()).isEqualTo(claims);
        assertThat(job.tick().reminders()).as("nothing is claimed twice").isZero();
        assertThat(db.jdbi().withExtension(ReminderDao.class, ReminderDao::count)).as("only overdue reminders wait")
                .isEqualTo(n);

        ObjectMapper json = Json.mapper();
        List<Tuple> handedOver = new ArrayList<>();
        for (OutboxRow row : db.jdbi().withExtension(OutboxDao.class, dao -> dao.inState("pending", 100_000))) {
            if (row.kind().startsWith("reminder_")) {
                JsonNode payload = json.readTree(row.payload());
                handedOver.add(tuple(row.kind(), row.channel().orElseThrow(), payload.get("taskId").asLong(),
                        payload.get("reminder").asText()));
            }
        }
        assertThat(handedOver).as("each reminder once: none lost, none doubled, none for the closed task")
                .containsExactlyInAnyOrderElementsOf(expected);
    }
}
