package io.taskbridge.task;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A filter over tasks. Empty fields do not filter. {@code tags} keeps the tasks that carry every one
 * of them (all-of, case-insensitive); {@code hasDueDate} keeps tasks with (true) or without (false) one.
 */
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
        int offset,
        Set<String> tags,
        Optional<Boolean> hasDueDate) {

    public static final int MAX_LIMIT = 100;

    public TaskQuery {
        statuses = Set.copyOf(statuses);
        tags = Set.copyOf(tags);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }

    /** The filter without the tag set and due-date presence (both then filter nothing). */
    public TaskQuery(Set<Status> statuses, Optional<String> assignee, Optional<String> createdBy,
                     Optional<Priority> priority, Optional<String> tag, Optional<Instant> dueAfter,
                     Optional<Instant> dueBefore, Optional<String> search, Optional<String> channel, Sort sort,
                     int limit, int offset) {
        this(statuses, assignee, createdBy, priority, tag, dueAfter, dueBefore, search, channel, sort, limit, offset,
                Set.of(), Optional.empty());
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
        return new TaskQuery(s, assignee, createdBy, priority, tag, dueAfter, dueBefore, search, channel, sort, limit, offset, tags, hasDueDate);
    }

    public TaskQuery withAssignee(Optional<String> a) {
        return new TaskQuery(statuses, a, createdBy, priority, tag, dueAfter, dueBefore, search, channel, sort, limit, offset, tags, hasDueDate);
    }

    public TaskQuery withCreatedBy(Optional<String> c) {
        return new TaskQuery(statuses, assignee, c, priority, tag, dueAfter, dueBefore, search, channel, sort, limit, offset, tags, hasDueDate);
    }

    public TaskQuery withPriority(Optional<Priority> p) {
        return new TaskQuery(statuses, assignee, createdBy, p, tag, dueAfter, dueBefore, search, channel, sort, limit, offset, tags, hasDueDate);
    }

    public TaskQuery withTag(Optional<String> t) {
        return new TaskQuery(statuses, assignee, createdBy, priority, t, dueAfter, dueBefore, search, channel, sort, limit, offset, tags, hasDueDate);
    }

    public TaskQuery withDueAfter(Optional<Instant> d) {
        return new TaskQuery(statuses, assignee, createdBy, priority, tag, d, dueBefore, search, channel, sort, limit, offset, tags, hasDueDate);
    }

    public TaskQuery withDueBefore(Optional<Instant> d) {
        return new TaskQuery(statuses, assignee, createdBy, priority, tag, dueAfter, d, search, channel, sort, limit, offset, tags, hasDueDate);
    }

    public TaskQuery withSearch(Optional<String> s) {
        return new TaskQuery(statuses, assignee, createdBy, priority, tag, dueAfter, dueBefore, s, channel, sort, limit, offset, tags, hasDueDate);
    }

    public TaskQuery withChannel(Optional<String> c) {
        return new TaskQuery(statuses, assignee, createdBy, priority, tag, dueAfter, dueBefore, search, c, sort, limit, offset, tags, hasDueDate);
    }

    public TaskQuery sortedBy(Sort s) {
        return new TaskQuery(statuses, assignee, createdBy, priority, tag, dueAfter, dueBefore, search, channel, s, limit, offset, tags, hasDueDate);
    }

    public TaskQuery page(int newLimit, int newOffset) {
        return new TaskQuery(statuses, assignee, createdBy, priority, tag, dueAfter, dueBefore, search, channel, sort, newLimit, newOffset, tags, hasDueDate);
    }

    public TaskQuery withTags(Set<String> all) {
        return new TaskQuery(statuses, assignee, createdBy, priority, tag, dueAfter, dueBefore, search, channel, sort, limit, offset, all, hasDueDate);
    }

    public TaskQuery withHasDueDate(Optional<Boolean> has) {
        return new TaskQuery(statuses, assignee, createdBy, priority, tag, dueAfter, dueBefore, search, channel, sort, limit, offset, tags, has);
    }

    public enum SortField { CREATED_AT, UPDATED_AT, DUE_DATE, PRIORITY, TITLE, STATUS }

    public record Sort(SortField field, boolean ascending) {}
}
