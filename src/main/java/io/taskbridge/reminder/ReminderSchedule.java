package io.taskbridge.reminder;

import io.taskbridge.platform.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz inside the service, running the {@link ReminderJob} every interval. On SQLite (one
 * instance) Quartz keeps its schedule in memory; on PostgreSQL it uses its clustered JDBC job
 * store in the same database (tables from migration V5), so instances share one schedule and one
 * instance runs each tick. Either way the reminder claim itself is what makes a reminder fire once.
 */
public final class ReminderSchedule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReminderSchedule.class);
    /** All instances of one deployment share this scheduler name: it is the cluster's name. */
    static final String NAME = "taskbridge";
    private static final String JOB = "reminders";

    /** Where Quartz keeps its schedule. */
    public sealed interface Store {
        /** In memory: one instance (SQLite). */
        record Memory() implements Store {}

        /** Quartz's clustered JDBC job store on PostgreSQL; credentials stay out of logs. */
        record ClusteredPostgres(String jdbcUrl, Optional<String> user, Optional<Secret> password) implements Store {}
    }

    private final Scheduler scheduler;

    private ReminderSchedule(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public static ReminderSchedule start(ReminderJob job, Duration interval, Store store) {
        try {
            StdSchedulerFactory factory = new StdSchedulerFactory(properties(store));
            Scheduler scheduler = factory.getScheduler();
            // Quartz registers schedulers by name in a JVM-wide map; an instance of the cluster is
            // ours alone, so take it out again (several services may run in one JVM, as in tests).
            SchedulerRepository.getInstance().remove(NAME);
            scheduler.setJobFactory((bundle, s) -> new Tick(job));
            JobDetail detail = JobBuilder.newJob(Tick.class).withIdentity(JOB).storeDurably().build();
            // The first check comes one interval after the start, like every later one: at start the
            // tick would only compete with the first requests (reminders are per interval anyway).
            long every = Math.max(100, interval.toMillis());
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(JOB).forJob(detail)
                    .startAt(new Date(System.currentTimeMillis() + every))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                            .withIntervalInMilliseconds(every)
                            .repeatForever()
                            .withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            scheduler.scheduleJob(detail, Set.of(trigger), true);
            scheduler.start();
            log.info("reminders checked every {}s ({} schedule)", interval.toMillis() / 1000.0,
                    store instanceof Store.Memory ? "in-memory" : "clustered");
            return new ReminderSchedule(scheduler);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the reminder schedule: " + e.getMessage(), e);
        }
    }

    private static Properties properties(Store store) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", NAME);
        // Unique per instance (Quartz's AUTO is host name + milliseconds, which two instances started
        // together in one JVM can share).
        p.setProperty("org.quartz.scheduler.instanceId", "tb-" + UUID.randomUUID());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "reminder-tick");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        if (store instanceof Store.ClusteredPostgres pg) {
            // Quartz's connection providers are registered JVM-wide by name: one name per instance.
            String ds = "taskbridge-" + UUID.randomUUID();
            p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
            p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
            p.setProperty("org.quartz.jobStore.isClustered", "true");
            p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
            p.setProperty("org.quartz.jobStore.misfireThreshold", "10000");
            p.setProperty("org.quartz.jobStore.dataSource", ds);
            p.setProperty("org.quartz.dataSource." + ds + ".provider", "hikaricp");
            p.setProperty("org.quartz.dataSource." + ds + ".driver", "org.postgresql.Driver");
            p.setProperty("org.quartz.dataSource." + ds + ".URL", pg.jdbcUrl());
            pg.user().ifPresent(u -> p.setProperty("org.quartz.dataSource." + ds + ".user", u));
            pg.password().ifPresent(pw -> p.setProperty("org.quartz.dataSource." + ds + ".password", pw.value()));
            p.setProperty("org.quartz.dataSource." + ds + ".maxConnections", "3");
        } else {
            p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        }
        return p;
    }

    /** The Quartz job: one {@link ReminderJob#tick()}; never two at once, in the whole cluster. */
    @DisallowConcurrentExecution
    public static final class Tick implements Job {
        private final ReminderJob job;

        public Tick(ReminderJob job) {
            this.job = job;
        }

        @Override
        public void execute(JobExecutionContext context) {
            try {
                job.tick();
            } catch (RuntimeException e) {
                log.error("reminder tick failed; the next one retries", e);
            }
        }
    }

    /** When the next check is due (tests). */
    Optional<Instant> nextTick() throws SchedulerException {
        return Optional.ofNullable(scheduler.getTrigger(TriggerKey.triggerKey(JOB)))
                .map(Trigger::getNextFireTime).map(Date::toInstant);
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("reminder schedule did not stop cleanly: {}", e.getMessage());
        }
    }
}
