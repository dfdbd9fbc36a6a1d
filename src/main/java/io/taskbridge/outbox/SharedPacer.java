package io.taskbridge.outbox;

import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link ChannelPacer}'s pace, kept in the database so that several instances sharing it (on
 * PostgreSQL) together keep one channel at Slack's pace, not one pace per instance. The generic
 * cell rate algorithm: a row per channel holds the time its budget is next free ({@code tat}); a
 * post may go while that time is within {@code burst - 1} intervals from now, and moves it one
 * interval on. The check and the move are one conditional UPDATE, so two instances never both
 * take the last slot.
 */
public final class SharedPacer implements Pacer {
    private final Jdbi jdbi;
    private final Clock clock;
    private final long intervalMs;
    private final long toleranceMs;

    public SharedPacer(Jdbi jdbi, Clock clock, int burst, Duration interval) {
        if (burst < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("burst must be at least 1 and interval positive");
        }
        this.jdbi = jdbi;
        this.clock = clock;
        this.intervalMs = interval.toMillis();
        this.toleranceMs = (burst - 1) * interval.toMillis();
    }

    /** Slack's pace (as {@link ChannelPacer#slack}), shared through the database. */
    public static SharedPacer slack(Jdbi jdbi, Clock clock) {
        return new SharedPacer(jdbi, clock, 3, Duration.ofMillis(1_050));
    }

    @Override
    public Duration reserve(String key) {
        return jdbi.withHandle(h -> {
            long now = clock.millis();
            h.createUpdate("INSERT INTO outbox_pace (pace_key, tat) VALUES (:k, 0) ON CONFLICT (pace_key) DO NOTHING")
                    .bind("k", key).execute();
            int taken = h.createUpdate("UPDATE outbox_pace SET tat = (CASE WHEN tat > :now THEN tat ELSE :now END) + :interval"
                            + " WHERE pace_key = :k AND tat <= :now + :tolerance")
                    .bind("now", now).bind("interval", intervalMs).bind("tolerance", toleranceMs).bind("k", key).execute();
            if (taken == 1) {
                return Duration.ZERO;
            }
            long tat = h.createQuery("SELECT tat FROM outbox_pace WHERE pace_key = :k").bind("k", key)
                    .mapTo(Long.class).one();
            return Duration.ofMillis(Math.max(1, tat - toleranceMs - now));
        });
    }

    @Override
    public void close(String key, Duration delay) {
        long until = clock.millis() + delay.toMillis() + toleranceMs;
        jdbi.useHandle(h -> {
            h.createUpdate("INSERT INTO outbox_pace (pace_key, tat) VALUES (:k, 0) ON CONFLICT (pace_key) DO NOTHING")
                    .bind("k", key).execute();
            h.createUpdate("UPDATE outbox_pace SET tat = :until WHERE pace_key = :k AND tat < :until")
                    .bind("until", until).bind("k", key).execute();
        });
    }
}
