package io.taskbridge.sync;

import io.taskbridge.connector.BackendException;
import io.taskbridge.connector.Backends;
import io.taskbridge.connector.TaskBackend;
import io.taskbridge.platform.Daos;
import io.taskbridge.platform.WorkspaceId;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Which task system each channel of a workspace uses ({@code /task connect}) and who is who in each
 * system ({@code /task link}, or by email where the system can look people up). Who may change these
 * is the permission policy's admins ({@code workspace.Admins}), asked by the Slack side.
 *
 * <p>A connection serves exactly one workspace: the first to connect or subscribe a channel claims it, and
 * for every other workspace it does not exist (not named, not usable). Until one claims it, its polls
 * and webhooks make tasks in the {@code unclaimed} workspace: the bot token's in single-workspace
 * mode; with several workspaces installed, none (the connection waits for its first connect).
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
    private final Supplier<Optional<WorkspaceId>> unclaimed;

    /** {@code unclaimed}: the workspace a connection no workspace has claimed serves, if any. */
    public Connections(Jdbi jdbi, Backends backends, Clock clock, Supplier<Optional<WorkspaceId>> unclaimed) {
        this.jdbi = jdbi;
        this.backends = backends;
        this.clock = clock;
        this.unclaimed = unclaimed;
    }

    /** The names {@code /task connect} accepts in {@code workspace}: builtin and every connection it may use. */
    public List<String> names(WorkspaceId workspace) {
        return backends.names().stream().filter(n -> n.equals(Backends.BUILTIN) || usable(workspace, n)).toList();
    }

    /** A connection {@code workspace} may use: configured, and claimed by it or by nobody yet. */
    public Optional<TaskBackend> backend(WorkspaceId workspace, String name) {
        return backends.named(name).filter(b -> usable(workspace, name));
    }

    /** A configured connection, whoever it serves: for a task already held there. */
    Optional<TaskBackend> configured(String name) {
        return backends.named(name);
    }

    private boolean usable(WorkspaceId workspace, String name) {
        return jdbi.withExtension(ConnectionDao.class, dao -> dao.ownerOf(name)).map(workspace.value()::equals)
                .orElse(true);
    }

    /** The workspace whose tasks {@code connection}'s polls and webhooks make; empty while it serves none. */
    public Optional<WorkspaceId> owner(Handle tx, String connection) {
        return Daos.on(tx, ConnectionDao.class).ownerOf(connection).map(WorkspaceId::new).or(unclaimed);
    }

    /** The same, in a transaction of its own. */
    public Optional<WorkspaceId> owner(String connection) {
        return jdbi.withHandle(h -> owner(h, connection));
    }

    /** The connection a channel's new tasks go to; the built-in store unless connected. */
    public String of(WorkspaceId workspace, String channel) {
        String key = workspace.value() + "/" + channel;
        long now = clock.millis();
        Remembered known = channels.get(key);
        if (known != null && now - known.readAt() < REMEMBERED_MS && now >= known.readAt()) {
            return known.connection();
        }
        String connection = jdbi.withExtension(ConnectionDao.class, dao -> dao.connectionOf(workspace.value(), channel))
                .orElse(Backends.BUILTIN);
        if (channels.size() >= MAX_REMEMBERED) {
            channels.clear();
        }
        channels.put(key, new Remembered(connection, now));
        return connection;
    }

    /** A channel's connection as read at {@code readAt} (the clock's millis). */
    private record Remembered(String connection, long readAt) {}

    /**
     * Sends the channel's new tasks to {@code connection}, claiming it for {@code workspace} if nobody
     * has. A connection another workspace claimed is refused as if it did not exist.
     */
    public void connect(WorkspaceId workspace, String team, String channel, String connection, String by) {
        if (!connection.equals(Backends.BUILTIN) && backends.named(connection).isEmpty()) {
            throw new IllegalArgumentException(connection);
        }
        long now = clock.millis();
        jdbi.useTransaction(tx -> {
            if (!connection.equals(Backends.BUILTIN) && !claim(tx, workspace, connection, by, now)) {
                throw new IllegalArgumentException(connection);
            }
            Daos.on(tx, ConnectionDao.class).bind(workspace.value(), team, channel, connection, by, now);
        });
        channels.remove(workspace.value() + "/" + channel);
    }

    /** Claims {@code connection} for {@code workspace} unless another has it; true when it is {@code workspace}'s. */
    public boolean claim(WorkspaceId workspace, String connection, String by) {
        return jdbi.inTransaction(tx -> claim(tx, workspace, connection, by, clock.millis()));
    }

    private static boolean claim(Handle tx, WorkspaceId workspace, String connection, String by, long now) {
        ConnectionDao dao = Daos.on(tx, ConnectionDao.class);
        return dao.claim(connection, workspace.value(), by, now) == 1
                || dao.ownerOf(connection).map(workspace.value()::equals).orElse(false);
    }

    public void link(WorkspaceId workspace, String connection, String slackUser, String remoteUser, String by) {
        jdbi.useExtension(ConnectionDao.class, dao -> dao.link(workspace.value(), connection, slackUser, remoteUser, by,
                clock.millis()));
    }

    /**
     * A Slack user's id in a task system: the link if there is one, else a look-up by their email
     * ({@code email} asks Slack for it) where the system can, remembered as a link.
     */
    public Optional<String> remoteUser(WorkspaceId workspace, TaskBackend backend, String slackUser,
                                       Function<String, Optional<String>> email) {
        Optional<String> linked = jdbi.withExtension(ConnectionDao.class,
                dao -> dao.remoteUser(workspace.value(), backend.name(), slackUser));
        if (linked.isPresent()) {
            return linked;
        }
        Optional<String> address = email.apply(slackUser);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<String> found = backend.findUserByEmail(address.get());
            found.ifPresent(id -> link(workspace, backend.name(), slackUser, id, "email"));
            return found;
        } catch (BackendException.Unsupported e) {
            return Optional.empty();
        }
    }
}
