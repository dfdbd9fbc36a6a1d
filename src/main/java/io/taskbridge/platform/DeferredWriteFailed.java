package io.taskbridge.platform;

import java.sql.SQLException;

/**
 * A deferred row ({@link DeferredRows}) the database refused when it was written with the rows of
 * other writes of its transaction: which write it came from is not known here (a group commit
 * writes the batch again with every row at once, which tells).
 */
public final class DeferredWriteFailed extends RuntimeException {
    DeferredWriteFailed(String message, SQLException cause) {
        super(message, cause);
    }

    /** True when {@code failure} is, or was caused by, a deferred row's failure. */
    public static boolean in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DeferredWriteFailed) {
                return true;
            }
        }
        return false;
    }
}
