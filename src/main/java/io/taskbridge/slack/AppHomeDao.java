package io.taskbridge.slack;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Who has opened Taskbridge's Home tab, per workspace (V24's {@code app_homes}). */
interface AppHomeDao {
    @SqlUpdate("INSERT INTO app_homes (workspace, user_id, opened_at) VALUES (:workspace, :user, :at)"
            + " ON CONFLICT (workspace, user_id) DO UPDATE SET opened_at = excluded.opened_at")
    void opened(@Bind("workspace") String workspace, @Bind("user") String user, @Bind("at") long at);

    /**
     * Those of {@code users} who have opened their home in {@code workspace}: asked on every task
     * change, so {@link HomeRefresh} runs it as a plain statement rather than attaching this DAO.
     */
    String OPENED_AMONG = "SELECT user_id FROM app_homes WHERE workspace = :workspace AND user_id IN (<users>)"
            + " ORDER BY user_id";
}
