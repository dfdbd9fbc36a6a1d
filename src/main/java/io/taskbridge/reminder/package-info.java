/**
 * Reminders as rows: the planner that turns task and approval events into reminder rows, the
 * ReminderJob Quartz runs (claims due rows, queues outbox messages), digests, approval nudges,
 * snoozing and quiet hours. May import {@code task}, {@code approval}, {@code outbox},
 * {@code platform}; never Slack, Javalin, {@code api} or a connector (ArchitectureTest).
 */
package io.taskbridge.reminder;
