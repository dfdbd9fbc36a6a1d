package io.taskbridge.workspace;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is a Taskbridge admin. An explicit {@code TASKBRIDGE_ADMINS} list (as {@code ConnectorSettings}
 * reads it) wins: then exactly those Slack user ids are admins, in every workspace. Without one, a workspace's own admins and owners
 * are, as Slack tells them; an answer is remembered for {@code ttl} (so a demoted admin loses the
 * rights within it), and a failed look-up counts as "not an admin" and is asked again next time.
 */
public final class Admins {
    /** How long a workspace look-up is remembered unless told otherwise. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

    private final Set<String> listed;
    private final WorkspaceAdmins workspace;
    private final Clock clock;
    private final Duration ttl;
    private final Map<Key, Remembered> remembered = new ConcurrentHashMap<>();

    public Admins(Set<String> listed, WorkspaceAdmins workspace, Clock clock, Duration ttl) {
        this.listed = Set.copyOf(listed);
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    /**
     * The answer if it needs no look-up (the list, or a remembered answer), else empty: an entry
     * point that must ack at once asks this first and does the look-up after the ack.
     */
    public Optional<Boolean> knownAdmin(String teamId, String userId) {
        if (!listed.isEmpty()) {
            return Optional.of(listed.contains(userId));
        }
        Remembered known = remembered.get(new Key(teamId, userId));
        return known != null && clock.instant().isBefore(known.until()) ? Optional.of(known.admin()) : Optional.empty();
    }

    /** Whether this person is an admin, asking Slack (through {@link WorkspaceAdmins}) when it must. */
    public boolean isAdmin(String teamId, String userId) {
        Optional<Boolean> known = knownAdmin(teamId, userId);
        if (known.isPresent()) {
            return known.get();
        }
        Instant now = clock.instant();
        Key key = new Key(teamId, userId);
        Optional<Boolean> answer = workspace.isAdminOrOwner(teamId, userId);
        answer.ifPresentOrElse(
                admin -> remembered.put(key, new Remembered(admin, now.plus(ttl))),
                () -> remembered.remove(key));
        return answer.orElse(false);
    }

    /** The actor the policy is asked about: this person, with their admin standing. */
    public Actor actor(String teamId, String userId) {
        return new Actor(userId, isAdmin(teamId, userId));
    }

    private record Key(String teamId, String userId) {}

    private record Remembered(boolean admin, Instant until) {}
}
