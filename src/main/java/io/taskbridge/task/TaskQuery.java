package io.taskbridge.task;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** A filter over tasks. Empty fields do not filter. */
public record TaskQuery(
        Set<Status> statuses,
        Optional<String> assignee,
        Optional<String> createdBy,
        Optional<Priority> priority,
        Optional<String> tag,
        Optional<Instant> dueAfter,
        Optional<Instant> dueBefore,
        Optional<String> search,
        Optional<String> channel,
        Sort sort,
        int limit,
        int offset) {

    public static final int MAX_LIMIT = 100;

    public TaskQuery {
        statuses = Set.copyOf(statuses);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }

    /** Newest first, ten at a time, no filter: seed 001's defaults. */
    public static TaskQuery all() {
        return new TaskQuery(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                new Sort(SortField.CREATED_AT, false), 10, 0);
    }

    public TaskQuery open() {
        return withStatuses(Set.of(Status.TODO, Status.IN_PROGRESS, Status.REVIEW));
    }

    public TaskQuery withStatuses(Set<Status> s) {
        return new TaskQuery(s, assignee, createdBy, priority, tag, dueAfter, dueBefore, search, channel, sort, limit, offset);
    }

    public TaskQuery withAssignee(Optional<String> a) {
        return new TaskQuery(statuses, a, createdBy, priority, tag, dueAfter, dueBefore, search, channel, sort, limit, offset);
    }

    public TaskQuery withCreatedBy(Optional<String> c) {
        return new TaskQuery(statuses, assignee, c, priority, tag, dueAfter, dueBefore, search, channel, sort, limit, offset);
    }

    public TaskQuery withPriority(Optional<Priority> p) {
        return new TaskQuery(statuses, assignee, createdBy, p, tag, dueAfter, dueBefore, search, channel, sort, limit, offset);
    }

    public TaskQuery withTag(Optional<String> t) {
        return new TaskQuery(statuses, assignee, createdBy, priority, t, dueAfter, dueBefore, search, channel, sort, limit, offset);
    }

    public TaskQuery withDueAfter(Optional<Instant> d) {
        return new TaskQuery(statuses, assignee, createdBy, priority, tag, d, dueBefore, search, channel, sort, limit, offset);
    }

    public TaskQuery withDueBefore(Optional<Instant> d) {
        return new TaskQuery(statuses, assignee, createdBy, priority, tag, dueAfter, d, search, channel, sort, limit, offset);
    }

    public TaskQuery withSearch(Optional<String> s) {
        return new TaskQuery(statuses, assignee, createdBy, priority, tag, dueAfter, dueBefore, s, channel, sort, limit, offset);
    }

    public TaskQuery withChannel(Optional<String> c) {
        return new TaskQuery(statuses, assignee, createdBy, priority, tag, dueAfter, dueBefore, search, c, sort, limit, offset);
    }

    public TaskQuery sortedBy(Sort s) {
        return new TaskQuery(statuses, assignee, createdBy, priority, tag, dueAfter, dueBefore, search, channel, s, limit, offset);
    }

    public TaskQuery page(int newLimit, int newOffset) {
        return new TaskQuery(statuses, assignee, createdBy, priority, tag, dueAfter, dueBefore, search, channel, sort, newLimit, newOffset);
    }

    public enum SortField { CREATED_AT, UPDATED_AT, DUE_DATE, PRIORITY, TITLE, STATUS }

    public record Sort(SortField field, boolean ascending) {}
}
