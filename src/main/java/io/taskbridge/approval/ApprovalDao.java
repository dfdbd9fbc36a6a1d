package io.taskbridge.approval;

import io.taskbridge.approval.Approval;
import io.taskbridge.approval.ApprovalResponse;
import io.taskbridge.approval.ApprovalStep;
import io.taskbridge.approval.CompletionMode;
import io.taskbridge.approval.Decision;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/**
 * Approval rounds, steps, participants and responses. The decision path relies on two database
 * guarantees: {@link #claimStep} is a compare-and-set on the task row (and, on PostgreSQL, makes
 * concurrent deciders of one task wait for each other), and {@link #insertResponse} records at
 * most one response per participant and step (the primary key).
 */
public interface ApprovalDao extends SqlObject {

    /** The task row's approval columns. */
    record Head(long taskId, Optional<Integer> round, Optional<Approval.State> state, int step, String connection,
                Optional<String> externalId) {
        /** Public for Jdbi's reflection. */
        public static final class Mapper implements RowMapper<Head> {
            @Override
            public Head map(ResultSet rs, StatementContext ctx) throws SQLException {
                int round = rs.getInt("approval_round");
                Optional<Integer> r = rs.wasNull() ? Optional.empty() : Optional.of(round);
                String state = rs.getString("approval_state");
                return new Head(rs.getLong("id"), r,
                        Optional.ofNullable(state).map(Approval.State::valueOf), rs.getInt("approval_step"),
                        rs.getString("connection"), Optional.ofNullable(rs.getString("external_id")));
            }
        }
    }

    @SqlQuery("SELECT id, approval_round, approval_state, approval_step, connection, external_id FROM tasks WHERE id = :id")
    @UseRowMapper(Head.Mapper.class)
    Optional<Head> head(@Bind("id") long taskId);

    /** Starts a round if the task has not changed since it was read (compare-and-set on version). */
    @SqlUpdate("UPDATE tasks SET approval_round = :round, approval_state = 'PENDING', approval_step = 0,"
            + " approval_requested_by = :askedBy,"
            + " status = :status, updated_at = :now, version = version + 1 WHERE id = :id AND version = :version")
    int startRound(@Bind("id") long taskId, @Bind("version") long version, @Bind("round") int round,
                   @Bind("status") String status, @Bind("now") long now, @Bind("askedBy") String askedBy);

    /** Who asked for the task's latest round ('' when nobody did, or before that was recorded). */
    @SqlQuery("SELECT COALESCE(approval_requested_by, '') FROM tasks WHERE id = :id")
    Optional<String> requestedBy(@Bind("id") long taskId);

    @SqlUpdate("INSERT INTO approval_steps (task_id, round, position, mode, due_at) VALUES (:id, :round, :pos, :mode, :due)")
    void insertStep(@Bind("id") long taskId, @Bind("round") int round, @Bind("pos") int position,
                    @Bind("mode") String mode, @Bind("due") Long dueAt);

    @SqlUpdate("INSERT INTO approval_participants (task_id, round, position, user_id) VALUES (:id, :round, :pos, :user)")
    void insertParticipant(@Bind("id") long taskId, @Bind("round") int round, @Bind("pos") int position,
                           @Bind("user") String userId);

    /**
     * Claims the right to decide on a step: succeeds only while that step of that round is the
     * pending one. Bumps the task's version so concurrent edits of the task retry.
     */
    @SqlUpdate("UPDATE tasks SET version = version + 1, updated_at = :now WHERE id = :id AND approval_round = :round"
            + " AND approval_step = :pos AND approval_state = 'PENDING' AND status = 'REVIEW'")
    int claimStep(@Bind("id") long taskId, @Bind("round") int round, @Bind("pos") int position, @Bind("now") long now);

    @SqlQuery("SELECT COUNT(*) FROM approval_participants WHERE task_id = :id AND round = :round AND position = :pos"
            + " AND user_id = :user")
    int isParticipant(@Bind("id") long taskId, @Bind("round") int round, @Bind("pos") int position,
                      @Bind("user") String userId);

    /** 1 when recorded, 0 when this participant had already answered this step. */
    @SqlUpdate("INSERT INTO approval_responses (task_id, round, position, user_id, decision, comment, created_at)"
            + " VALUES (:id, :round, :pos, :user, :decision, :comment, :now) ON CONFLICT DO NOTHING")
    int insertResponse(@Bind("id") long taskId, @Bind("round") int round, @Bind("pos") int position,
                       @Bind("user") String userId, @Bind("decision") String decision, @Bind("comment") String comment,
                       @Bind("now") long now);

    @SqlUpdate("UPDATE tasks SET approval_step = :next WHERE id = :id")
    void advance(@Bind("id") long taskId, @Bind("next") int next);

    @SqlUpdate("UPDATE tasks SET approval_state = :state, status = :status WHERE id = :id")
    void finish(@Bind("id") long taskId, @Bind("state") String state, @Bind("status") String status);

    record StepRow(int position, String mode, Long dueAt) {
        /** Public for Jdbi's reflection. */
        public static final class Mapper implements RowMapper<StepRow> {
            @Override
            public StepRow map(ResultSet rs, StatementContext ctx) throws SQLException {
                long due = rs.getLong("due_at");
                Long dueAt = rs.wasNull() ? null : due;
                return new StepRow(rs.getInt("position"), rs.getString("mode"), dueAt);
            }
        }
    }

    record ParticipantRow(int position, String userId) {
        /** Public for Jdbi's reflection. */
        public static final class Mapper implements RowMapper<ParticipantRow> {
            @Override
            public ParticipantRow map(ResultSet rs, StatementContext ctx) throws SQLException {
                return new ParticipantRow(rs.getInt("position"), rs.getString("user_id"));
            }
        }
    }

    record ResponseRow(int position, ApprovalResponse response) {
        /** Public for Jdbi's reflection. */
        public static final class Mapper implements RowMapper<ResponseRow> {
            @Override
            public ResponseRow map(ResultSet rs, StatementContext ctx) throws SQLException {
                return new ResponseRow(rs.getInt("position"), new ApprovalResponse(rs.getString("user_id"),
                        Decision.valueOf(rs.getString("decision")), Optional.ofNullable(rs.getString("comment")),
                        Instant.ofEpochMilli(rs.getLong("created_at"))));
            }
        }
    }

    @SqlQuery("SELECT position, mode, due_at FROM approval_steps WHERE task_id = :id AND round = :round ORDER BY position")
    @UseRowMapper(StepRow.Mapper.class)
    List<StepRow> steps(@Bind("id") long taskId, @Bind("round") int round);

    @SqlQuery("SELECT position, user_id FROM approval_participants WHERE task_id = :id AND round = :round"
            + " ORDER BY position, user_id")
    @UseRowMapper(ParticipantRow.Mapper.class)
    List<ParticipantRow> participants(@Bind("id") long taskId, @Bind("round") int round);

    @SqlQuery("SELECT position, user_id, decision, comment, created_at FROM approval_responses"
            + " WHERE task_id = :id AND round = :round ORDER BY created_at, user_id")
    @UseRowMapper(ResponseRow.Mapper.class)
    List<ResponseRow> responses(@Bind("id") long taskId, @Bind("round") int round);

    /** Tasks whose current step waits for {@code userId}'s answer. */
    @SqlQuery("SELECT t.id FROM tasks t JOIN approval_participants p ON p.task_id = t.id"
            + " AND p.round = t.approval_round AND p.position = t.approval_step"
            + " WHERE t.approval_state = 'PENDING' AND t.status = 'REVIEW' AND p.user_id = :user AND NOT EXISTS (SELECT 1 FROM approval_responses r"
            + " WHERE r.task_id = t.id AND r.round = t.approval_round AND r.position = t.approval_step AND r.user_id = :user)"
            + " ORDER BY t.id LIMIT :limit")
    List<Long> waitingFor(@Bind("user") String userId, @Bind("limit") int limit);

    @SqlUpdate("INSERT INTO approval_messages (task_id, round, channel, ts, user_id) VALUES (:id, :round, :channel, :ts, :user)"
            + " ON CONFLICT DO NOTHING")
    void rememberMessage(@Bind("id") long taskId, @Bind("round") int round, @Bind("channel") String channel,
                         @Bind("ts") String ts, @Bind("user") String userId);

    record MessageRow(String channel, String ts, Optional<String> userId) {
        /** Public for Jdbi's reflection. */
        public static final class Mapper implements RowMapper<MessageRow> {
            @Override
            public MessageRow map(ResultSet rs, StatementContext ctx) throws SQLException {
                return new MessageRow(rs.getString("channel"), rs.getString("ts"), Optional.ofNullable(rs.getString("user_id")));
            }
        }
    }

    @SqlQuery("SELECT channel, ts, user_id FROM approval_messages WHERE task_id = :id AND round = :round")
    @UseRowMapper(MessageRow.Mapper.class)
    List<MessageRow> messages(@Bind("id") long taskId, @Bind("round") int round);

    /** The task's latest approval round, as it stands. */
    default Optional<Approval> find(long taskId) {
        Optional<Head> head = head(taskId);
        if (head.isEmpty() || head.get().round().isEmpty()) {
            return Optional.empty();
        }
        int round = head.get().round().get();
        List<ParticipantRow> people = participants(taskId, round);
        List<ResponseRow> answers = responses(taskId, round);
        List<ApprovalStep> steps = new ArrayList<>();
        for (StepRow s : steps(taskId, round)) {
            steps.add(new ApprovalStep(s.position(), CompletionMode.valueOf(s.mode()),
                    people.stream().filter(p -> p.position() == s.position()).map(ParticipantRow::userId).toList(),
                    Optional.ofNullable(s.dueAt()).map(Instant::ofEpochMilli),
                    answers.stream().filter(a -> a.position() == s.position()).map(ResponseRow::response).toList()));
        }
        return Optional.of(new Approval(taskId, round, head.get().state().orElse(Approval.State.PENDING),
                head.get().step(), steps));
    }
}
