package io.taskbridge;

import io.taskbridge.reminder.Digests;
import io.taskbridge.reminder.ReminderJob;
import io.taskbridge.reminder.ReminderPlanner;
import io.taskbridge.reminder.ReminderSchedule;
import java.time.Clock;

/**
 * Reminders: channel digests, the planner that turns task and approval events into reminder rows,
 * and the job that hands due ones to the outbox, on a Quartz schedule once the service is open.
 */
record ReminderModule(Digests digests, ReminderPlanner planner, ReminderJob job) {

    static ReminderModule wire(Config config, Clock clock, StoreModule store) {
        Digests digests = new Digests(store.db().jdbi(), clock);
        ReminderPlanner planner = new ReminderPlanner(store.db().jdbi(), clock, digests);
        ReminderJob job = new ReminderJob(store.db().jdbi(), store.db().dialect(), store.outbox(), clock,
                config.reminders().broadcast());
        return new ReminderModule(digests, planner, job);
    }

    /** The same module whose tick also acts on approval steps past their due date. */
    ReminderModule actingOnApprovals(io.taskbridge.approval.ApprovalService approvals) {
        return new ReminderModule(digests, planner, job.actingOnApprovals(approvals));
    }

    AutoCloseable schedule(Config config, StoreModule store) {
        return ReminderSchedule.start(job, config.reminders().interval(), store.scheduleStore(config));
    }
}
