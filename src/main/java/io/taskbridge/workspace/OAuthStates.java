package io.taskbridge.workspace;

import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * One-time OAuth states, in our database so that any instance can finish an install another began:
 * each is valid for {@link #TTL} and used once. Using one deletes it, atomically: of two callbacks
 * with the same state, one gets it.
 */
public final class OAuthStates {
    public static final Duration TTL = Duration.ofMinutes(10);

    private final Jdbi jdbi;
    private final Clock clock;

    public OAuthStates(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public void add(String state) {
        long now = clock.millis();
        jdbi.useHandle(h -> {
            h.createUpdate("DELETE FROM oauth_states WHERE expires_at <= :now").bind("now", now).execute();
            h.createUpdate("INSERT INTO oauth_states (state, expires_at) VALUES (:s, :e)")
                    .bind("s", state).bind("e", now + TTL.toMillis()).execute();
        });
    }

    /** True once for a state that was issued and has not expired; it is gone afterwards. */
    public boolean use(String state) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM oauth_states WHERE state = :s AND expires_at > :now")
                .bind("s", state).bind("now", clock.millis()).execute()) == 1;
    }
}
