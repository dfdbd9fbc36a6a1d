package io.taskbridge.task;

import java.util.Locale;

/**
 * Why a reminder fires. The first four are about the task as a whole and go to its thread and its
 * assignee; {@link #SNOOZE} and {@link #APPROVAL} are personal and go to one person by DM.
 */
public enum ReminderKind {
    /** {@code warningOffset} before the due date. */
    WARNING,
    /** At the due date. */
    DUE,
    /** Once, a while after the due date; after that the channel's daily digest lists the task. */
    OVERDUE,
    /** Someone pressed Snooze: reminds them again later. */
    SNOOZE,
    /** An approval step's due date, to a participant who has not answered yet (planned by approvals). */
    APPROVAL,
    /** A day before an approval step's due date, to a participant who has not answered yet. */
    APPROVAL_DAY_BEFORE,
    /** An hour before an approval step's due date, to a participant who has not answered yet. */
    APPROVAL_HOUR_BEFORE;

    /** The name stored in {@code reminders.kind}. */
    public String stored() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReminderKind ofStored(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }

    /** Reminders that go to one person only, as a DM. */
    public boolean personal() {
        return this == SNOOZE || this == APPROVAL || this == APPROVAL_DAY_BEFORE || this == APPROVAL_HOUR_BEFORE;
    }
}
