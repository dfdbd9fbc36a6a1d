package io.taskbridge.command;

import io.taskbridge.approval.ApprovalGroup;
import io.taskbridge.approval.CompletionMode;
import io.taskbridge.approval.DueAction;
import io.taskbridge.task.Priority;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What a person asked for with {@code /task}: the grammar's output, before anything is looked up.
 * User ids are Slack ids ({@code U123}) taken from mentions; due dates are still the words the
 * person typed, resolved later in their own time zone by {@link DueDates}.
 */
public sealed interface Command {

    /** {@code /task add Review the Q3 report @alice due friday 5pm !high #finance remind 24h}. */
    record Add(
            String title,
            Optional<String> assignee,
            Optional<String> due,
            Optional<Priority> priority,
            List<String> tags,
            Optional<Duration> remind) implements Command {
        public Add {
            tags = List.copyOf(tags);
        }
    }

    /** {@code /task} alone, or {@code /task add} with no title: the creation modal. */
    record OpenForm() implements Command {}

    /**
     * {@code /task list}, {@code list @bob}, {@code list overdue}, {@code list #finance}; filters
     * combine. No assignee means "mine" (the caller's).
     */
    record ListTasks(Optional<String> assignee, Optional<String> tag, boolean overdueOnly) implements Command {}

    record Show(long taskId) implements Command {}

    record Start(long taskId) implements Command {}

    record Done(long taskId) implements Command {}

    record Cancel(long taskId) implements Command {}

    record Assign(long taskId, String assignee) implements Command {}

    /** {@code /task due 42 tomorrow 9am}; {@code /task due 42 none} clears the date. */
    record Due(long taskId, Optional<String> due) implements Command {}

    /**
     * {@code /task digest 9:00 Europe/Berlin}: the channel's daily list of overdue tasks at that
     * time (in the caller's own zone when none is named); {@code /task digest off} stops it.
     * {@code at} empty means off.
     */
    record Digest(Optional<LocalTime> at, Optional<ZoneId> zone) implements Command {
        public static Digest off() {
            return new Digest(Optional.empty(), Optional.empty());
        }

        public boolean isOff() {
            return at.isEmpty();
        }
    }

    record Help() implements Command {}

    /**
     * {@code /task review 42 @alice @bob} (one step, any one approves), {@code … @alice @bob all}
     * (everyone must), {@code … @a @b @c any 2} (a quorum), {@code … @alice then @bob @carol all}
     * (two steps); a step may name user groups and may end with {@code due <when>}, then
     * {@code then escalate @carol} or {@code then expire}.
     */
    record Review(long taskId, List<Step> steps) implements Command {
        public Review {
            steps = List.copyOf(steps);
        }

        /**
         * One step as typed: its approvers (Slack ids), user groups, how many must approve, its due
         * date's words and what happens when it passes.
         */
        public record Step(List<String> approvers, CompletionMode mode, Optional<String> due, List<ApprovalGroup> groups,
                           Optional<DueAction> onDue) {
            public Step {
                approvers = List.copyOf(approvers);
                groups = List.copyOf(groups);
            }

            /** People only, nothing happening at the due date. */
            public Step(List<String> approvers, CompletionMode mode, Optional<String> due) {
                this(approvers, mode, due, List.of(), Optional.empty());
            }
        }
    }

    /**
     * {@code /task delegate 42 @bob}: hand my place on the step that waits to Bob;
     * {@code /task delegate 42 @away @bob}: the creator or an admin replaces an approver who is away.
     */
    record Delegate(long taskId, Optional<String> from, String to) implements Command {}

    /** {@code /task approvals}: what waits for my answer. */
    record Approvals() implements Command {}

    /** {@code /task connect workiva|awork|taskapi|builtin}: where this channel's new tasks go. */
    record Connect(String connection) implements Command {}

    /**
     * {@code /task link @person <backend user id> [connection]}: who the person is in a task system
     * (the channel's connection unless named).
     */
    record Link(String userId, String remoteUserId, Optional<String> connection) implements Command {}

    /** {@code /task subscribe workiva [assignee:@x] [status:review] [title:"budget"]}. */
    record Subscribe(String connection, Optional<String> assignee, Optional<String> status, Optional<String> title)
            implements Command {}

    /** {@code /task unsubscribe workiva}. */
    record Unsubscribe(String connection) implements Command {}

    /** {@code /task subscriptions}: this channel's. */
    record Subscriptions() implements Command {}

    /** {@code /task history 42}, {@code /task history 42 page 2}: the task's audit trail, a page at a time. */
    record History(long taskId, int page) implements Command {
        public History {
            if (page < 1) {
                throw new IllegalArgumentException("pages count from 1");
            }
        }
    }

    /**
     * {@code /task add Send the weekly report every monday 9am}: a task that comes back. Its first
     * due date is {@code add}'s, or else the rule's first occurrence.
     */
    record AddRecurring(Add add, io.taskbridge.recurring.Recurrence every) implements Command {}

    /** {@code /task recurring}: the workspace's recurring series the caller may see. */
    record Recurring() implements Command {}

    /** {@code /task stop 42}: task 42's series makes no more occurrences (its creator or an admin). */
    record Stop(long taskId) implements Command {}
}
