package io.taskbridge.platform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Group commit: the writes of concurrent requests share one transaction, and so one commit (one
 * fsync) for many. A caller queues its work; if a lane is free it becomes that lane's leader, takes
 * everything queued and runs it in one transaction on its own thread; otherwise it waits, and the
 * writes that arrive meanwhile form the next batch. {@link #write} returns only after the
 * transaction holding the caller's work has committed. SQLite has one lane (one writer at a time
 * is all it allows); PostgreSQL several, so one batch's round trips to the server do not hold up
 * the next.
 *
 * <p>A failing item fails alone: the batch is rolled back, the item that threw is answered with its
 * exception, and the rest run again in a new transaction without it (work is plain database work,
 * so running it again after a rollback is the same as running it once). A batch the database
 * rolled back to end a deadlock (between lanes, or with another transaction) runs again whole, up
 * to {@link #CONFLICT_RETRIES} times. A failed commit fails every item in that batch. Work must not
 * start transactions of its own on other handles.
 *
 * <p>On PostgreSQL the writers defer rows ({@link Sql.Run#defer}): the plain inserts of a whole
 * batch (a task's tags, reminders, audit row and Slack post) go to the server together before the
 * commit, one round trip per statement instead of one per row. When the database refuses a
 * deferred row, which item made it is not known, so the batch runs again with every row written at
 * once; the item at fault then fails alone, as above. The ids of the batch's new tasks are reserved
 * together ({@link NewIds}), so their rows are deferred too. SQLite's statements are calls into a
 * library in this process, with no round trip to save, so there each row is written when it is made.
 *
 * <p>Each lane writes on a handle kept from batch to batch (a writer), so the statements it
 * prepares ({@link PreparedStatements}) and the DAOs attached to it ({@link Daos}) are made once, not
 * once a batch: on a 64-connection Approve load the leader spent a twelfth of its time preparing
 * statements again. A writer holds one pooled connection. It is checked before a batch when it
 * has been idle for a while (as the pool checks a connection it hands out), replaced when a batch
 * finds its connection broken, and replaced every {@link #BATCHES_PER_WRITER} batches so that it
 * holds nothing for long.
 */
public final class GroupCommit implements Writes {
    /** A batch is at most this many writes; the rest wait for the next. */
    static final int MAX_BATCH = 256;
    /** A writer is closed and a new one opened after this many batches. */
    static final int BATCHES_PER_WRITER = 4096;
    /** A writer idle for longer is checked before its next batch (HikariCP's own window for this). */
    static final long IDLE_CHECK_NANOS = 500_000_000L;
    /** How often a batch is written again after the database chose it as a deadlock's victim. */
    static final int CONFLICT_RETRIES = 3;

    private final Jdbi jdbi;
    private final int lanes;
    private final boolean deferRows;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settled = lock.newCondition();
    private final ArrayDeque<Item<?>> queue = new ArrayDeque<>();
    /** Batches being written now, at most {@link #lanes}. */
    private int writing;
    /** Writers not writing a batch now, the last used first. */
    private final ArrayDeque<Writer> idle = new ArrayDeque<>();
    /** The batch's handle while this thread writes one: a write made from inside a write joins it. */
    private final ThreadLocal<Handle> writingOn = new ThreadLocal<>();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong items = new AtomicLong();

    /**
     * @param lanes how many batches may be written at once, each in its own transaction on its own
     *     writer: 1 where the database has one writer (SQLite), more where transactions run side by
     *     side (PostgreSQL), so a batch's round trips to the server do not hold up the next one.
     * @param deferRows whether the writers defer rows to the commit ({@link Sql.Run#defer}): where
     *     each statement is a round trip to a server (PostgreSQL)
     */
    public GroupCommit(Jdbi jdbi, int lanes, boolean deferRows) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be at least 1, not " + lanes);
        }
        this.jdbi = jdbi;
        this.lanes = lanes;
        this.deferRows = deferRows;
    }

    /** How many transactions have committed, and how many writes they carried (for tests and metrics). */
    public record Counts(long transactions, long writes) {}

    public Counts counts() {
        return new Counts(transactions.get(), items.get());
    }

    /** How many batches may be written at once (for tests). */
    public int lanes() {
        return lanes;
    }

    /** Writes queued for the next batch (for tests). */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <R> R write(Function<Handle, R> work) {
        return write(work, Optional.empty());
    }

    @Override
    public <R> R writeNew(String table, Function<Handle, R> work) {
        return write(work, Optional.of(table));
    }

    private <R> R write(Function<Handle, R> work, Optional<String> newRowOf) {
        Handle joined = writingOn.get();
        if (joined != null) {
            return work.apply(joined); // called from work in a batch: waiting for the next batch would never end
        }
        Item<R> item = new Item<>(work, newRowOf);
        lock.lock();
        try {
            queue.add(item);
            while (!item.settled) {
                if (writing < lanes && !queue.isEmpty()) {
                    // a free lane: this thread writes what is queued (its own write among it, or
                    // already taken by another lane) and then looks again
                    writing++;
                    List<Item<?>> batch = drain();
                    Writer writer = idle.pollFirst();
                    lock.unlock();
                    try {
                        writer = run(batch, writer);
                    } finally {
                        lock.lock();
                        writing--;
                        if (writer != null) {
                            idle.addFirst(writer);
                        }
                        settled.signalAll();
                    }
                } else {
                    settled.awaitUninterruptibly();
                }
            }
        } finally {
            lock.unlock();
        }
        return item.result();
    }

    private List<Item<?>> drain() {
        List<Item<?>> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
        while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
            batch.add(queue.poll());
        }
        return batch;
    }

    /**
     * Writes the batch, leaving out any item that throws, until one transaction commits the rest;
     * returns the writer to keep for later batches (null when it was discarded).
     */
    private Writer run(List<Item<?>> batch, Writer kept) {
        List<Item<?>> left = new ArrayList<>(batch);
        Writer writer = kept;
        boolean reopened = false;
        boolean deferring = deferRows;
        int conflicts = 0;
        int tries = 0;
        try {
            while (!left.isEmpty()) {
                if (writer != null && writer.spent()) {
                    writer = writer.discard();
                }
                if (writer == null) {
                    writer = new Writer(jdbi.open()); // a failure here fails the batch, the lane holding no writer
                }
                writer.batches++;
                writer.usedAt = System.nanoTime();
                Handle h = writer.handle;
                DeferredRows rows = DeferredRows.deferOn(h, deferring);
                NewIds.expect(h, deferring ? newRows(left) : Map.of(), tries++ == 0);
                try {
                    h.useTransaction(tx -> {
                        writingOn.set(tx);
                        try {
                            for (Item<?> item : left) {
                                try {
                                    item.apply(tx);
                                } catch (RuntimeException | Error e) {
                                    throw new ItemFailed(item, e);
                                }
                            }
                        } finally {
                            writingOn.remove();
                        }
                        rows.flush(); // the batch's deferred rows, before its commit
                    });
                } catch (ItemFailed | DeferredWriteFailed rolledBack) {
                    // an item failed, or the deferred rows did as the commit wrote them
                    rows.discard();
                    Throwable cause = rolledBack instanceof ItemFailed f ? f.getCause() : rolledBack;
                    if (conflicts < CONFLICT_RETRIES && lostToAnother(cause)) {
                        // a deadlock between lanes (or with another transaction): the database rolled
                        // this batch back to let the other go on; nothing in it was wrong
                        conflicts++;
                        continue;
                    }
                    if (deferring && DeferredWriteFailed.in(cause)) {
                        // a row deferred by any write of the batch, maybe not the item's own: the
                        // batch goes again with every row written at once, which names the one
                        deferring = false;
                        continue;
                    }
                    if (!(rolledBack instanceof ItemFailed failed)) {
                        throw rolledBack; // rows refused while none was deferred: cannot happen
                    }
                    if (!reopened && !answers(h)) {
                        // The connection failed under the item, not the item: once, the batch goes
                        // again whole on a new writer.
                        reopened = true;
                        writer = writer.discard();
                        continue;
                    }
                    left.remove(failed.item);
                    failed.item.fail(failed.getCause());
                    continue;
                } catch (RuntimeException | Error e) {
                    rows.discard();
                    writer = writer.discard(); // a failed begin or commit: the connection is in doubt
                    throw e;
                }
                writer.usedAt = System.nanoTime();
                transactions.incrementAndGet();
                items.addAndGet(left.size());
                left.forEach(Item::succeed);
                return writer;
            }
        } catch (RuntimeException | Error e) {
            for (Iterator<Item<?>> it = left.iterator(); it.hasNext(); ) {
                it.next().fail(e);
            }
        } finally {
            for (Item<?> item : batch) {
                if (!item.settled) {
                    item.fail(new IllegalStateException("the batch holding this write ended without an answer"));
                }
            }
        }
        return writer;
    }

    /** How many new rows the items make, by table (their ids are reserved together: {@link NewIds}). */
    private static Map<String, Integer> newRows(List<Item<?>> items) {
        Map<String, Integer> rows = new HashMap<>();
        items.forEach(item -> item.newRowOf.ifPresent(table -> rows.merge(table, 1, Integer::sum)));
        return rows;
    }

    /** False when a connection no longer answers (asked after an idle spell, or after an item failed on it). */
    private static boolean answers(Handle h) {
        try {
            return h.getConnection().isValid(2);
        } catch (java.sql.SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * True when the database rolled the transaction back for another's sake (a deadlock's victim,
     * or a serialization failure): written again, it succeeds.
     */
    private static boolean lostToAnother(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException e
                    && ("40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A handle kept from batch to batch, so the statements it prepares ({@link PreparedStatements}) and
     * the DAOs attached to it ({@link Daos}) are made once; used by one lane at a time.
     */
    private static final class Writer {
        final Handle handle;
        int batches;
        long usedAt;

        private Writer(Handle handle) {
            this.handle = handle;
        }

        /**
         * True when the writer should not write the next batch: it has written its share of batches
         * or, idle for a while, no longer answers. A new one is then opened from the pool.
         */
        boolean spent() {
            return batches >= BATCHES_PER_WRITER
                    || System.nanoTime() - usedAt > IDLE_CHECK_NANOS && !answers(handle);
        }

        /** Closes the handle (its connection back to the pool); null, the writer a lane then has. */
        Writer discard() {
            try {
                handle.close();
            } catch (RuntimeException e) {
                // its connection was already broken; the pool replaces it
            }
            return null;
        }
    }

    /**
     * Closes the writers (their connections go back to the pool), once the batches being written,
     * if any, have committed; a write after this opens a new one.
     */
    public void close() {
        lock.lock();
        try {
            while (writing > 0) {
                settled.awaitUninterruptibly();
            }
            for (Writer w = idle.pollFirst(); w != null; w = idle.pollFirst()) {
                w.discard();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Carries an item's failure out of the transaction, which it rolls back on its way. */
    private static final class ItemFailed extends RuntimeException {
        final transient Item<?> item;

        ItemFailed(Item<?> item, Throwable cause) {
            super(cause.getMessage(), cause, false, false);
            this.item = item;
        }
    }

    /** One caller's work; {@code settled} is written under the lock's happens-before (see {@link #write}). */
    private static final class Item<R> {
        private final Function<Handle, R> work;
        /** The table the work makes a new row of, if it said so ({@link Writes#writeNew}). */
        final Optional<String> newRowOf;
        private R pending;
        private R value;
        private Throwable failure;
        volatile boolean settled;

        Item(Function<Handle, R> work, Optional<String> newRowOf) {
            this.work = work;
            this.newRowOf = newRowOf;
        }

        void apply(Handle h) {
            pending = work.apply(h);
        }

        void succeed() {
            value = pending;
            settled = true;
        }

        void fail(Throwable cause) {
            failure = cause;
            settled = true;
        }

        R result() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return value;
        }
    }
}
