package io.taskbridge.reminder;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code channel_digests} table, one row per workspace and channel (the same channel id in two
 * workspaces is two channels); a due digest is claimed by moving {@code next_at} on with a compare-and-set.
 */
@RegisterRowMapper(DigestRow.Mapper.class)
public interface DigestDao {
    String COLUMNS = "channel, team, local_time, zone, next_at, workspace";

    /** The default digest for a channel that has none yet; a channel's own choice (even "off") stays. */
    String SET_IF_ABSENT = "INSERT INTO channel_digests (channel, team, local_time, zone, next_at, updated_at, workspace)"
            + " VALUES (:channel, :team, :time, :zone, :nextAt, :now, :workspace)"
            + " ON CONFLICT (workspace, channel) DO NOTHING";

    /** Sets a channel's digest; {@code nextAt} null turns it off. */
    @SqlUpdate("INSERT INTO channel_digests (channel, team, local_time, zone, next_at, updated_at, workspace)"
            + " VALUES (:channel, :team, :time, :zone, :nextAt, :now, :workspace)"
            + " ON CONFLICT (workspace, channel) DO UPDATE SET local_time = excluded.local_time,"
            + " zone = excluded.zone, next_at = excluded.next_at, updated_at = excluded.updated_at")
    void set(@Bind("channel") String channel, @Bind("team") String team, @Bind("time") String localTime,
             @Bind("zone") String zone, @Bind("nextAt") Long nextAt, @Bind("now") long now,
             @Bind("workspace") String workspace);

    @SqlQuery("SELECT " + COLUMNS + " FROM channel_digests WHERE next_at <= :now ORDER BY next_at LIMIT :limit")
    List<DigestRow> due(@Bind("now") long now, @Bind("limit") int limit);

    @SqlUpdate("UPDATE channel_digests SET next_at = :next WHERE workspace = :workspace AND channel = :channel"
            + " AND next_at = :seen")
    int claim(@Bind("workspace") String workspace, @Bind("channel") String channel, @Bind("seen") long seen,
              @Bind("next") long next);

    @SqlQuery("SELECT " + COLUMNS + " FROM channel_digests WHERE workspace = :workspace AND channel = :channel")
    Optional<DigestRow> find(@Bind("workspace") String workspace, @Bind("channel") String channel);
}
