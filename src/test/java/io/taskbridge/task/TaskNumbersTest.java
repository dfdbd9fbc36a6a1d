package io.taskbridge.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Database;
import io.taskbridge.platform.GroupCommit;
import io.taskbridge.platform.PreparedStatements;
import io.taskbridge.testing.Databases;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tasks created together (one group commit's batch, on a real SQLite file and a real PostgreSQL)
 * are numbered in the order they were asked for, keep their tags, and honour their idempotency keys.
 * On PostgreSQL the batch takes its tasks' ids in one round trip and defers their rows with the
 * rest, so no task is inserted with a round trip of its own ({@code RETURNING id}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskNumbersTest {
    private static final Clock CLOCK = Clock.fixed(TaskStoreTest.NOW, ZoneOffset.UTC);

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void tasksOfOneBatchAreNumberedInOrderWithOneReservationOnPostgreSql(Databases.Kind kind) throws Exception {
        try (Database db = Databases.open(kind)) {
            Statements seen = Statements.on(db);
            TaskService tasks = new TaskService(db.jdbi(), db.writes(), CLOCK, (e, tx) -> { });
            Task earlier = tasks.create(TaskDraft.titled("Earlier"), "U_BOB", Optional.empty(), Optional.empty()).task();
            seen.reset();

            List<Function<ExecutorService, Future<?>>> queued = new ArrayList<>();
            // first in the batch, a tag row for a task that exists: its statement holds rows before the
            // new tasks' statement does, and must still be written after it
            queued.add(pool -> pool.submit(() -> db.writes().write(h -> {
                TaskInsert.insertTags(h, earlier.id(), List.of("late"));
                return null;
            })));
            for (int i = 1; i <= 6; i++) {
                TaskDraft draft = TaskDraft.titled("Task " + i).withTags(List.of("a" + i, "b"));
                String key = "key-" + i;
                queued.add(pool -> pool.submit(() -> tasks.create(draft, "U_BOB", Optional.empty(), Optional.of(key))));
            }
            List<Future<?>> results = inOneBatch(db.writes(), queued);

            List<Long> ids = new ArrayList<>();
            for (Future<?> f : results.subList(1, results.size())) {
                TaskService.Created created = (TaskService.Created) f.get();
                assertThat(created.created()).isTrue();
                ids.add(created.task().id());
                assertThat(tasks.get(created.task().id())).as("read back").isEqualTo(created.task());
            }
            results.get(0).get();
            assertThat(ids).as("numbered one after another, in the order asked")
                    .containsExactly(earlier.id() + 1, earlier.id() + 2, earlier.id() + 3, earlier.id() + 4,
                            earlier.id() + 5, earlier.id() + 6);
            assertThat(tasks.get(ids.get(2)).tags()).containsExactly("a3", "b");
            assertThat(tasks.get(earlier.id()).tags()).containsExactly("late");
            boolean postgres = kind == Databases.Kind.POSTGRES;
            assertThat(seen.reservations.get()).as("ids reserved for the batch").isEqualTo(postgres ? 1 : 0);
            assertThat(seen.returning.get()).as("tasks inserted with a round trip each").isEqualTo(postgres ? 0 : 6);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aKeySeenBeforeOrTwiceInOneBatchGivesBackTheFirstTask(Databases.Kind kind) throws Exception {
        try (Database db = Databases.open(kind)) {
            TaskService tasks = new TaskService(db.jdbi(), db.writes(), CLOCK, (e, tx) -> { });
            Task earlier = tasks.create(TaskDraft.titled("Earlier"), "U_BOB", Optional.empty(), Optional.of("seen")).task();
            List<Function<ExecutorService, Future<?>>> queued = new ArrayList<>();
            for (String key : List.of("one", "seen", "two", "one")) {
                TaskDraft draft = TaskDraft.titled("For " + key).withTags(List.of(key));
                queued.add(pool -> pool.submit(() -> tasks.create(draft, "U_ALICE", Optional.empty(), Optional.of(key))));
            }
            List<TaskService.Created> made = new ArrayList<>();
            for (Future<?> f : inOneBatch(db.writes(), queued)) {
                made.add((TaskService.Created) f.get());
            }
            assertThat(made).extracting(TaskService.Created::created).containsExactly(true, false, true, false);
            assertThat(made.get(1).task()).isEqualTo(earlier);
            assertThat(made.get(3).task()).as("the first 'one' of the batch").isEqualTo(made.get(0).task());
            assertThat(made.get(2).task().id()).isGreaterThan(made.get(0).task().id());
            for (TaskService.Created c : made) {
                assertThat(tasks.get(c.task().id())).isEqualTo(c.task());
            }
            long stored = db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM tasks").mapTo(Long.class).one());
            assertThat(stored).as("Earlier, 'one' and 'two'").isEqualTo(3);
        }
    }

    /**
     * Holds every lane of {@code writes}, submits the writes in order (each queued before the next),
     * then lets them go together as one batch; their futures, in order.
     */
    private static List<Future<?>> inOneBatch(GroupCommit writes, List<Function<ExecutorService, Future<?>>> submits)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(writes.lanes() + submits.size());
        try {
            CountDownLatch release = new CountDownLatch(1);
            List<Future<?>> held = new ArrayList<>();
            for (int lane = 0; lane < writes.lanes(); lane++) {
                CountDownLatch holding = new CountDownLatch(1);
                held.add(pool.submit(() -> writes.write(h -> {
                    holding.countDown();
                    return awaited(release);
                })));
                assertThat(holding.await(10, TimeUnit.SECONDS)).as("lane %d held", lane).isTrue();
            }
            long before = writes.counts().transactions();
            List<Future<?>> futures = new ArrayList<>();
            for (Function<ExecutorService, Future<?>> submit : submits) {
                int ahead = writes.queued();
                futures.add(submit.apply(pool));
                while (writes.queued() == ahead) {
                    Thread.onSpinWait();
                }
            }
            release.countDown();
            List<Future<?>> all = new ArrayList<>(held);
            all.addAll(futures);
            for (Future<?> f : all) {
                try {
                    f.get(20, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    throw new AssertionError(e);
                }
            }
            assertThat(writes.counts().transactions() - before).as("the held writes, then one batch")
                    .isEqualTo(writes.lanes() + 1);
            return futures;
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean awaited(CountDownLatch latch) {
        try {
            return latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Counts the statements the writers run that matter here. */
    private record Statements(AtomicInteger reservations, AtomicInteger returning) {
        static Statements on(Database db) {
            Statements seen = new Statements(new AtomicInteger(), new AtomicInteger());
            db.jdbi().getConfig(PreparedStatements.class).observe(sql -> {
                if (sql.startsWith("SELECT nextval(")) {
                    seen.reservations.incrementAndGet();
                } else if (sql.equals(TaskInsert.INSERT)) {
                    seen.returning.incrementAndGet();
                }
            });
            return seen;
        }

        void reset() {
            reservations.set(0);
            returning.set(0);
        }
    }
}
