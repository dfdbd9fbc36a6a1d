package io.taskbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskbridge.platform.Database;
import io.taskbridge.testing.AutocommitWrites;
import io.taskbridge.testing.Databases;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The inbox on both stores: a repeated key is recorded once; two instances do each piece of work once. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IntakeTest {
    static final int ROWS = 200;

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void twoInstancesDoEachPieceOfWorkOnceAndARepeatedKeyIsRecordedOnce(Databases.Kind kind) throws Exception {
        try (Database db = Databases.open(kind)) {
            Map<String, AtomicInteger> done = new ConcurrentHashMap<>();
            Intake.Handler count = payload -> done.computeIfAbsent(payload, k -> new AtomicInteger()).incrementAndGet();
            Intake one = new Intake(db.jdbi(), db.writes(), Clock.systemUTC(), Duration.ofMillis(50), Duration.ofMinutes(1), 2);
            Intake two = new Intake(db.jdbi(), db.writes(), Clock.systemUTC(), Duration.ofMillis(50), Duration.ofMinutes(1), 2);
            one.on("probe", count);
            two.on("probe", count);
            for (int i = 0; i < ROWS; i++) {
                assertThat(one.accept("probe", "key-" + i, "work-" + i)).isTrue();
            }
            assertThat(two.accept("probe", "key-7", "again")).as("a repeat of a waiting key").isFalse();
            try (one; two) {
                one.start();
                two.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
                while (one.pending() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }
            assertThat(one.pending()).isZero();
            assertThat(done).hasSize(ROWS).doesNotContainKey("again")
                    .allSatisfy((work, n) -> assertThat(n.get()).as(work).isEqualTo(1));
            assertThat(one.completed() + two.completed()).isEqualTo(ROWS);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void workThatFailsIsTriedAgainUntilItIsDone(Databases.Kind kind) throws Exception {
        try (Database db = Databases.open(kind)) {
            AtomicInteger tries = new AtomicInteger();
            Intake intake = new Intake(db.jdbi(), db.writes(), Clock.systemUTC(), Duration.ofMillis(50), Duration.ofMinutes(1), 1);
            intake.on("flaky", payload -> {
                if (tries.incrementAndGet() < 2) {
                    throw new IllegalStateException("the task system is down");
                }
            });
            intake.accept("flaky", "k", "{}");
            runUntilDone(intake);
            assertThat(intake.pending()).isZero();
            assertThat(tries.get()).isEqualTo(2);
            assertThat(intake.completed()).isEqualTo(1);
        }
    }

    /**
     * The workers' writes (a claim, done, a retry, dead) join the group commit's batches as the
     * requests' do: none is a commit of its own, which on SQLite took the write lock past the
     * writers' queue and waited in SQLite's sleeping busy handler under load.
     */
    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void everyWriteOfTheWorkersJoinsTheGroupCommit(Databases.Kind kind) throws Exception {
        try (Database db = Databases.open(kind)) {
            Intake intake = new Intake(db.jdbi(), db.writes(), Clock.systemUTC(), Duration.ofMillis(50), Duration.ofMinutes(1), 2);
            Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
            intake.on("probe", payload -> {
                int n = tries.computeIfAbsent(payload, k -> new AtomicInteger()).incrementAndGet();
                if (payload.equals("doomed") || payload.equals("flaky") && n == 1) {
                    throw new IllegalStateException("the task system is down");
                }
            });
            for (String work : List.of("fine", "flaky", "doomed")) {
                assertThat(intake.accept("probe", work, work)).isTrue();
            }
            // One try left for the doomed work: its failure makes it dead.
            db.jdbi().useHandle(h -> h.execute("UPDATE inbox SET attempts = ? WHERE dedupe_key = 'doomed'", Intake.MAX_ATTEMPTS - 1));
            List<String> outside = AutocommitWrites.watch(db);
            runUntilDone(intake);
            assertThat(intake.pending()).isZero();
            assertThat(intake.completed()).as("fine, and flaky on its second try").isEqualTo(2);
            String doomed = db.jdbi().withHandle(h -> h.createQuery("SELECT state FROM inbox WHERE dedupe_key = 'doomed'")
                    .mapTo(String.class).one());
            assertThat(doomed).isEqualTo("dead");
            assertThat(outside).as("writes outside the group commit").isEmpty();
        }
    }

    /**
     * At start one worker looks for work left from before, not every worker at once (they held
     * every pooled connection while the first health check waited); finding some, it wakes the
     * others, which share it long before the poll would have brought them.
     */
    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void oneWorkerLooksAtStartAndWakesTheOthersForWorkLeftFromBefore(Databases.Kind kind) throws Exception {
        try (Database db = Databases.open(kind)) {
            AtomicInteger looks = new AtomicInteger();
            db.jdbi().setSqlLogger(new org.jdbi.v3.core.statement.SqlLogger() {
                @Override
                public void logBeforeExecution(org.jdbi.v3.core.statement.StatementContext context) {
                    if (context.getRenderedSql().contains("FROM inbox WHERE state = 'pending'")) {
                        looks.incrementAndGet();
                    }
                }
            });
            Duration poll = Duration.ofSeconds(30);
            try (Intake idle = new Intake(db.jdbi(), db.writes(), Clock.systemUTC(), poll, Duration.ofMinutes(1), 4)) {
                idle.on("probe", payload -> { });
                idle.start();
                Thread.sleep(500);
            }
            assertThat(looks.get()).as("looks for work at the start of four workers").isEqualTo(1);

            Intake busy = new Intake(db.jdbi(), db.writes(), Clock.systemUTC(), poll, Duration.ofMinutes(1), 4);
            Map<String, Boolean> workers = new ConcurrentHashMap<>();
            busy.on("slow", payload -> {
                workers.put(Thread.currentThread().getName(), true);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            for (int i = 0; i < 40; i++) {
                busy.accept("slow", "left-" + i, "{}");
            }
            runUntilDone(busy);
            assertThat(busy.pending()).as("done well within the 30 s poll").isZero();
            assertThat(workers).as("workers that shared the work left from before").hasSizeGreaterThan(1);
        }
    }

    /** Starts {@code intake}, waits (up to 20 s) until nothing is pending, and closes it. */
    private static void runUntilDone(Intake intake) throws InterruptedException {
        try (intake) {
            intake.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (intake.pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
    }
}
