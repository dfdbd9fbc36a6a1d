package io.taskbridge.workspace;

import io.taskbridge.platform.WorkspaceId;
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
            "channel_connections", "subscriptions", "user_links");

    private LegacyRows() {}

    /** Moves the unresolved rows into {@code home}; gives how many moved. */
    public static int claim(Jdbi jdbi, WorkspaceId home) {
        if (home.equals(WorkspaceId.UNRESOLVED)) {
            return 0;
        }
        return jdbi.inTransaction(tx -> {
            int moved = 0;
            for (String table : TABLES) {
                moved += tx.createUpdate("UPDATE " + table + " SET workspace = :home WHERE workspace = :unresolved")
                        .bind("home", home.value()).bind("unresolved", WorkspaceId.UNRESOLVED.value()).execute();
            }
            return moved;
        });
    }
}
