package io.taskbridge.recurring;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.audit.AuditLog;
import io.taskbridge.platform.Database;
import io.taskbridge.task.Source;
import io.taskbridge.task.Task;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.SlackReply;
import io.taskbridge.testing.TestClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Weekly series across both daylight saving changes of Europe/Berlin, made from Slack over signed
 * HTTP, with the next occurrences made by ticks of every instance at once (two services on one
 * PostgreSQL; on SQLite, one service ticked from several threads and its own timer): each next
 * occurrence is made once, due at 09:00 Berlin time whatever the UTC offset, and copies the title,
 * assignee, tags, reminder and channel.
 */
class RecurringSeriesTest {
    static final Map<String, String> FAST = Map.of("TASKBRIDGE_REMINDER_INTERVAL", "0.2", "TASKBRIDGE_OUTBOX_POLL_MS", "100",
            "TASKBRIDGE_QUIET_HOURS", "off");
    static final String ALICE = "UALICE";
    static final String MALLORY = "UMALLORY";
    final AtomicInteger requests = new AtomicInteger();

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aWeeklySeriesAcrossBothDaylightSavingChangesMakesEachOccurrenceOnce(Databases.Kind kind) throws Exception {
        TestClock clock = new TestClock(Instant.parse("2027-03-17T12:00:00Z")); // a Wednesday
        String url = Databases.url(kind);
        try (FakeSlack slack = new FakeSlack();
             RunningService a = new RunningService(url, FAST, slack, clock);
             RunningService b = kind == Databases.Kind.POSTGRES ? new RunningService(url, FAST, slack, clock) : a;
             Database db = Database.open(url, "postgres", "postgres")) {
            slack.timeZone(ALICE, "Europe/Berlin");
            String made = say(a, ALICE, "C1", "general",
                    "add Send the weekly report <@UBOB|bob> #reports remind 2h every monday 9am");
            assertThat(made).contains("Created task").contains("repeats every Monday at 09:00 (Europe/Berlin)");
            long first = 1;
            assertThat(dues(db, first)).containsExactly(Instant.parse("2027-03-22T08:00:00Z")); // 09:00 CET

            // Its time comes: the next is made once, due the next Monday at 09:00, now summer time.
            tickAt(clock, Instant.parse("2027-03-22T08:00:00Z"), a, b, db, first, 2);
            tickAt(clock, Instant.parse("2027-03-29T07:00:00Z"), a, b, db, first, 3);
            assertThat(dues(db, first)).containsExactly(Instant.parse("2027-03-22T08:00:00Z"),
                    Instant.parse("2027-03-29T07:00:00Z"), Instant.parse("2027-04-05T07:00:00Z"));
            // A tick before the next time makes nothing.
            assertThat(a.service.recurring().tick() + b.service.recurring().tick()).isZero();

            List<Task> occurrences = tasks(a, db, first);
            assertThat(occurrences).extracting(Task::title).containsOnly("Send the weekly report");
            assertThat(occurrences).extracting(Task::assignee).containsOnly(java.util.Optional.of("UBOB"));
            assertThat(occurrences).extracting(Task::tags).containsOnly(List.of("reports"));
            assertThat(occurrences).extracting(Task::warning).containsOnly(java.util.Optional.of(Duration.ofHours(2)));
            assertThat(occurrences).extracting(Task::createdBy).containsOnly(ALICE);
            assertThat(occurrences).allSatisfy(t -> assertThat(t.slack().orElseThrow().channelId()).isEqualTo("C1"));
            long third = occurrences.get(2).id();
            // Each occurrence's Slack message was posted once.
            Quiescence.await(a);
            Quiescence.await(b);
            for (Task t : occurrences) {
                assertThat(slack.channelMessages("C1")).filteredOn(m -> m.threadTs() == null
                        && m.text().startsWith("Task #" + t.id() + ": Send the weekly report")).hasSize(1);
            }
            assertThat(new AuditLog(db.jdbi()).ofTask(third, 0L, 10).entries().get(0).source()).isEqualTo(Source.SCHEDULE);

            // Only its creator (or an admin) stops it; a stranger is told so and it goes on.
            assertThat(say(a, MALLORY, "C1", "general", "stop " + third))
                    .isEqualTo(":no_entry: Only the creator of task #" + third + "'s series or an admin can stop it.");
            assertThat(say(a, ALICE, "C1", "general", "recurring")).contains("Send the weekly report")
                    .contains("every Monday at 09:00 (Europe/Berlin)");
            assertThat(SlackReply.of(a.requests.fromTeam("T2").command("recurring", "UOTHER", "C9", "t2",
                    slack.responseUrl("t2")), slack, "t2")).startsWith("No recurring tasks");
            assertThat(say(a, ALICE, "C1", "general", "stop " + third)).startsWith("Stopped the series of task #" + third);

            // October: a series in a private channel, across the end of summer time.
            clock.set(Instant.parse("2027-10-20T12:00:00Z"));
            assertThat(say(a, ALICE, "G1", "privategroup", "add Close the month every monday 9am")).contains("repeats");
            long autumn = tasks(a, db, first).size() + 1;
            assertThat(dues(db, autumn)).containsExactly(Instant.parse("2027-10-25T07:00:00Z")); // 09:00 CEST
            tickAt(clock, Instant.parse("2027-10-25T07:00:00Z"), a, b, db, autumn, 2);
            assertThat(dues(db, autumn)).containsExactly(Instant.parse("2027-10-25T07:00:00Z"),
                    Instant.parse("2027-11-01T08:00:00Z")); // 09:00 CET
            assertThat(dues(db, first)).as("the stopped series made nothing more").hasSize(3);
            assertThat(say(a, MALLORY, "C2", "random", "recurring")).startsWith("No recurring tasks");
            assertThat(say(a, MALLORY, "C2", "random", "stop " + autumn)).isEqualTo(":warning: There is no task #" + autumn + ".");
            assertThat(say(a, ALICE, "C2", "random", "recurring")).contains("Close the month")
                    .doesNotContain("Send the weekly report");
            Quiescence.await(a);
            Quiescence.await(b);
        }
    }

    /** Sets the clock, ticks every instance from two threads at once, and waits for occurrence {@code expect}. */
    private static void tickAt(TestClock clock, Instant at, RunningService a, RunningService b, Database db, long firstTask,
                               int expect) throws Exception {
        // Posts under way finish first: a jump of days would run out their two-minute outbox lease
        // while they are in flight, and the other instance would post them again. A real clock
        // never jumps past a lease during a delivery (the lease outlasts the HTTP timeout).
        Quiescence.await(a);
        Quiescence.await(b);
        clock.set(at);
        CompletableFuture<Integer> x = CompletableFuture.supplyAsync(() -> a.service.recurring().tick());
        CompletableFuture<Integer> y = CompletableFuture.supplyAsync(() -> b.service.recurring().tick());
        x.get();
        y.get();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (dues(db, firstTask).size() < expect && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Quiescence.await(a);
        Quiescence.await(b);
        assertThat(dues(db, firstTask)).hasSize(expect);
    }

    /** The due times of a series' occurrences, by number. */
    static List<Instant> dues(Database db, long firstTask) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT o.due_at FROM recurring_occurrences o JOIN recurring_series s"
                        + " ON s.id = o.series_id WHERE s.first_task = :t ORDER BY o.occurrence").bind("t", firstTask)
                .mapTo(Long.class).list()).stream().map(Instant::ofEpochMilli).toList();
    }

    static List<Task> tasks(RunningService svc, Database db, long firstTask) {
        List<Long> ids = db.jdbi().withHandle(h -> h.createQuery("SELECT o.task_id FROM recurring_occurrences o JOIN"
                + " recurring_series s ON s.id = o.series_id WHERE s.first_task = :t ORDER BY o.occurrence")
                .bind("t", firstTask).mapTo(Long.class).list());
        List<Task> out = new ArrayList<>();
        ids.forEach(id -> out.add(svc.service.tasks().get(id)));
        return out;
    }

    private String say(RunningService svc, String user, String channel, String channelName, String text) {
        String id = "r" + requests.incrementAndGet();
        HttpResponse<String> ack = svc.requests.command(text, user, channel, channelName, "trig-" + id,
                svc.slack.responseUrl(id));
        assertThat(ack.statusCode()).isEqualTo(200);
        return SlackReply.of(ack, svc.slack, id);
    }
}
