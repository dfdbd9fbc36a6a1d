package io.taskbridge.task;

import java.util.Map;

/**
 * Why a task operation was refused. Each message is written for the person who asked: it says
 * what is wrong and, where it can, what to do instead. Nothing is written when one is thrown.
 */
public abstract sealed class TaskProblem extends RuntimeException
        permits TaskProblem.NotFound, TaskProblem.Invalid, TaskProblem.TransitionRefused, TaskProblem.Busy,
                TaskProblem.LivesInSlack, TaskProblem.AwaitingApproval {

    private TaskProblem(String message) {
        super(message, null, false, false);
    }

    /** No task has that id. */
    public static final class NotFound extends TaskProblem {
        private final long taskId;

        public NotFound(long taskId) {
            super("There is no task #" + taskId + ".");
            this.taskId = taskId;
        }

        public long taskId() {
            return taskId;
        }
    }

    /** One or more fields break the rules; {@code fields} maps seed-001 field names to messages. */
    public static final class Invalid extends TaskProblem {
        private final Map<String, String> fields;

        public Invalid(Map<String, String> fields) {
            super(String.join(" ", fields.values()));
            this.fields = Map.copyOf(fields);
        }

        public Map<String, String> fields() {
            return fields;
        }
    }

    /** The lifecycle does not allow the change from the task's current status. */
    public static final class TransitionRefused extends TaskProblem {
        private final Status from;
        private final Status to;

        public TransitionRefused(long taskId, Status from, Status to) {
            super(explain(taskId, from, to));
            this.from = from;
            this.to = to;
        }

        public Status from() {
            return from;
        }

        public Status to() {
            return to;
        }

        private static String explain(long taskId, Status from, Status to) {
            if (from == Status.CANCELED) {
                return "Task #" + taskId + " was canceled, so it can't be " + verb(to)
                        + ". Create a new task if the work is back on.";
            }
            String allowed = from.next().stream().map(Status::label).reduce((a, b) -> a + ", " + b).orElse("nothing");
            return "Task #" + taskId + " is " + from.label() + ", so it can't be " + verb(to)
                    + " (from " + from.label() + " it can go to: " + allowed + ").";
        }

        private static String verb(Status to) {
            return switch (to) {
                case TODO -> "reopened";
                case IN_PROGRESS -> "started";
                case REVIEW -> "sent to review";
                case DONE -> "marked done";
                case CANCELED -> "canceled";
            };
        }
    }

    /** Others kept changing the task at the same moment; asking again will work. */
    public static final class Busy extends TaskProblem {
        public Busy(long taskId) {
            super("Task #" + taskId + " is being changed by someone else right now. Try again in a moment.");
        }
    }

    /**
     * The task has a message in a Slack channel, so deleting it would leave that message pointing at
     * nothing; canceling it keeps the message truthful.
     */
    public static final class LivesInSlack extends TaskProblem {
        public LivesInSlack(long taskId) {
            super("Task #" + taskId + " has a message in Slack, so it can't be deleted: cancel it instead"
                    + " (status CANCELED), and the message will show that.");
        }
    }

    /** Approvers are deciding: finishing the task is theirs to do, not anyone else's. */
    public static final class AwaitingApproval extends TaskProblem {
        public AwaitingApproval(long taskId) {
            super("Task #" + taskId + " is waiting for approval: it is done when its approvers approve it"
                    + " (`/task show " + taskId + "` shows who it waits for).");
        }
    }
}
