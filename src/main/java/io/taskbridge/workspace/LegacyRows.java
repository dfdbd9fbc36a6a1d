package io.taskbridge.workspace;

import io.taskbridge.platform.WorkspaceId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Rows from before workspaces existed (migration V13 gave them {@link WorkspaceId#UNRESOLVED})
 * belonged to the one workspace the service then served. Once the service knows that workspace (its
 * bot token's {@code auth.test}), they move there, in one transaction, so an upgrade loses nothing.
 */
public final class LegacyRows {
    /** Every table with a workspace column. */
    static final List<String> TABLES = List.of("tasks", "api_keys", "outbox", "channel_digests",
            "channel_connections", "subscriptions", "user_links", "connection_workspaces");

    /**
     * The keys (besides the workspace) of the tables keyed by workspace (migration V23): a row the
     * workspace wrote itself since the upgrade is newer than the unresolved one with the same key,
     * which gives way.
     */
    static final java.util.Map<String, String> KEYS = java.util.Map.of(
            "channel_digests", "h.channel = t.channel",
            "channel_connections", "h.channel = t.channel",
            "user_links", "h.connection = t.connection AND h.slack_user = t.slack_user");

    private LegacyRows() {}

    /**
     * Whether any row still waits for a workspace: only then must a start wait for Slack to name
     * the bot token's workspace (a fresh database, or one claimed already, has none).
     */
    public static boolean waiting(Jdbi jdbi) {
        // Plain JDBC: this runs on every start, after the schema and before the port opens, and it
        // would be the service's first Jdbi statement (~0.14 s of cold parsing and mapping there).
        return jdbi.withHandle(h -> {
            for (String table : TABLES) {
                try (PreparedStatement any = h.getConnection().prepareStatement(
                        "SELECT 1 FROM " + table + " WHERE workspace = ? LIMIT 1")) {
                    any.setString(1, WorkspaceId.UNRESOLVED.value());
                    try (ResultSet row = any.executeQuery()) {
                        if (row.next()) {
                            return true;
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("could not look for rows from before workspaces in " + table, e);
                }
            }
            return false;
        });
    }

    /** Moves the unresolved rows into {@code home}; gives how many moved. */
    public static int claim(Jdbi jdbi, WorkspaceId home) {
        if (home.equals(WorkspaceId.UNRESOLVED)) {
            return 0;
        }
        return jdbi.inTransaction(tx -> {
            int moved = 0;
            for (String table : TABLES) {
                if (KEYS.containsKey(table)) {
                    tx.createUpdate("DELETE FROM " + table + " WHERE workspace = :unresolved AND EXISTS (SELECT 1 FROM "
                                    + table + " h WHERE h.workspace = :home AND "
                                    + KEYS.get(table).replace("t.", table + ".") + ")")
                            .bind("home", home.value()).bind("unresolved", WorkspaceId.UNRESOLVED.value()).execute();
                }
                moved += tx.createUpdate("UPDATE " + table + " SET workspace = :home WHERE workspace = :unresolved")
                        .bind("home", home.value()).bind("unresolved", WorkspaceId.UNRESOLVED.value()).execute();
            }
            return moved;
        });
    }
}
