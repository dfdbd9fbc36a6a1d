package io.taskbridge.recurring;

import io.taskbridge.platform.WorkspaceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/** The recurring_series and recurring_occurrences tables. */
interface SeriesDao {
    String COLUMNS = "s.id, s.workspace, s.rule, s.zone, s.created_by, s.title, s.occurrence, s.next_at, s.state,"
            + " (SELECT o.task_id FROM recurring_occurrences o WHERE o.series_id = s.id AND o.occurrence = s.occurrence)"
            + " AS current_task";

    /** What a new series copies into every occurrence. */
    record Template(String workspace, String rule, String zone, String createdBy, long firstTask, String title,
                    String description, String priority, String assignee, String tags, Long warningS, String slackTeam,
                    String slackChannel, String slackKind, long nextAt, long createdAt) {}

    @SqlQuery("INSERT INTO recurring_series (workspace, rule, zone, created_by, first_task, title, description, priority,"
            + " assignee, tags, warning_s, slack_team, slack_channel, slack_kind, occurrence, next_at, created_at)"
            + " VALUES (:workspace, :rule, :zone, :createdBy, :firstTask, :title, :description, :priority, :assignee,"
            + " :tags, :warningS, :slackTeam, :slackChannel, :slackKind, 1, :nextAt, :createdAt) RETURNING id")
    long insert(@BindMethods Template t);

    @SqlUpdate("INSERT INTO recurring_occurrences (series_id, occurrence, task_id, due_at) VALUES (:s, :n, :task, :due)")
    void insertOccurrence(@Bind("s") long seriesId, @Bind("n") int occurrence, @Bind("task") long taskId,
                          @Bind("due") long dueAt);

    @SqlQuery("SELECT id FROM recurring_series WHERE first_task = :task")
    Optional<Long> byFirstTask(@Bind("task") long taskId);

    @SqlQuery("SELECT " + COLUMNS + " FROM recurring_series s WHERE s.id = :id")
    @UseRowMapper(Mapper.class)
    Optional<Series> find(@Bind("id") long id);

    /** The series any of whose occurrences is {@code taskId}. */
    @SqlQuery("SELECT " + COLUMNS + " FROM recurring_series s JOIN recurring_occurrences x ON x.series_id = s.id"
            + " WHERE x.task_id = :task")
    @UseRowMapper(Mapper.class)
    Optional<Series> ofTask(@Bind("task") long taskId);

    @SqlQuery("SELECT " + COLUMNS + " FROM recurring_series s WHERE s.workspace = :ws AND s.state = 'active'"
            + " ORDER BY s.id LIMIT :limit")
    @UseRowMapper(Mapper.class)
    List<Series> active(@Bind("ws") String workspace, @Bind("limit") int limit);

    /** Series whose next occurrence is due, through the (state, next_at) index. */
    @SqlQuery("SELECT " + COLUMNS + " FROM recurring_series s WHERE s.state = 'active' AND s.next_at <= :now"
            + " ORDER BY s.next_at LIMIT :limit")
    @UseRowMapper(Mapper.class)
    List<Series> due(@Bind("now") long now, @Bind("limit") int limit);

    /** Claims occurrence {@code seen + 1}: only the transaction that moves the number from {@code seen} makes it. */
    @SqlUpdate("UPDATE recurring_series SET occurrence = occurrence + 1, next_at = :next"
            + " WHERE id = :id AND occurrence = :seen AND state = 'active'")
    int advance(@Bind("id") long id, @Bind("seen") int seen, @Bind("next") long nextAt);

    @SqlUpdate("UPDATE recurring_series SET state = 'stopped', stopped_by = :by WHERE id = :id AND state = 'active'")
    int stop(@Bind("id") long id, @Bind("by") String by);

    @SqlQuery("SELECT title, description, priority, assignee, tags, warning_s, slack_team, slack_channel, slack_kind"
            + " FROM recurring_series WHERE id = :id")
    @UseRowMapper(TemplateRow.Mapper.class)
    TemplateRow template(@Bind("id") long id);

    /** The parts of the template an occurrence copies. */
    record TemplateRow(String title, Optional<String> description, String priority, Optional<String> assignee,
                       String tags, Optional<Long> warningS, Optional<String> slackTeam, Optional<String> slackChannel,
                       Optional<String> slackKind) {
        /** Public for Jdbi's reflection. */
        public static final class Mapper implements RowMapper<TemplateRow> {
            @Override
            public TemplateRow map(ResultSet rs, StatementContext ctx) throws SQLException {
                long w = rs.getLong("warning_s");
                Optional<Long> warning = rs.wasNull() ? Optional.empty() : Optional.of(w);
                return new TemplateRow(rs.getString("title"), Optional.ofNullable(rs.getString("description")),
                        rs.getString("priority"), Optional.ofNullable(rs.getString("assignee")), rs.getString("tags"),
                        warning, Optional.ofNullable(rs.getString("slack_team")),
                        Optional.ofNullable(rs.getString("slack_channel")), Optional.ofNullable(rs.getString("slack_kind")));
            }
        }
    }

    /** Public for Jdbi's reflection. */
    final class Mapper implements RowMapper<Series> {
        @Override
        public Series map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Series(rs.getLong("id"), new WorkspaceId(rs.getString("workspace")),
                    Recurrence.parse(rs.getString("rule")), ZoneId.of(rs.getString("zone")), rs.getString("created_by"),
                    rs.getString("title"), rs.getInt("occurrence"), rs.getLong("current_task"),
                    Instant.ofEpochMilli(rs.getLong("next_at")), "active".equals(rs.getString("state")));
        }
    }
}
