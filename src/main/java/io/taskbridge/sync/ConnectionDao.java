package io.taskbridge.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/**
 * The connectors' tables: which connection a channel uses, Slack users' ids in task systems, poll
 * cursors, the last-seen state of remote tasks, subscriptions and webhook deliveries.
 */
public interface ConnectionDao {

    // Channels (each workspace's own: the same channel id in two workspaces is two channels)

    @SqlQuery("SELECT connection FROM channel_connections WHERE workspace = :workspace AND channel = :channel")
    Optional<String> connectionOf(@Bind("workspace") String workspace, @Bind("channel") String channel);

    @SqlUpdate("INSERT INTO channel_connections (workspace, channel, team, connection, set_by, set_at)"
            + " VALUES (:workspace, :channel, :team, :connection, :by, :at)"
            + " ON CONFLICT (workspace, channel) DO UPDATE SET connection = excluded.connection, team = excluded.team,"
            + " set_by = excluded.set_by, set_at = excluded.set_at")
    void bind(@Bind("workspace") String workspace, @Bind("team") String team, @Bind("channel") String channel,
              @Bind("connection") String connection, @Bind("by") String by, @Bind("at") long at);

    // The workspace each connection serves

    @SqlQuery("SELECT workspace FROM connection_workspaces WHERE connection = :connection")
    Optional<String> ownerOf(@Bind("connection") String connection);

    /** Claims {@code connection} for {@code workspace} unless a workspace has it; 0 when one does. */
    @SqlUpdate("INSERT INTO connection_workspaces (connection, workspace, claimed_by, claimed_at)"
            + " VALUES (:connection, :workspace, :by, :at) ON CONFLICT (connection) DO NOTHING")
    int claim(@Bind("connection") String connection, @Bind("workspace") String workspace, @Bind("by") String by,
              @Bind("at") long at);

    // Users (each workspace's own)

    @SqlQuery("SELECT remote_user FROM user_links WHERE workspace = :workspace AND connection = :connection"
            + " AND slack_user = :slack")
    Optional<String> remoteUser(@Bind("workspace") String workspace, @Bind("connection") String connection,
                                @Bind("slack") String slackUser);

    @SqlQuery("SELECT slack_user FROM user_links WHERE workspace = :workspace AND connection = :connection"
            + " AND remote_user = :remote ORDER BY linked_at DESC LIMIT 1")
    Optional<String> slackUser(@Bind("workspace") String workspace, @Bind("connection") String connection,
                               @Bind("remote") String remoteUser);

    @SqlUpdate("INSERT INTO user_links (workspace, connection, slack_user, remote_user, linked_by, linked_at)"
            + " VALUES (:workspace, :connection, :slack, :remote, :by, :at)"
            + " ON CONFLICT (workspace, connection, slack_user) DO UPDATE SET remote_user = excluded.remote_user,"
            + " linked_by = excluded.linked_by, linked_at = excluded.linked_at")
    void link(@Bind("workspace") String workspace, @Bind("connection") String connection,
              @Bind("slack") String slackUser, @Bind("remote") String remoteUser, @Bind("by") String by,
              @Bind("at") long at);

    // Tasks held elsewhere

    @SqlQuery("SELECT id FROM tasks WHERE connection = :connection AND external_id = :external")
    Optional<Long> taskFor(@Bind("connection") String connection, @Bind("external") String externalId);

    /** Where a task is held: its connection and its id there (empty id for the built-in store). */
    record Held(String connection, Optional<String> externalId) {}

    @SqlQuery("SELECT connection, external_id FROM tasks WHERE id = :id")
    @UseRowMapper(HeldMapper.class)
    Optional<Held> held(@Bind("id") long taskId);

    /** Public for Jdbi's reflection. */
    final class HeldMapper implements RowMapper<Held> {
        @Override
        public Held map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Held(rs.getString("connection"), Optional.ofNullable(rs.getString("external_id")));
        }
    }

    @SqlQuery("SELECT snapshot FROM remote_tasks WHERE connection = :connection AND external_id = :external")
    Optional<String> snapshot(@Bind("connection") String connection, @Bind("external") String externalId);

    @SqlUpdate("INSERT INTO remote_tasks (connection, external_id, task_id, snapshot, modified_at)"
            + " VALUES (:connection, :external, :task, :snapshot, :modified)"
            + " ON CONFLICT (connection, external_id) DO UPDATE SET snapshot = excluded.snapshot,"
            + " modified_at = excluded.modified_at, task_id = excluded.task_id")
    void remember(@Bind("connection") String connection, @Bind("external") String externalId, @Bind("task") long taskId,
                  @Bind("snapshot") String snapshot, @Bind("modified") long modifiedAt);

    // Cursors

    /** A connection's poll cursor. */
    record Cursor(long at, long version) {}

    @SqlQuery("SELECT cursor_at, version FROM sync_cursors WHERE connection = :connection")
    @UseRowMapper(CursorMapper.class)
    Optional<Cursor> cursor(@Bind("connection") String connection);

    /** Public for Jdbi's reflection. */
    final class CursorMapper implements RowMapper<Cursor> {
        @Override
        public Cursor map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Cursor(rs.getLong("cursor_at"), rs.getLong("version"));
        }
    }

    @SqlUpdate("INSERT INTO sync_cursors (connection, cursor_at, version) VALUES (:connection, :at, 1)"
            + " ON CONFLICT (connection) DO NOTHING")
    int startCursor(@Bind("connection") String connection, @Bind("at") long at);

    /** Moves the cursor if nobody else moved it since {@code seen}; 0 when someone did. */
    @SqlUpdate("UPDATE sync_cursors SET cursor_at = CASE WHEN cursor_at > :at THEN cursor_at ELSE :at END,"
            + " version = version + 1 WHERE connection = :connection AND version = :seen")
    int advanceCursor(@Bind("connection") String connection, @Bind("at") long at, @Bind("seen") long seenVersion);

    // Subscriptions

    /** One subscription row. */
    record SubscriptionRow(long id, String team, String channel, String connection, Optional<String> assignee,
                           Optional<String> status, Optional<String> title, String createdBy) {}

    @SqlQuery("INSERT INTO subscriptions (workspace, team, channel, connection, assignee, status, title, created_by,"
            + " created_at) VALUES (:workspace, :team, :channel, :connection, :assignee, :status, :title, :by, :at)"
            + " RETURNING id")
    long subscribe(@Bind("workspace") String workspace, @Bind("team") String team, @Bind("channel") String channel,
                   @Bind("connection") String connection,
                   @Bind("assignee") String assignee, @Bind("status") String status, @Bind("title") String title,
                   @Bind("by") String by, @Bind("at") long at);

    @SqlQuery("SELECT id, team, channel, connection, assignee, status, title, created_by FROM subscriptions"
            + " WHERE workspace = :workspace AND connection = :connection ORDER BY id")
    @UseRowMapper(SubscriptionMapper.class)
    List<SubscriptionRow> subscriptionsTo(@Bind("workspace") String workspace, @Bind("connection") String connection);

    @SqlQuery("SELECT id, team, channel, connection, assignee, status, title, created_by FROM subscriptions"
            + " WHERE workspace = :workspace AND channel = :channel ORDER BY id")
    @UseRowMapper(SubscriptionMapper.class)
    List<SubscriptionRow> subscriptionsIn(@Bind("workspace") String workspace, @Bind("channel") String channel);

    @SqlUpdate("DELETE FROM subscriptions WHERE workspace = :workspace AND channel = :channel"
            + " AND connection = :connection")
    int unsubscribe(@Bind("workspace") String workspace, @Bind("channel") String channel,
                    @Bind("connection") String connection);

    /** Public for Jdbi's reflection. */
    final class SubscriptionMapper implements RowMapper<SubscriptionRow> {
        @Override
        public SubscriptionRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new SubscriptionRow(rs.getLong("id"), rs.getString("team"), rs.getString("channel"),
                    rs.getString("connection"), Optional.ofNullable(rs.getString("assignee")),
                    Optional.ofNullable(rs.getString("status")), Optional.ofNullable(rs.getString("title")),
                    rs.getString("created_by"));
        }
    }

    // Webhooks and sealed secrets

    /** Records a delivery id; 0 when it was seen before (apply it once). */
    @SqlUpdate("DELETE FROM webhook_deliveries WHERE received_at < :before")
    void forgetDeliveries(@Bind("before") long before);

    @SqlUpdate("INSERT INTO webhook_deliveries (connection, delivery_id, received_at) VALUES (:connection, :id, :at)"
            + " ON CONFLICT (connection, delivery_id) DO NOTHING")
    int firstDelivery(@Bind("connection") String connection, @Bind("id") String deliveryId, @Bind("at") long at);

    @SqlQuery("SELECT sealed FROM connection_secrets WHERE connection = :connection AND name = :name")
    Optional<String> sealedSecret(@Bind("connection") String connection, @Bind("name") String name);

    @SqlUpdate("INSERT INTO connection_secrets (connection, name, sealed) VALUES (:connection, :name, :sealed)"
            + " ON CONFLICT (connection, name) DO UPDATE SET sealed = excluded.sealed")
    void storeSecret(@Bind("connection") String connection, @Bind("name") String name, @Bind("sealed") String sealed);
}
