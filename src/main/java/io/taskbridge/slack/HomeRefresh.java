package io.taskbridge.slack;

import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.platform.Daos;
import io.taskbridge.platform.Sql;
import io.taskbridge.platform.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * When a person's App Home is published: at once when they open it, and {@link #SETTLE} after a
 * change touches one of their tasks, as one outbox row per workspace and person
 * ({@link OutboxMessage.HomeView#key}) that further changes join while it waits, so a burst of
 * changes is one {@code views.publish}. Only people who have opened their home get one.
 */
public final class HomeRefresh {
    private static final Sql OPENED_AMONG = Sql.of(AppHomeDao.OPENED_AMONG);
    /** How long a home waits after the first change of a burst before it is published. */
    public static final Duration SETTLE = Duration.ofSeconds(2);

    private final Outbox outbox;
    private final Clock clock;

    public HomeRefresh(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** In the change's transaction: queue the homes of those of {@code users} who have opened theirs. */
    void touched(Handle tx, WorkspaceId workspace, Collection<String> users) {
        List<String> people = users.stream().filter(SlackText::isUserId).distinct().toList();
        if (people.isEmpty()) {
            return;
        }
        List<String> opened = OPENED_AMONG.on(tx).bind("workspace", workspace.value()).bindList("users", people).strings();
        for (String user : opened) {
            outbox.enqueueSettled(tx, workspace, new OutboxMessage.HomeView(user), OutboxMessage.HomeView.key(workspace, user),
                    SETTLE);
        }
    }

    /** {@code user} opened their home: remember it, and publish it now. */
    void opened(Jdbi jdbi, WorkspaceId workspace, String user) {
        jdbi.useTransaction(tx -> {
            Daos.on(tx, AppHomeDao.class).opened(workspace.value(), user, clock.millis());
            outbox.enqueueSettled(tx, workspace, new OutboxMessage.HomeView(user), OutboxMessage.HomeView.key(workspace, user),
                    Duration.ZERO);
        });
    }
}
