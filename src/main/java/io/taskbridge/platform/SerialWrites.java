package io.taskbridge.platform;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * SQLite lets one transaction write at a time. Left to itself, every other writer waits inside
 * SQLite's busy handler, which sleeps in growing steps (1 ms … 100 ms) and so hands the lock over
 * late. This queues writers in Java instead, first come first served, so the next transaction
 * starts the moment the previous one commits. Reads outside transactions still run side by side
 * (WAL). Nested transactions join the outer one. Used for SQLite only: PostgreSQL locks rows.
 * Statements outside a transaction do not queue here: the outbox worker's claims and settlements
 * are such, and under load wait for the lock in SQLite's busy handler (see {@code OutboxWorker}).
 */
final class SerialWrites extends DelegatingTransactionHandler {
    private final ReentrantLock lock = new ReentrantLock(true);

    SerialWrites(TransactionHandler delegate) {
        super(delegate);
    }

    /** The lock every write transaction holds: its holder knows no transaction is writing. */
    Lock lock() {
        return lock;
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        if (isInTransaction(handle)) {
            return getDelegate().inTransaction(handle, callback);
        }
        lock.lock();
        try {
            return getDelegate().inTransaction(handle, callback);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level,
                                                    HandleCallback<R, X> callback) throws X {
        if (isInTransaction(handle)) {
            return getDelegate().inTransaction(handle, level, callback);
        }
        lock.lock();
        try {
            return getDelegate().inTransaction(handle, level, callback);
        } finally {
            lock.unlock();
        }
    }
}
