package io.taskbridge.task;

/** How urgent a task is (seed 001). MEDIUM when nobody says otherwise. */
public enum Priority {
    LOW,
    MEDIUM,
    HIGH,
    URGENT;

    public static final Priority DEFAULT = MEDIUM;
}
