package io.taskbridge.outbox;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The outbox table. Rows are claimed with a compare-and-set on {@code lease_until}, so two workers
 * (or two instances) never deliver the same row at once, and a crashed worker's lease runs out.
 */
@RegisterRowMapper(OutboxRow.Mapper.class)
public interface OutboxDao {
    String COLUMNS = "id, kind, payload, channel, state, attempts, version, next_attempt_at, lease_until, last_error, created_at, workspace";

    /** A row without a dedupe key: each is a row of its own. */
    String INSERT = "INSERT INTO outbox (kind, channel, payload, next_attempt_at, created_at, workspace)"
            + " VALUES (:kind, :channel, :payload, :at, :at, :workspace)";

    /**
     * Adds a row, or, when one with the same key waits already, marks it changed (a newer version)
     * so that a delivery already under way for the old version is done again. A dead row revives.
     * A new row is due at {@code due}; a waiting one keeps its due time.
     */
    String UPSERT = "INSERT INTO outbox (kind, dedupe_key, channel, payload, next_attempt_at, created_at, workspace)"
            + " VALUES (:kind, :key, :channel, :payload, :due, :at, :workspace)"
            + " ON CONFLICT (dedupe_key) DO UPDATE SET version = outbox.version + 1, payload = excluded.payload,"
            + " attempts = CASE WHEN outbox.state = 'dead' THEN 0 ELSE outbox.attempts END,"
            + " next_attempt_at = CASE WHEN outbox.state = 'dead' THEN excluded.next_attempt_at ELSE outbox.next_attempt_at END,"
            + " state = 'pending'";

    /** A row without a dedupe key (each is a row of its own), for {@link #insertAll}. */
    record NewRow(String kind, String channel, String payload, String workspace) {}

    /** Rows without a dedupe key, as one JDBC batch (one round trip on PostgreSQL, not one per row). */
    @SqlBatch(INSERT)
    void insertAll(@BindMethods List<NewRow> rows, @Bind("at") long at);

    /** Done: gone, unless the row changed while it was being delivered (then it is released to go again). */
    @SqlUpdate("DELETE FROM outbox WHERE id = :id AND version = :version")
    int delete(@Bind("id") long id, @Bind("version") long version);

    /**
     * The row changed while it was delivered: let it go again at once. It counts as tried once, so
     * its next delivery looks for a message it may already have posted (and repeated changes
     * don't use up its attempts).
     */
    @SqlUpdate("UPDATE outbox SET lease_until = 0, attempts = 1 WHERE id = :id")
    void release(@Bind("id") long id);

    @SqlUpdate("UPDATE outbox SET lease_until = 0, next_attempt_at = :at, last_error = :error WHERE id = :id")
    void retryAt(@Bind("id") long id, @Bind("at") long at, @Bind("error") String error);

    /** Waiting on the receiver's request (429) is not a failed attempt: the claim's count is given back. */
    @SqlUpdate("UPDATE outbox SET lease_until = 0, attempts = attempts - 1, next_attempt_at = :at, last_error = :error"
            + " WHERE id = :id")
    void waitUntil(@Bind("id") long id, @Bind("at") long at, @Bind("error") String error);

    @SqlUpdate("UPDATE outbox SET state = 'dead', lease_until = 0, last_error = :error WHERE id = :id")
    void bury(@Bind("id") long id, @Bind("error") String error);

    @SqlQuery("SELECT " + COLUMNS + " FROM outbox WHERE state = :state ORDER BY id LIMIT :limit")
    List<OutboxRow> inState(@Bind("state") String state, @Bind("limit") int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM outbox WHERE state = :state AND workspace = :workspace ORDER BY id LIMIT :limit")
    List<OutboxRow> inStateOf(@Bind("state") String state, @Bind("workspace") String workspace, @Bind("limit") int limit);

    /** When the row with this dedupe key is next due, while it waits (leased or not); empty when gone or dead. */
    @SqlQuery("SELECT next_attempt_at FROM outbox WHERE dedupe_key = :key AND state = 'pending'")
    java.util.Optional<Long> pendingAt(@Bind("key") String dedupeKey);

    /** Rows still waiting (for operators and tests). */
    @SqlQuery("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")
    int pending();
}
