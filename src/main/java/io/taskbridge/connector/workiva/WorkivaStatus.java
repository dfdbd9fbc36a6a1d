package io.taskbridge.connector.workiva;

import io.taskbridge.task.Status;
import java.util.Locale;

/**
 * Workiva's task statuses on seed 001's lifecycle, and back as actions.
 *
 * <table>
 * <caption>Workiva to Taskbridge</caption>
 * <tr><td>Created, Staged</td><td>TODO</td><td>nobody works on it yet (Staged: it waits for earlier
 * process steps, so it is not in review either)</td></tr>
 * <tr><td>Started, Returned, Reworking</td><td>IN_PROGRESS</td><td>someone works on it; Returned and
 * Reworking are a rejected task back with its assignee, as our REJECT sends REVIEW to IN_PROGRESS</td></tr>
 * <tr><td>Awaiting Approval</td><td>REVIEW</td><td>waits for approvers</td></tr>
 * <tr><td>Approved, Completed</td><td>DONE</td><td>finished, with or without approval</td></tr>
 * <tr><td>Cancelled</td><td>CANCELED</td><td></td></tr>
 * </table>
 *
 * An unknown status (Workiva may add some) reads as IN_PROGRESS: open, so nobody is told it is done.
 *
 * <p>Workiva's API changes status through actions, so Taskbridge's targets become: DONE and REVIEW
 * → {@code SUBMIT} (Workiva completes a task without approval steps, or sends it to its approvers),
 * CANCELED → {@code CANCEL}, TODO and IN_PROGRESS → {@code RESTART}.
 */
public final class WorkivaStatus {
    private WorkivaStatus() {}

    public static Status toStatus(String workiva) {
        return switch (workiva == null ? "" : workiva.strip().toLowerCase(Locale.ROOT)) {
            case "created", "staged" -> Status.TODO;
            case "started", "returned", "reworking" -> Status.IN_PROGRESS;
            case "awaiting approval" -> Status.REVIEW;
            case "approved", "completed" -> Status.DONE;
            case "cancelled", "canceled" -> Status.CANCELED;
            default -> Status.IN_PROGRESS;
        };
    }

    public static String action(Status target) {
        return switch (target) {
            case DONE, REVIEW -> "SUBMIT";
            case CANCELED -> "CANCEL";
            case TODO, IN_PROGRESS -> "RESTART";
        };
    }
}
