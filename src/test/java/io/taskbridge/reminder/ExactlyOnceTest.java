package io.taskbridge.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Database;
import io.taskbridge.reminder.ReminderDao;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskDraft;
import io.taskbridge.testing.Databases;
import io.taskbridge.testing.FakeSlack;
import io.taskbridge.testing.Quiescence;
import io.taskbridge.testing.RunningService;
import io.taskbridge.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each reminder is posted exactly once: when the service is stopped in the middle of a burst and
 * started again on the same database, and when two instances share one PostgreSQL.
 */
class ExactlyOnceTest {
    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    static final Map<String, String> FAST = Map.of("TASKBRIDGE_REMINDER_INTERVAL", "0.2", "TASKBRIDGE_OUTBOX_POLL_MS", "100");

    @Test
    void aRestartInTheMiddleOfABurstNeitherLosesNorRepeatsAReminder() {
        TestClock clock = new TestClock(START);
        String url = Databases.sqliteUrl();
        try (FakeSlack slack = new FakeSlack(); Database db = Database.open(url, null, null)) {
            RunningService first = new RunningService(url, FAST, slack, clock);
            List<Task> tasks = create(first, 120, 60, true);
            Map<Long, String> ts = awaitPosted(first, tasks, Duration.ofSeconds(30));

            clock.advance(Duration.ofHours(1).plusSeconds(1));
            awaitCount(() -> reminderPosts(slack).size(), 40, Duration.ofSeconds(30));
            first.close(); // mid-burst: some reminders posted, others still waiting in the outbox
            int before = reminderPosts(slack).size();
            assertThat(before).isLessThan(240);

            try (RunningService second = new RunningService(url, FAST, slack, clock)) {
                awaitCount(() -> reminderPosts(slack).size(), 240, Duration.ofSeconds(60));
                Quiescence.await(second); // anything sent twice has shown up by now
                assertExactlyOnce(slack, tasks, ts, true);
            }
            assertThat(db.jdbi().withExtension(ReminderDao.class, ReminderDao::count))
                    .as("only the overdue reminders wait").isEqualTo(120);
        }
    }

    @Test
    void twoInstancesOnOnePostgresPostEachOfAThousandRemindersOnce() throws Exception {
        TestClock clock = new TestClock(START);
        String url = Databases.postgresUrl();
        try (FakeSlack slack = new FakeSlack();
             RunningService a = new RunningService(url, FAST, slack, clock);
             RunningService b = new RunningService(url, FAST, slack, clock)) {
            List<Task> tasks = create(a, 1000, 250, false);
            Map<Long, String> ts = awaitPosted(b, tasks, Duration.ofSeconds(90));

            clock.advance(Duration.ofHours(1).plusSeconds(1));
            awaitCount(() -> reminderPosts(slack).size(), 1000, Duration.ofSeconds(90));
            Quiescence.await(a);
            Quiescence.await(b);
            assertExactlyOnce(slack, tasks, ts, false);
        }
    }

    /** {@code n} tasks due in an hour, spread over {@code channels} channels, each with its own assignee if asked. */
    static List<Task> create(RunningService svc, int n, int channels, boolean assignees) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Task>> made = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                made.add(pool.submit(() -> svc.service.tasks().create(
                        TaskDraft.titled("Reminder " + k).withDueDate(Optional.of(START.plus(Duration.ofHours(1))))
                                .withAssignee(assignees ? Optional.of("UA" + k) : Optional.empty()),
                        "UBOB", Optional.of(SlackPlace.channel("T1", "CH" + (k % channels))), Optional.empty()).task()));
            }
            List<Task> tasks = new ArrayList<>();
            for (Future<Task> f : made) {
                tasks.add(f.get());
            }
            return tasks;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    static Map<Long, String> awaitPosted(RunningService svc, List<Task> tasks, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<Long, String> ts = new java.util.HashMap<>();
        while (System.nanoTime() < deadline) {
            for (Task t : tasks) {
                if (!ts.containsKey(t.id())) {
                    svc.service.tasks().get(t.id()).slack().flatMap(SlackPlace::messageTs).ifPresent(v -> ts.put(t.id(), v));
                }
            }
            if (ts.size() == tasks.size()) {
                return ts;
            }
            sleep(200);
        }
        throw new AssertionError("only " + ts.size() + " of " + tasks.size() + " task messages were posted");
    }

    /** Accepted posts that are reminders: thread replies, and DMs. */
    static List<FakeSlack.Call> reminderPosts(FakeSlack slack) {
        return slack.posted().stream()
                .filter(c -> c.param("thread_ts") != null || c.param("channel").startsWith("D"))
                .toList();
    }

    static void assertExactlyOnce(FakeSlack slack, List<Task> tasks, Map<Long, String> ts, boolean dms) {
        Map<String, Long> repliesPerThread = reminderPosts(slack).stream().filter(c -> c.param("thread_ts") != null)
                .collect(Collectors.groupingBy(c -> c.param("channel") + "/" + c.param("thread_ts"), Collectors.counting()));
        Map<String, Long> expected = tasks.stream().collect(Collectors.toMap(
                t -> t.slack().orElseThrow().channelId() + "/" + ts.get(t.id()), t -> 1L));
        assertThat(repliesPerThread).isEqualTo(expected);
        Map<String, Long> dmsPerUser = reminderPosts(slack).stream().filter(c -> c.param("channel").startsWith("D"))
                .collect(Collectors.groupingBy(c -> c.param("channel"), Collectors.counting()));
        if (dms) {
            assertThat(dmsPerUser).hasSize(tasks.size()).allSatisfy((user, count) -> assertThat(count).isEqualTo(1L));
        } else {
            assertThat(dmsPerUser).isEmpty();
        }
    }

    static void awaitCount(java.util.function.IntSupplier count, int atLeast, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (count.getAsInt() < atLeast && System.nanoTime() < deadline) {
            sleep(50);
        }
        assertThat(count.getAsInt()).isGreaterThanOrEqualTo(atLeast);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
