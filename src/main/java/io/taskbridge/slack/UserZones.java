package io.taskbridge.slack;

import io.taskbridge.platform.WorkspaceId;
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
 * Each Slack user's time zone, from {@code users.info} asked with the token of the workspace they act
 * in, remembered per workspace for a few hours. Due dates are read in the zone of the person who
 * typed them. When Slack can't be asked, UTC.
 */
public final class UserZones {
    private static final Logger log = LoggerFactory.getLogger(UserZones.class);
    static final Duration TTL = Duration.ofHours(6);
    static final Duration RETRY = Duration.ofMinutes(1);

    private record Key(WorkspaceId workspace, String userId) {}

    private record Known(ZoneId zone, Instant until) {}

    private final Optional<SlackWebs> web;
    private final Clock clock;
    private final Map<Key, Known> known = new ConcurrentHashMap<>();

    public UserZones(Optional<SlackWebs> web, Clock clock) {
        this.web = web;
        this.clock = clock;
    }

    /** The zone if it is known and fresh, without asking Slack. */
    public Optional<ZoneId> cached(WorkspaceId workspace, String userId) {
        Known k = known.get(new Key(workspace, userId));
        return k != null && k.until().isAfter(clock.instant()) ? Optional.of(k.zone()) : Optional.empty();
    }

    /** The zone of {@code userId} of {@code workspace}. */
    public ZoneId of(WorkspaceId workspace, String userId) {
        Instant now = clock.instant();
        Key key = new Key(workspace, userId);
        Known k = known.get(key);
        if (k != null && k.until().isAfter(now)) {
            return k.zone();
        }
        Optional<ZoneId> zone = lookUp(workspace, userId);
        // A failed look-up is remembered briefly, so an outage doesn't cost every command a call.
        known.put(key, new Known(zone.orElse(ZoneOffset.UTC), now.plus(zone.isPresent() ? TTL : RETRY)));
        return zone.orElse(ZoneOffset.UTC);
    }

    private Optional<ZoneId> lookUp(WorkspaceId workspace, String userId) {
        if (web.isEmpty()) {
            return Optional.of(ZoneOffset.UTC);
        }
        SlackResult<String> result = web.get().of(workspace).map(w -> w.userTimeZone(userId))
                .orElseGet(() -> new SlackResult.Failed<>("not_installed", true));
        if (result instanceof SlackResult.Ok<String> ok && ok.value() != null) {
            try {
                return Optional.of(ZoneId.of(ok.value()));
            } catch (DateTimeException e) {
                log.warn("users.info gave an unknown time zone for {}; using UTC", userId);
                return Optional.of(ZoneOffset.UTC);
            }
        }
        log.warn("users.info failed for {} in {} ({}); reading their dates in UTC for now", userId, workspace, result);
        return Optional.empty();
    }
}
