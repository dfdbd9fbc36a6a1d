package io.taskbridge.sync;

import io.taskbridge.connector.TaskBackend;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz runs one {@link PollJob} per configured connection every {@code TASKBRIDGE_POLL_INTERVAL}.
 * The job store is in memory: each instance polls on its own schedule, and the cursor's
 * compare-and-set makes a page apply once even when two instances poll the same connection.
 */
public final class PollSchedule implements AutoCloseable {
    static final String CONNECTION = "connection";

    private final java.util.Optional<Scheduler> scheduler;

    private PollSchedule(java.util.Optional<Scheduler> scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts polling every one of {@code connections} (none: no scheduler thread runs at all). */
    public static PollSchedule start(Poller poller, List<TaskBackend> connections, Duration interval) {
        if (connections.isEmpty()) {
            return new PollSchedule(java.util.Optional.empty());
        }
        try {
            Properties p = new Properties();
            p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "taskbridge-poll-" + UUID.randomUUID());
            p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(Math.max(1, Math.min(4, connections.size()))));
            p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            Scheduler s = new StdSchedulerFactory(p).getScheduler();
            s.setJobFactory((bundle, sched) -> new PollJob(poller, connections));
            for (TaskBackend b : connections) {
                s.scheduleJob(JobBuilder.newJob(PollJob.class).withIdentity("poll-" + b.name())
                                .usingJobData(CONNECTION, b.name()).build(),
                        TriggerBuilder.newTrigger().withIdentity("poll-" + b.name()).startNow()
                                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                                        .withIntervalInMilliseconds(interval.toMillis()).repeatForever()
                                        .withMisfireHandlingInstructionNextWithRemainingCount())
                                .build());
            }
            s.start();
            return new PollSchedule(java.util.Optional.of(s));
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not start the poll schedule", e);
        }
    }

    /** Polls one connection; never two at once for the same job. */
    @DisallowConcurrentExecution
    public static final class PollJob implements Job {
        private final Poller poller;
        private final List<TaskBackend> connections;

        PollJob(Poller poller, List<TaskBackend> connections) {
            this.poller = poller;
            this.connections = connections;
        }

        @Override
        public void execute(JobExecutionContext context) {
            String name = context.getMergedJobDataMap().getString(CONNECTION);
            connections.stream().filter(b -> b.name().equals(name)).findFirst().ifPresent(poller::poll);
        }
    }

    @Override
    public void close() {
        if (scheduler.isPresent()) {
            try {
                scheduler.get().shutdown(true);
            } catch (SchedulerException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
