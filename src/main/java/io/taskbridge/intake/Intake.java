package io.taskbridge.intake;

import io.taskbridge.platform.Writes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acknowledged work, kept in the {@code inbox} table until it is done. {@link #accept} records a
 * piece of work under its natural key (a repeat of the key while the work waits is recognised and
 * not recorded again) and returns once the row is committed: only then may the request be
 * answered. Worker threads claim rows with a lease (so one instance does each, and a crashed
 * instance's rows go again when the lease runs out), run the kind's {@link Handler}, and mark the
 * row done (its payload emptied). A done row is kept for {@link #REMEMBERED} so that a repeat of its
 * key that comes after the work finished (Slack retries an event whose ack it missed; a person sends
 * the same trigger again) is still recognised and not done twice; then it is swept. A handler that throws is tried again with back-off; after {@link #MAX_ATTEMPTS} the
 * row is kept as dead and logged. Handlers must tolerate running twice (a crash between the work
 * and the row's deletion): every one of ours does its effect under an idempotency key.
 *
 * <p>Every write here (the record, a claim, done, a retry, dead) goes through {@link Writes}, the group
 * commit the requests' writes share: on SQLite a statement of its own took the write lock past
 * that queue, synced the log once more, and waited in SQLite's sleeping busy handler under load.
 */
public final class Intake implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Intake.class);
    static final int MAX_ATTEMPTS = 5;
    /** How long a done row's key is remembered: longer than Slack retries an event (minutes). */
    static final Duration REMEMBERED = Duration.ofHours(1);
    private static final String COLUMNS = "id, kind, payload, attempts, lease_until";

    /** Does one piece of work of its kind; throwing means "try again later". */
    @FunctionalInterface
    public interface Handler {
        void handle(String payload);
    }

    private final Jdbi jdbi;
    private final Writes writes;
    private final Clock clock;
    private final Duration poll;
    private final Duration lease;
    private final int threads;
    private final Map<String, Handler> handlers = new LinkedHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private final AtomicLong done = new AtomicLong();
    private long wakes;
    private volatile boolean running;
    private final List<Thread> workers = new ArrayList<>();

    /**
     * {@code threads} workers, each looking for work when woken (a commit of ours) or every
     * {@code poll} (rows another instance recorded, or whose lease ran out); a claim lasts {@code lease}.
     */
    public Intake(Jdbi jdbi, Writes writes, Clock clock, Duration poll, Duration lease, int threads) {
        this.jdbi = jdbi;
        this.writes = writes;
        this.clock = clock;
        this.poll = poll;
        this.lease = lease;
        this.threads = threads;
    }

    /** Registers the handler of {@code kind}; before {@link #start} only. */
    public Intake on(String kind, Handler handler) {
        if (running) {
            throw new IllegalStateException("register handlers before the intake starts");
        }
        handlers.put(kind, handler);
        return this;
    }

    /**
     * Records work of {@code kind} under {@code key}; returns once it is durable. False when work
     * under that key is already waiting (a repeated request): nothing new is recorded.
     */
    public boolean accept(String kind, String key, String payload) {
        return writes.write(h -> accept(h, kind, key, payload));
    }

    /** The same, inside the caller's transaction; the workers are woken once it commits. */
    public boolean accept(Handle h, String kind, String key, String payload) {
        long now = clock.millis();
        h.afterCommit(this::wake);
        return h.createUpdate("INSERT INTO inbox (kind, dedupe_key, payload, next_attempt_at, created_at)"
                        + " VALUES (:kind, :key, :payload, :now, :now) ON CONFLICT (dedupe_key) DO NOTHING")
                .bind("kind", kind).bind("key", key).bind("payload", payload).bind("now", now)
                .execute() == 1;
    }

    /** Rows waiting or under way (for tests and operators). */
    public int pending() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM inbox WHERE state = 'pending'")
                .mapTo(Integer.class).one());
    }

    /**
     * True when no acknowledged work waits or runs: a row stays {@code pending} while a worker runs
     * it and is marked done only once its work is done, so none pending means none running either.
     * (Dead rows are given up on; they are logged, not waited for.)
     */
    public boolean atRest() {
        return pending() == 0;
    }

    /** How many pieces of work this instance has completed. */
    public long completed() {
        return done.get();
    }

    /**
     * Starts the workers. The first looks at once for work left from before (a crash, a restart) and,
     * finding some, wakes the others to share it; the others wait for a wake or the poll. All of them
     * looking at once held every pooled connection in the first moment after the port opened, and
     * the first request (a health check) waited 65-160 ms for one.
     */
    public void start() {
        running = true;
        long seen = wakesSoFar();
        for (int i = 1; i <= threads; i++) {
            boolean first = i == 1;
            Thread t = new Thread(() -> loop(first ? -1 : seen, first), "intake-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    private long wakesSoFar() {
        lock.lock();
        try {
            return wakes;
        } finally {
            lock.unlock();
        }
    }

    public void wake() {
        lock.lock();
        try {
            wakes++;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for a wake or the poll, then claims and completes work while there is some. {@code seen}:
     * the wakes this worker has answered (-1: none, so it looks at once); {@code recovers}: see
     * {@link #start}.
     */
    private void loop(long seen, boolean recovers) {
        while (running) {
            lock.lock();
            try {
                if (running && wakes == seen) {
                    signal.await(poll.toMillis(), TimeUnit.MILLISECONDS);
                }
                seen = wakes;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            try {
                boolean found = running && runOne();
                if (found && recovers) {
                    wake(); // work left from before: the others help
                }
                recovers = false;
                while (found && running) {
                    found = runOne(); // keep going while there is work
                }
            } catch (RuntimeException e) {
                log.error("intake worker failed a pass; retrying after the poll interval", e);
            }
        }
    }

    /** Claims one due row of a kind handled here and completes it; false when there was none. Visible for tests. */
    boolean runOne() {
        if (handlers.isEmpty()) {
            return false;
        }
        Optional<InboxRow> claimed = claim();
        if (claimed.isEmpty()) {
            return false;
        }
        InboxRow row = claimed.get();
        try {
            handlers.get(row.kind()).handle(row.payload());
            long now = clock.millis();
            writes.write(h -> {
                h.execute("UPDATE inbox SET state = 'done', payload = '', lease_until = 0, next_attempt_at = ? WHERE id = ?",
                        now, row.id());
                return h.execute("DELETE FROM inbox WHERE state = 'done' AND next_attempt_at < ?", now - REMEMBERED.toMillis());
            });
            done.incrementAndGet();
        } catch (RuntimeException e) {
            int attempt = row.attempts() + 1;
            if (attempt >= MAX_ATTEMPTS) {
                log.warn("inbox row {} ({}) is dead after {} attempts: {}", row.id(), row.kind(), attempt, e.toString());
                writes.write(h -> h.execute("UPDATE inbox SET state = 'dead', lease_until = 0, last_error = ? WHERE id = ?",
                        e.toString(), row.id()));
            } else {
                long delay = backoff(attempt);
                log.info("inbox row {} ({}) failed attempt {} ({}); next in {} ms", row.id(), row.kind(), attempt, e, delay);
                long at = clock.millis() + delay;
                writes.write(h -> h.execute("UPDATE inbox SET lease_until = 0, next_attempt_at = ?, last_error = ? WHERE id = ?",
                        at, e.toString(), row.id()));
            }
        }
        return true;
    }

    /**
     * The first due row this worker wins. The due rows are read on a handle closed before the
     * claims: a claim waits in the group commit's queue, and four workers each holding a pooled
     * connection meanwhile would leave SQLite's pool (five, one the writer's) none for requests.
     */
    private Optional<InboxRow> claim() {
        long now = clock.millis();
        List<InboxRow> due = jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM inbox WHERE state = 'pending'"
                        + " AND next_attempt_at <= :now AND lease_until < :now AND kind IN (<kinds>)"
                        + " ORDER BY id LIMIT 8")
                .bind("now", now).bindList("kinds", List.copyOf(handlers.keySet()))
                .map((rs, ctx) -> new InboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5)))
                .list());
        for (InboxRow row : due) {
            int won = writes.write(tx -> tx.createUpdate("UPDATE inbox SET lease_until = :until, attempts = attempts + 1"
                            + " WHERE id = :id AND lease_until = :seen AND state = 'pending'")
                    .bind("until", now + lease.toMillis()).bind("id", row.id()).bind("seen", row.leaseUntil())
                    .execute());
            if (won == 1) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    /** 1 s, 2 s, 4 s … with jitter: a task system or Slack that is down gets a breather. */
    private static long backoff(int attempt) {
        long base = 1_000L << Math.min(attempt - 1, 10);
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    /** Lets the work under way finish (up to ten seconds); what waits stays in the table for the next start. */
    @Override
    public void close() {
        running = false;
        wake();
        for (Thread t : workers) {
            try {
                t.join(10_000);
                if (t.isAlive()) {
                    t.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
