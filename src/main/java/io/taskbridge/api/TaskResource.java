package io.taskbridge.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.taskbridge.task.SlackPlace;
import io.taskbridge.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A task as the API shows it (seed 001's field names): the id as a string, instants in ISO 8601 UTC
 * to the second ({@code 2025-06-01T17:00:00Z}), {@code warningOffset} in hours (fractions allowed),
 * absent optional fields as {@code null}. {@code channel} (our extension) appears only for tasks
 * that live in a Slack channel.
 */
@JsonPropertyOrder({"id", "title", "description", "status", "priority", "createdBy", "assigneeId", "dueDate",
        "warningOffset", "tags", "createdAt", "updatedAt", "channel"})
public record TaskResource(
        String id,
        String title,
        String description,
        String status,
        String priority,
        String createdBy,
        String assigneeId,
        String dueDate,
        Number warningOffset,
        List<String> tags,
        String createdAt,
        String updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String channel) {

    public static TaskResource of(Task t) {
        return new TaskResource(Long.toString(t.id()), t.title(), t.description().orElse(null), t.status().name(),
                t.priority().name(), t.createdBy(), t.assignee().orElse(null), t.dueDate().map(TaskResource::time).orElse(null),
                t.warning().map(TaskResource::hours).orElse(null), t.tags(), time(t.createdAt()), time(t.updatedAt()),
                t.slack().map(SlackPlace::channelId).orElse(null));
    }

    static String time(Instant i) {
        return DateTimeFormatter.ISO_INSTANT.format(i.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Whole hours as an integer (24), anything else as a decimal (1.5). */
    static Number hours(Duration d) {
        long seconds = d.getSeconds();
        return seconds % 3600 == 0 ? (Number) (seconds / 3600) : (Number) (seconds / 3600.0);
    }
}
