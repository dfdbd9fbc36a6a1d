package io.taskbridge.sync;

import io.taskbridge.connector.BackendException;
import io.taskbridge.connector.Backends;
import io.taskbridge.connector.TaskBackend;
import io.taskbridge.sync.ConnectionDao;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * Which task system each channel uses ({@code /task connect}) and who is who in each system
 * ({@code /task link}, or by email where the system can look people up). Who may
 * change these is the permission policy's admins ({@code workspace.Admins}), asked by the Slack side.
 *
 * <p>Which connection a channel uses is read on every {@code /task add}, so it is remembered for
 * {@link #REMEMBERED_MS} (a database read was a sixth of an add's CPU). {@code /task connect} on
 * this instance is seen at once; on another instance sharing a PostgreSQL store, within that time.
 */
public final class Connections {
    static final long REMEMBERED_MS = 15_000;
    private static final int MAX_REMEMBERED = 10_000;

    private final Jdbi jdbi;
    private final ConcurrentMap<String, Remembered> channels = new ConcurrentHashMap<>();
    private final Backends backends;
    private final Clock clock;

    public Connections(Jdbi jdbi, Backends backends, Clock clock) {
        this.jdbi = jdbi;
        this.backends = backends;
        this.clock = clock;
    }

    /** The names {@code /task connect} accepts: builtin and every configured connection. */
    public List<String> names() {
        return backends.names();
    }

    public Optional<TaskBackend> backend(String name) {
        return backends.named(name);
    }

    /** The connection a channel's new tasks go to; the built-in store unless connected. */
    public String of(String team, String channel) {
        String key = team + "/" + channel;
        long now = clock.millis();
        Remembered known = channels.get(key);
        if (known != null && now - known.readAt() < REMEMBERED_MS && now >= known.readAt()) {
            return known.connection();
        }
        String connection = jdbi.withExtension(ConnectionDao.class, dao -> dao.connectionOf(team, channel))
                .orElse(Backends.BUILTIN);
        if (channels.size() >= MAX_REMEMBERED) {
            channels.clear();
        }
        channels.put(key, new Remembered(connection, now));
        return connection;
    }

    /** A channel's connection as read at {@code readAt} (the clock's millis). */
    private record Remembered(String connection, long readAt) {}

    public void connect(String team, String channel, String connection, String by) {
        if (!connection.equals(Backends.BUILTIN) && backends.named(connection).isEmpty()) {
            throw new IllegalArgumentException(connection);
        }
        jdbi.useExtension(ConnectionDao.class, dao -> dao.bind(team, channel, connection, by, clock.millis()));
        channels.remove(team + "/" + channel);
    }

    public void link(String connection, String slackUser, String remoteUser, String by) {
        jdbi.useExtension(ConnectionDao.class, dao -> dao.link(connection, slackUser, remoteUser, by, clock.millis()));
    }

    /**
     * A Slack user's id in a task system: the link if there is one, else a look-up by their email
     * ({@code email} asks Slack for it) where the system can, remembered as a link.
     */
    public Optional<String> remoteUser(TaskBackend backend, String slackUser, Function<String, Optional<String>> email) {
        Optional<String> linked = jdbi.withExtension(ConnectionDao.class, dao -> dao.remoteUser(backend.name(), slackUser));
        if (linked.isPresent()) {
            return linked;
        }
        Optional<String> address = email.apply(slackUser);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<String> found = backend.findUserByEmail(address.get());
            found.ifPresent(id -> link(backend.name(), slackUser, id, "email"));
            return found;
        } catch (BackendException.Unsupported e) {
            return Optional.empty();
        }
    }

    /** The Slack user linked to a system's user id, if anyone is. */
    public Optional<String> slackUser(String connection, String remoteUser) {
        return jdbi.withExtension(ConnectionDao.class, dao -> dao.slackUser(connection, remoteUser));
    }
}
