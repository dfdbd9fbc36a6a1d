package io.taskbridge.outbox;

import io.taskbridge.platform.Daos;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox rows: claims due rows with a lease, hands each to the {@link Delivery}, then
 * deletes it, schedules a retry (Retry-After, or exponential back-off with jitter), or marks it
 * dead after the last attempt. Runs on one thread of its own; woken as soon as a change commits,
 * and polls as a fallback, so rows written by another instance are delivered too.
 *
 * <p>Its claims and settlements are statements of their own (autocommit), outside the requests'
 * group commit, on purpose. On SQLite, under a load that keeps the group commit writing, they wait
 * in SQLite's busy handler and the worker delivers a few rows a second until the load eases: the
 * requests come first. Put through the group commit instead, the worker delivered 10-15 times as
 * much during an Approve load against a fake Slack with no rate limits, and the clicks recorded a
 * second fell by a tenth to a quarter (bench/RESULTS.md, the nineteenth session); real Slack would
 * hold those deliveries to its own limits either way.
 */
public final class OutboxWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    static final int MAX_ATTEMPTS = 12;
    /** How long a claim lasts unless configured (TASKBRIDGE_OUTBOX_LEASE_SECONDS). */
    static final Duration LEASE = Duration.ofMinutes(2);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    /** Rows a pass takes at most. */
    static final int BATCH = 50;
    /** Paused channels a pass leaves out by name at most; beyond them a paused channel's row is skipped as it comes. */
    static final int MAX_PAUSED_IN_QUERY = 500;
    private static final OutboxRow.Mapper ROWS = new OutboxRow.Mapper();
    private static final String CLAIM = "UPDATE outbox SET lease_until = :until, attempts = attempts + 1"
            + " WHERE id = :id AND lease_until = :seen AND state = 'pending'";
    /** The reason a {@link Delivery.Outcome.WaitFor} gives for Slack's 429: it also closes the row's channel. */
    public static final String RATE_LIMITED = "rate limited by Slack";

    private final Jdbi jdbi;
    private final OutboxCodec codec;
    private final Delivery delivery;
    private final Clock clock;
    private final Duration pollInterval;
    private final Optional<Pacer> pacer;
    private final Duration lease;
    private final Lane lane;
    private final String dueSql;
    /** The pass's rows, leaving out the channels that are at their pace ({@code <paused>}). */
    private final String dueSqlSkipping;
    /**
     * Channels at their pace, each until its next slot (service clock millis). Only the worker's
     * own thread writes it (in {@link #drainOnce}); {@link #wake(Outbox.Pending)} reads it.
     */
    private final Map<String, Long> paused = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean woken;
    /** The earliest due time of a row a commit made for later (a settling App Home), under {@link #lock}. */
    private long wakeAt = Long.MAX_VALUE;
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile boolean busy;
    private Thread thread;

    public OutboxWorker(Jdbi jdbi, OutboxCodec codec, Delivery delivery, Clock clock, Duration pollInterval) {
        this(jdbi, codec, delivery, clock, pollInterval, Optional.empty(), LEASE);
    }

    /**
     * With a {@code pacer}, rows for a channel that is at its pace wait (not counted as attempts).
     * A claimed row is this worker's for {@code lease}; if the worker dies, the row goes again after it.
     */
    public OutboxWorker(Jdbi jdbi, OutboxCodec codec, Delivery delivery, Clock clock, Duration pollInterval,
                        Optional<Pacer> pacer, Duration lease) {
        this(jdbi, codec, delivery, clock, pollInterval, pacer, lease, Lane.all());
    }

    /** A worker for one {@link Lane} of the outbox; run one per lane. */
    public OutboxWorker(Jdbi jdbi, OutboxCodec codec, Delivery delivery, Clock clock, Duration pollInterval,
                        Optional<Pacer> pacer, Duration lease, Lane lane) {
        this.lane = lane;
        this.dueSql = lane.dueSql(OutboxDao.COLUMNS);
        this.dueSqlSkipping = lane.dueSql(OutboxDao.COLUMNS, "channel IS NULL OR channel NOT IN (<paused>)");
        this.pacer = pacer;
        this.lease = lease;
        this.jdbi = jdbi;
        this.codec = codec;
        this.delivery = delivery;
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    public void start() {
        running = true;
        thread = new Thread(this::loop, "outbox-" + lane.name());
        thread.setDaemon(true);
        thread.start();
    }

    /** True between passes with no row pending: nothing to deliver and nothing under way (tests wait for it). */
    public boolean atRest() {
        return !busy && jdbi.withExtension(OutboxDao.class, OutboxDao::pending) == 0;
    }

    /**
     * Hears of a row a commit made, and passes only when it needs one: a row of another lane is not
     * this worker's; a row due later is looked for when it is due; a row for a channel at its pace
     * goes in the pass its slot brings. Every commit that wrote a row used to wake every lane for a
     * pass of its own (a query over every due row), so a burst for one paced channel cost each lane
     * a pass per commit while the backlog grew.
     */
    public void wake(Outbox.Pending row) {
        if (!lane.kinds().take(row.kind())) {
            return;
        }
        long now = clock.millis();
        if (row.dueAt() > now) {
            lock.lock();
            try {
                if (row.dueAt() < wakeAt) {
                    wakeAt = row.dueAt();
                    signal.signal(); // sleeps less, if its sleep ends later
                }
            } finally {
                lock.unlock();
            }
            return;
        }
        Long slot = row.channel().map(paused::get).orElse(null);
        if (slot != null && slot > now) {
            return;
        }
        wake();
    }

    /** Asks the worker to look for due rows now rather than at its next poll. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            signal.signal();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        // The first pass comes at the first poll (or wake), not at once: at start it would only
        // compete with the first requests for the CPU, and rows left from before can wait a poll.
        awaitSignal();
        while (running) {
            busy = true;
            try {
                while (running && drainOnce() > 0) {
                    // keep going while there is work
                }
            } catch (RuntimeException e) {
                log.error("outbox worker failed a pass; retrying after the poll interval", e);
            } finally {
                busy = false;
            }
            awaitSignal();
        }
    }

    /** Sleeps until woken, or until the poll, a paused channel's slot or a row due later comes. */
    private void awaitSignal() {
        lock.lock();
        try {
            long poll = pollInterval.toNanos();
            while (!woken && running) {
                long left = Math.min(poll, TimeUnit.MILLISECONDS.toNanos(sleepMillis()));
                if (left <= 0) {
                    break;
                }
                long unslept = signal.awaitNanos(left);
                if (unslept <= 0) {
                    break; // the poll, a slot or a due time has come
                }
                poll -= left - unslept; // signalled: a row due sooner, or woken
            }
            woken = false;
            if (wakeAt <= clock.millis()) {
                wakeAt = Long.MAX_VALUE; // the pass that follows finds those rows
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Claims and delivers one batch of due rows; returns how many it claimed. Visible for tests.
     * One handle serves the whole batch: opening a handle and attaching the DAO cost more than
     * the statements, and this runs once per commit that wrote a row (the connection is not in a
     * transaction while a delivery talks to Slack, so it holds no lock).
     *
     * <p>A channel at its pace is asked first, before any claim, and then left out of the passes
     * until its next slot, in memory: nothing is written for it. Each of its rows used to cost a
     * claim and a release of its own, pass after pass, for as long as its backlog lasted, while the
     * requests' group commits waited for the write lock.
     */
    int drainOnce() {
        long now = clock.millis();
        paused.values().removeIf(until -> until <= now);
        List<String> skipped = paused.keySet().stream().limit(MAX_PAUSED_IN_QUERY).toList();
        return jdbi.withHandle(h -> {
            List<OutboxRow> due = (skipped.isEmpty() ? h.createQuery(dueSql)
                    : h.createQuery(dueSqlSkipping).bindList("paused", skipped))
                    .bind("now", now).bind("limit", BATCH).map(ROWS).list();
            if (due.isEmpty()) {
                return 0;
            }
            OutboxDao dao = Daos.on(h, OutboxDao.class);
            int claimed = 0;
            for (OutboxRow row : due) {
                if (stopping) {
                    break;
                }
                Duration wait = pace(row);
                if (!wait.isZero()) {
                    paused.put(row.channel().orElseThrow(), clock.millis() + wait.toMillis());
                    continue;
                }
                long until = clock.millis() + lease.toMillis();
                if (h.createUpdate(CLAIM).bind("id", row.id()).bind("seen", row.leaseUntil()).bind("until", until)
                        .execute() == 1) {
                    claimed++;
                    deliver(dao, row);
                }
            }
            return claimed;
        });
    }

    /**
     * How long until a paused channel's slot or a later row's due time, whichever is first (about
     * forever if none: {@link TimeUnit#toNanos} saturates, and the poll bounds the sleep).
     */
    private long sleepMillis() {
        long until = wakeAt;
        for (long slot : paused.values()) {
            until = Math.min(until, slot);
        }
        return until - clock.millis();
    }

    private Duration pace(OutboxRow row) {
        return pacer.isPresent() && row.channel().isPresent() ? pacer.get().reserve(row.channel().get()) : Duration.ZERO;
    }

    private void deliver(OutboxDao dao, OutboxRow row) {
        Delivery.Outcome outcome;
        try {
            // row.attempts() is the count read before this claim: the tries that came before it.
            outcome = delivery.deliver(new Delivery.Attempt(row.id(), row.attempts(), Instant.ofEpochMilli(row.createdAt()),
                    codec.read(row.kind(), row.payload()), row.workspace()));
        } catch (RuntimeException e) {
            log.error("outbox row {} ({}) failed with an exception", row.id(), row.kind(), e);
            outcome = new Delivery.Outcome.Failed(e.getClass().getSimpleName(), true);
        }
        settle(dao, row, row.attempts() + 1, outcome);
    }

    private void settle(OutboxDao dao, OutboxRow row, int attempt, Delivery.Outcome outcome) {
        if (outcome instanceof Delivery.Outcome.Delivered) {
            if (dao.delete(row.id(), row.version()) == 0) {
                dao.release(row.id());
            }
        } else if (outcome instanceof Delivery.Outcome.WaitFor wait) {
            log.info("outbox row {} ({}) waits {}s: {}", row.id(), row.kind(), wait.delay().toSeconds(), wait.reason());
            if (RATE_LIMITED.equals(wait.reason()) && row.channel().isPresent()) {
                pacer.ifPresent(p -> p.close(row.channel().get(), wait.delay()));
            }
            dao.waitUntil(row.id(), clock.millis() + wait.delay().toMillis(), wait.reason());
        } else if (outcome instanceof Delivery.Outcome.Failed failed) {
            if (!failed.retryable() || attempt >= MAX_ATTEMPTS) {
                log.warn("outbox row {} ({}) is dead after {} attempt(s): {}", row.id(), row.kind(), attempt, failed.reason());
                dao.bury(row.id(), failed.reason());
            } else {
                Duration delay = backoff(attempt);
                log.info("outbox row {} ({}) failed attempt {} ({}); next in {}s", row.id(), row.kind(), attempt,
                        failed.reason(), delay.toSeconds());
                dao.retryAt(row.id(), clock.millis() + delay.toMillis(), failed.reason());
            }
        }
    }

    /** 2s, 4s, 8s … capped at 10 minutes, each with up to 50% random jitter so retries spread out. */
    static Duration backoff(int attempt) {
        long base = FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, MAX_BACKOFF.toMillis());
        long jitter = ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(capped / 2 + jitter);
    }

    /**
     * Stops after the delivery under way, if any, has been settled: interrupting a Slack call that
     * Slack may already have carried out would leave the row to be sent again. Only a delivery
     * still running after 15 seconds is interrupted.
     */
    @Override
    public void close() {
        stopping = true;
        running = false;
        if (thread != null) {
            if (busy) {
                log.info("outbox worker stops after the delivery under way");
            }
            wake();
            try {
                thread.join(15_000);
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
