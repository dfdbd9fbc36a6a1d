package io.taskbridge.slack;

import io.taskbridge.outbox.Outbox;
import io.taskbridge.outbox.OutboxMessage;
import io.taskbridge.platform.Daos;
import io.taskbridge.platform.Sql;
import io.taskbridge.platform.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.JdbiConfig;

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

    /**
     * In the change's transaction: queue the homes of those of {@code users} who have opened theirs.
     * Anyone this transaction has looked up already is not looked up again: a decision touches the
     * same people twice (as a task change and as an approval change), and a group commit's batch
     * often touches one person for several requests.
     */
    void touched(Handle tx, WorkspaceId workspace, Collection<String> users) {
        Set<String> looked = tx.getConfig(Looked.class).homes;
        boolean first = looked.isEmpty();
        List<String> people = new ArrayList<>();
        for (String user : users) {
            if (SlackText.isUserId(user) && looked.add(OutboxMessage.HomeView.key(workspace, user))) {
                people.add(user);
            }
        }
        if (people.isEmpty()) {
            return;
        }
        if (first) {
            tx.afterCommit(looked::clear);
            tx.afterRollback(looked::clear);
        }
        List<String> opened = OPENED_AMONG.on(tx).bind("workspace", workspace.value()).bindList("users", people).strings();
        for (String user : opened) {
            outbox.enqueueSettled(tx, workspace, new OutboxMessage.HomeView(user), OutboxMessage.HomeView.key(workspace, user),
                    SETTLE);
        }
    }

    /**
     * The homes the handle's transaction has looked up ({@link OutboxMessage.HomeView#key}s; queued
     * if opened), kept in the handle's own configuration (every handle gets an empty copy) and
     * emptied when the transaction ends. A handle is used by one thread at a time.
     */
    public static final class Looked implements JdbiConfig<Looked> {
        private final Set<String> homes = new HashSet<>();

        /** Jdbi makes the first one (its configuration's root); every copy starts empty. */
        public Looked() {
        }

        @Override
        public Looked createCopy() {
            return new Looked();
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
