package io.taskbridge.recurring;

import io.taskbridge.platform.WorkspaceId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A recurring series: its rule (anchored: its time, weekdays or day of the month are fixed), the
 * creator and their time zone, the number of the latest occurrence, the task that is, when the next
 * occurrence is made (the current one's due time), and whether it still runs.
 */
public record Series(long id, WorkspaceId workspace, Recurrence rule, ZoneId zone, String createdBy, String title,
                     int occurrence, long currentTask, Instant nextAt, boolean active) {
    public Series {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(nextAt, "nextAt");
    }
}
