package io.taskbridge.connector.awork;

import io.taskbridge.task.Status;
import java.util.Locale;
import java.util.Optional;

/**
 * awork's statuses are per project (or per user for private tasks), each with a {@code type}; the
 * type is what maps onto seed 001's lifecycle:
 *
 * <table>
 * <caption>awork status type to Taskbridge</caption>
 * <tr><td>todo</td><td>TODO</td></tr>
 * <tr><td>progress, stuck</td><td>IN_PROGRESS (stuck is still open work)</td></tr>
 * <tr><td>review</td><td>REVIEW</td></tr>
 * <tr><td>done</td><td>DONE</td></tr>
 * </table>
 *
 * An unknown type reads as IN_PROGRESS. awork has no cancelled status: CANCELED can't be sent
 * there (the reply says to close or delete the task in awork), and awork never reports it.
 */
public final class AworkStatus {
    private AworkStatus() {}

    public static Status toStatus(String type) {
        return switch (type == null ? "" : type.strip().toLowerCase(Locale.ROOT)) {
            case "todo" -> Status.TODO;
            case "review" -> Status.REVIEW;
            case "done" -> Status.DONE;
            default -> Status.IN_PROGRESS;
        };
    }

    /** The status type to look for when moving a task to {@code target}; empty for CANCELED. */
    public static Optional<String> type(Status target) {
        return switch (target) {
            case TODO -> Optional.of("todo");
            case IN_PROGRESS -> Optional.of("progress");
            case REVIEW -> Optional.of("review");
            case DONE -> Optional.of("done");
            case CANCELED -> Optional.empty();
        };
    }
}
