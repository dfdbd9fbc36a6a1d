package io.taskbridge.platform;

import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Where a request's write goes: {@code write} returns once the work's transaction has committed
 * (its effect is durable), or throws what the work threw, having written nothing of it.
 */
@FunctionalInterface
public interface Writes {
    <R> R write(Function<Handle, R> work);

    /**
     * {@link #write}, for work that makes one new row of {@code table}, its id from {@link NewIds#take}:
     * a group commit on PostgreSQL reserves the ids of a whole batch's new rows in one round trip.
     */
    default <R> R writeNew(String table, Function<Handle, R> work) {
        return write(work);
    }

    /** One transaction per write: for tests and for work that must not share a transaction. */
    static Writes plain(Jdbi jdbi) {
        return new Writes() {
            @Override
            public <R> R write(Function<Handle, R> work) {
                return jdbi.inTransaction(work::apply);
            }
        };
    }
}
