package io.taskbridge.platform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Group commit: the writes of concurrent requests share one transaction, and so one commit (one
 * fsync) for many. A caller queues its work; if no batch is being written it becomes the leader,
 * takes everything queued and runs it in one transaction on its own thread; otherwise it waits,
 * and the writes that arrive meanwhile form the next batch. {@link #write} returns only after the
 * transaction holding the caller's work has committed.
 *
 * <p>A failing item fails alone: the batch is rolled back, the item that threw is answered with its
 * exception, and the rest run again in a new transaction without it (work is plain database work,
 * so running it again after a rollback is the same as running it once). A failed commit fails
 * every item in that batch. Work must not start transactions of its own on other handles.
 *
 * <p>Every batch is written on one handle kept from batch to batch (the writer), so the statements
 * it prepares ({@link Sql.Prepared}) and the DAOs attached to it ({@link Daos}) are made once, not
 * once a batch: on a 64-connection Approve load the leader spent a twelfth of its time preparing
 * statements again. The writer holds one pooled connection. It is checked before a batch when it
 * has been idle for a while (as the pool checks a connection it hands out), replaced when a batch
 * finds its connection broken, and replaced every {@link #BATCHES_PER_WRITER} batches so that it
 * holds nothing for long.
 */
public final class GroupCommit implements Writes {
    /** A batch is at most this many writes; the rest wait for the next. */
    static final int MAX_BATCH = 256;
    /** The writer is closed and a new one opened after this many batches. */
    static final int BATCHES_PER_WRITER = 4096;
    /** A writer idle for longer is checked before its next batch (HikariCP's own window for this). */
    static final long IDLE_CHECK_NANOS = 500_000_000L;

    private final Jdbi jdbi;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settled = lock.newCondition();
    private final ArrayDeque<Item<?>> queue = new ArrayDeque<>();
    private boolean writing;
    /** The writer and its use: touched only by the thread writing a batch (handed on under the lock). */
    private Handle writer;
    private int batchesOnWriter;
    private long writerUsedAt;
    /** The batch's handle while this thread writes one: a write made from inside a write joins it. */
    private final ThreadLocal<Handle> writingOn = new ThreadLocal<>();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong items = new AtomicLong();

    public GroupCommit(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** How many transactions have committed, and how many writes they carried (for tests and metrics). */
    public record Counts(long transactions, long writes) {}

    public Counts counts() {
        return new Counts(transactions.get(), items.get());
    }

    /** Writes queued for the next batch (for tests). */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <R> R write(Function<Handle, R> work) {
        Handle joined = writingOn.get();
        if (joined != null) {
            return work.apply(joined); // called from work in a batch: waiting for the next batch would never end
        }
        Item<R> item = new Item<>(work);
        List<Item<?>> batch;
        lock.lock();
        try {
            queue.add(item);
            while (!item.settled) {
                if (!writing) {
                    writing = true;
                    batch = drain();
                    lock.unlock();
                    try {
                        run(batch);
                    } finally {
                        lock.lock();
                        writing = false;
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

    /** Writes the batch, leaving out any item that throws, until one transaction commits the rest. */
    private void run(List<Item<?>> batch) {
        List<Item<?>> left = new ArrayList<>(batch);
        boolean reopened = false;
        try {
            while (!left.isEmpty()) {
                Handle h = writer();
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
                    });
                } catch (ItemFailed failed) {
                    if (!reopened && !answers(h)) {
                        // The connection failed under the item, not the item: once, the batch goes
                        // again whole on a new writer.
                        reopened = true;
                        discardWriter();
                        continue;
                    }
                    left.remove(failed.item);
                    failed.item.fail(failed.getCause());
                    continue;
                } catch (RuntimeException | Error e) {
                    discardWriter(); // a failed begin or commit: the connection is in doubt
                    throw e;
                }
                writerUsedAt = System.nanoTime();
                transactions.incrementAndGet();
                items.addAndGet(left.size());
                left.forEach(Item::succeed);
                return;
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
    }

    /**
     * The writer for the next batch: the kept one, unless it has written its share of batches or,
     * idle for a while, no longer answers; else a new one from the pool.
     */
    private Handle writer() {
        if (writer != null && (batchesOnWriter >= BATCHES_PER_WRITER
                || System.nanoTime() - writerUsedAt > IDLE_CHECK_NANOS && !answers(writer))) {
            discardWriter();
        }
        if (writer == null) {
            writer = jdbi.open();
            batchesOnWriter = 0;
        }
        batchesOnWriter++;
        writerUsedAt = System.nanoTime();
        return writer;
    }

    /** False when the writer's connection no longer answers (asked after an idle spell, or after an item failed on it). */
    private static boolean answers(Handle h) {
        try {
            return h.getConnection().isValid(2);
        } catch (java.sql.SQLException | RuntimeException e) {
            return false;
        }
    }

    private void discardWriter() {
        Handle h = writer;
        writer = null;
        if (h != null) {
            try {
                h.close();
            } catch (RuntimeException e) {
                // its connection was already broken; the pool replaces it
            }
        }
    }

    /**
     * Closes the writer (its connection goes back to the pool), once the batch being written, if
     * any, has committed; a write after this opens a new one.
     */
    public void close() {
        lock.lock();
        try {
            while (writing) {
                settled.awaitUninterruptibly();
            }
            discardWriter();
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
        private R pending;
        private R value;
        private Throwable failure;
        volatile boolean settled;

        Item(Function<Handle, R> work) {
            this.work = work;
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
