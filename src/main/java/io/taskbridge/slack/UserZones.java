package io.taskbridge.slack;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each Slack user's time zone, from {@code users.info}, remembered for a few hours. Due dates are
 * read in the zone of the person who typed them. When Slack can't be asked, UTC.
 */
public final class UserZones {
    private static final Logger log = LoggerFactory.getLogger(UserZones.class);
    static final Duration TTL = Duration.ofHours(6);
    static final Duration RETRY = Duration.ofMinutes(1);

    private record Known(ZoneId zone, Instant until) {}

    private final Optional<SlackWebs> web;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    public UserZones(Optional<SlackWebs> web, Clock clock) {
        this.web = web;
        this.clock = clock;
    }

    /** The zone if it is known and fresh, without asking Slack. */
    public Optional<ZoneId> cached(String userId) {
        Known k = known.get(userId);
        return k != null && k.until().isAfter(clock.instant()) ? Optional.of(k.zone()) : Optional.empty();
    }

    public ZoneId of(String userId) {
        Instant now = clock.instant();
        Known k = known.get(userId);
        if (k != null && k.until().isAfter(now)) {
            return k.zone();
        }
        Optional<ZoneId> zone = lookUp(userId);
        // A failed look-up is remembered briefly, so an outage doesn't cost every command a call.
        known.put(userId, new Known(zone.orElse(ZoneOffset.UTC), now.plus(zone.isPresent() ? TTL : RETRY)));
        return zone.orElse(ZoneOffset.UTC);
    }

    private Optional<ZoneId> lookUp(String userId) {
        if (web.isEmpty()) {
            return Optional.of(ZoneOffset.UTC);
        }
        SlackResult<String> result = web.get().forUser(userId).map(w -> w.userTimeZone(userId))
                .orElseGet(() -> new SlackResult.Failed<>("no_workspace_for_user", true));
        if (result instanceof SlackResult.Ok<String> ok && ok.value() != null) {
            try {
                return Optional.of(ZoneId.of(ok.value()));
            } catch (DateTimeException e) {
                log.warn("users.info gave an unknown time zone for {}; using UTC", userId);
                return Optional.of(ZoneOffset.UTC);
            }
        }
        log.warn("users.info failed for {} ({}); reading their dates in UTC for now", userId, result);
        return Optional.empty();
    }
}
