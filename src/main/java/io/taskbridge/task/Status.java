package io.taskbridge.task;

import java.util.EnumSet;
import java.util.Set;

/**
 * The task lifecycle of seed 001. {@link #canMoveTo} is the strict lifecycle every entry point
 * enforces; {@link #canQuickComplete} is the one shortcut Slack's Done button and {@code /task done}
 * take (see {@link TaskService#complete}).
 */
public enum Status {
    TODO,
    IN_PROGRESS,
    REVIEW,
    DONE,
    CANCELED;

    public static final Status DEFAULT = TODO;

    public Set<Status> next() {
        return switch (this) {
            case TODO -> EnumSet.of(IN_PROGRESS, CANCELED);
            case IN_PROGRESS -> EnumSet.of(REVIEW, CANCELED);
            case REVIEW -> EnumSet.of(DONE, IN_PROGRESS, CANCELED);
            case DONE -> EnumSet.of(CANCELED);
            case CANCELED -> EnumSet.noneOf(Status.class);
        };
    }

    public boolean canMoveTo(Status target) {
        return next().contains(target);
    }

    /** Open tasks may be marked done in one step from chat: TODO, IN_PROGRESS and REVIEW. */
    public boolean canQuickComplete() {
        return isOpen();
    }

    public boolean isOpen() {
        return this == TODO || this == IN_PROGRESS || this == REVIEW;
    }

    /** "in progress" for people; the enum name for machines. */
    public String label() {
        return name().toLowerCase().replace('_', ' ');
    }
}
