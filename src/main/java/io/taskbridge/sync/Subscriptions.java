package io.taskbridge.sync;

import io.taskbridge.connector.RemoteTask;
import io.taskbridge.platform.Daos;
import io.taskbridge.platform.WorkspaceId;
import io.taskbridge.task.Task;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code /task subscribe <connection> [assignee:@x] [status:…] [title:"…"]}: a channel hears about
 * changes of that connection's tasks that match every filter given. A subscription belongs to the
 * workspace of its channel.
 */
public final class Subscriptions {
    private final Jdbi jdbi;
    private final Clock clock;

    public Subscriptions(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A subscription's filters; empty ones match everything. {@code assignee} is a Slack user id. */
    public record Filter(Optional<String> assignee, Optional<String> status, Optional<String> title) {
        /** Whether a task (as stored here and as its system shows it) matches. */
        public boolean matches(Task task, RemoteTask remote, Optional<String> assigneeRemoteId) {
            boolean who = assignee.isEmpty() || task.assignee().equals(assignee)
                    || assigneeRemoteId.filter(remote.assignees()::contains).isPresent();
            boolean state = status.isEmpty() || norm(status.get()).equals(norm(task.status().name()))
                    || norm(status.get()).equals(norm(remote.remoteStatus()));
            boolean named = title.isEmpty() || remote.title().toLowerCase(Locale.ROOT)
                    .contains(title.get().toLowerCase(Locale.ROOT));
            return who && state && named;
        }

        /** How the filters read in a list: {@code assignee:@x status:review title:"budget"}. */
        public String describe() {
            StringBuilder s = new StringBuilder();
            assignee.ifPresent(a -> s.append(" assignee:<@").append(a).append('>'));
            status.ifPresent(v -> s.append(" status:").append(v));
            title.ifPresent(t -> s.append(" title:\"").append(t).append('"'));
            return s.length() == 0 ? " (every change)" : s.toString();
        }

        private static String norm(String s) {
            return s.toLowerCase(Locale.ROOT).replace('_', ' ').strip();
        }
    }

    /** One channel's subscription. */
    public record Subscription(long id, String channel, String connection, Filter filter) {}

    public long subscribe(WorkspaceId workspace, String team, String channel, String connection, Filter f, String by) {
        return jdbi.withExtension(ConnectionDao.class, dao -> dao.subscribe(workspace.value(), team, channel, connection,
                f.assignee().orElse(null), f.status().orElse(null), f.title().orElse(null), by, clock.millis()));
    }

    /** Removes the channel's subscriptions to {@code connection}; how many there were. */
    public int unsubscribe(WorkspaceId workspace, String channel, String connection) {
        return jdbi.withExtension(ConnectionDao.class, dao -> dao.unsubscribe(workspace.value(), channel, connection));
    }

    /** The subscriptions of {@code workspace}'s channel. */
    public List<Subscription> in(WorkspaceId workspace, String channel) {
        return jdbi.withExtension(ConnectionDao.class, dao -> dao.subscriptionsIn(workspace.value(), channel)).stream()
                .map(Subscriptions::of).toList();
    }

    /** {@code workspace}'s subscriptions to {@code connection}: another workspace's channels never hear of its tasks. */
    List<Subscription> to(Handle tx, WorkspaceId workspace, String connection) {
        return Daos.on(tx, ConnectionDao.class).subscriptionsTo(workspace.value(), connection).stream()
                .map(Subscriptions::of).toList();
    }

    private static Subscription of(ConnectionDao.SubscriptionRow r) {
        return new Subscription(r.id(), r.channel(), r.connection(), new Filter(r.assignee(), r.status(), r.title()));
    }
}
