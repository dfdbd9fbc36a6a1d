package io.taskbridge.outbox;

import io.taskbridge.platform.Metrics;
import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The outbox as operators watch it, read from the database at each scrape (so every instance shows
 * the whole outbox): rows pending, rows dead, and the age of the oldest pending row.
 */
public final class OutboxGauges {
    private OutboxGauges() {}

    public static void register(Metrics metrics, Jdbi jdbi, Clock clock) {
        for (String state : new String[] {"pending", "dead"}) {
            metrics.gauge("outbox.rows", "Outbox rows by state", () -> rows(jdbi, state), "state", state);
        }
        metrics.gauge("outbox.oldest.pending.age.seconds", "Age of the oldest pending outbox row (0 when none)",
                () -> oldestPending(jdbi).map(at -> Math.max(0, clock.millis() - at) / 1000.0).orElse(0.0));
    }

    private static int rows(Jdbi jdbi, String state) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE state = :state")
                .bind("state", state).mapTo(Integer.class).one());
    }

    private static Optional<Long> oldestPending(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT MIN(created_at) FROM outbox WHERE state = 'pending'")
                .mapTo(Long.class).findOne());
    }
}
