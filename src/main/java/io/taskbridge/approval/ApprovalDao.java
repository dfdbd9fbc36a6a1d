package io.taskbridge.approval;

import io.taskbridge.approval.Approval;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * guarantees: {@link #CLAIM_STEP} is a compare-and-set on the task row (and, on PostgreSQL, makes
 * concurrent deciders of one task wait for each other), and {@link #INSERT_RESPONSE} records at
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

    /** The columns {@link Head.Mapper} reads, but for {@code id}. */
    String HEAD_COLUMNS = "approval_round, approval_state, approval_step, connection, external_id";
    String HEAD = "SELECT id, " + HEAD_COLUMNS + " FROM tasks WHERE id = :id";

    /** The task row's approval columns, with a plain statement ({@link ApprovalRead}); a decision has them from its claim. */
    default Optional<Head> head(long taskId) {
        return ApprovalRead.head(getHandle(), taskId);
    }

    /** Starts a round if the task has not changed since it was read (compare-and-set on version). */
    @SqlUpdate("UPDATE tasks SET approval_round = :round, approval_state = 'PENDING', approval_step = 0,"
            + " approval_requested_by = :askedBy,"
            + " status = :status, updated_at = :now, version = version + 1 WHERE id = :id AND version = :version")
    int startRound(@Bind("id") long taskId, @Bind("version") long version, @Bind("round") int round,
                   @Bind("status") String status, @Bind("now") long now, @Bind("askedBy") String askedBy);

    /** Who asked for the task's latest round ('' when nobody did, or before that was recorded). */
    String REQUESTED_BY = "SELECT COALESCE(approval_requested_by, '') FROM tasks WHERE id = :id";

    @SqlQuery(REQUESTED_BY)
    Optional<String> requestedBy(@Bind("id") long taskId);

    @SqlUpdate("INSERT INTO approval_steps (task_id, round, position, mode, required, due_at, on_due, escalate_to)"
            + " VALUES (:id, :round, :pos, :mode, :required, :due, :onDue, :escalateTo)")
    void insertStep(@Bind("id") long taskId, @Bind("round") int round, @Bind("pos") int position,
                    @Bind("mode") String mode, @Bind("required") Integer required, @Bind("due") Long dueAt,
                    @Bind("onDue") String onDue, @Bind("escalateTo") String escalateTo);

    @SqlUpdate("INSERT INTO approval_groups (task_id, round, position, group_id, handle) VALUES (:id, :round, :pos, :group, :handle)")
    void insertGroup(@Bind("id") long taskId, @Bind("round") int round, @Bind("pos") int position,
                     @Bind("group") String groupId, @Bind("handle") String handle);

    /** 1 for the one expansion of a group that counts, 0 when it was expanded already (a retry). */
    @SqlUpdate("UPDATE approval_groups SET expanded_at = :now WHERE task_id = :id AND round = :round AND position = :pos"
            + " AND group_id = :group AND expanded_at IS NULL")
    int markExpanded(@Bind("id") long taskId, @Bind("round") int round, @Bind("pos") int position,
                     @Bind("group") String groupId, @Bind("now") long now);

    /** Hands {@code from}'s place on a step to {@code to}, remembering who handed it over. */
    @SqlUpdate("UPDATE approval_participants SET user_id = :to, delegated_from = :from WHERE task_id = :id"
            + " AND round = :round AND position = :pos AND user_id = :from")
    int handOver(@Bind("id") long taskId, @Bind("round") int round, @Bind("pos") int position,
                 @Bind("from") String from, @Bind("to") String to);

    /** Fixes a step's count (an escalation keeps an everyone step at the number it had). */
    @SqlUpdate("UPDATE approval_steps SET required = :required WHERE task_id = :id AND round = :round AND position = :pos")
    void setRequired(@Bind("id") long taskId, @Bind("round") int round, @Bind("pos") int position,
                     @Bind("required") int required);

    /**
     * Claims a step's due-date action: 1 for the one caller that acts, 0 for everyone after (another
     * instance's tick, a retry). On PostgreSQL a concurrent claimer waits and then finds it taken.
     */
    @SqlUpdate("UPDATE approval_steps SET acted_at = :now WHERE task_id = :id AND round = :round AND position = :pos"
            + " AND acted_at IS NULL")
    int claimDueAction(@Bind("id") long taskId, @Bind("round") int round, @Bind("pos") int position,
                       @Bind("now") long now);

    /** A step whose due-date action is due: the waiting step of its task, past due, not acted on. */
    record DueStep(long taskId, int round, int position) {}

    @SqlQuery("SELECT s.task_id, s.round, s.position FROM approval_steps s JOIN tasks t ON t.id = s.task_id"
            + " AND t.approval_round = s.round AND t.approval_step = s.position"
            + " WHERE s.on_due IS NOT NULL AND s.acted_at IS NULL AND s.due_at <= :now"
            + " AND t.approval_state = 'PENDING' AND t.status = 'REVIEW' ORDER BY s.due_at LIMIT :limit")
    @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(DueStep.class)
    List<DueStep> dueActions(@Bind("now") long now, @Bind("limit") int limit);

    @SqlUpdate("INSERT INTO approval_participants (task_id, round, position, user_id) VALUES (:id, :round, :pos, :user)")
    void insertParticipant(@Bind("id") long taskId, @Bind("round") int round, @Bind("pos") int position,
                           @Bind("user") String userId);

    /**
     * Claims the right to decide on a step: changes the row only while that step of that round is the
     * pending one. Bumps the task's version so concurrent edits of the task retry.
     */
    String CLAIM_STEP = "UPDATE tasks SET version = version + 1, updated_at = :now WHERE id = :id AND approval_round = :round"
            + " AND approval_step = :pos AND approval_state = 'PENDING' AND status = 'REVIEW'";


    String INSERT_RESPONSE = "INSERT INTO approval_responses (task_id, round, position, user_id, decision, comment,"
            + " created_at) VALUES (:id, :round, :pos, :user, :decision, :comment, :now) ON CONFLICT DO NOTHING";


    String ADVANCE = "UPDATE tasks SET approval_step = :next WHERE id = :id";
    String FINISH = "UPDATE tasks SET approval_state = :state, status = :status WHERE id = :id";

    /**
     * A round's steps, approvers, answers and user groups, in one statement ({@link ApprovalRead}):
     * one row each, with its {@code kind} (0 a step, 1 an approver, 2 an answer, 3 a group), in the
     * order of kind and then {@code o1}, {@code o2}: steps by position; approvers by position and
     * person; answers by time and person; groups by position and id. What {@code t1}-{@code t3} and
     * {@code n1}, {@code n2} hold depends on the kind (ApprovalRead names them). With the head read
     * before them, the four statements this replaces were a sixth of the writer's time (that every
     * write waits for) on Approve clicks.
     */
    String ROUND = "SELECT 0 AS kind, position, position AS o1, '' AS o2, mode AS t1, on_due AS t2, escalate_to AS t3,"
            + " required AS n1, due_at AS n2 FROM approval_steps WHERE task_id = :id AND round = :round"
            + " UNION ALL SELECT 1, position, position, user_id, user_id, delegated_from, NULL, NULL, NULL"
            + " FROM approval_participants WHERE task_id = :id AND round = :round"
            + " UNION ALL SELECT 2, position, created_at, user_id, user_id, decision, comment, created_at, NULL"
            + " FROM approval_responses WHERE task_id = :id AND round = :round"
            + " UNION ALL SELECT 3, position, position, group_id, group_id, handle, NULL, expanded_at, NULL"
            + " FROM approval_groups WHERE task_id = :id AND round = :round"
            + " ORDER BY kind, o1, o2";

    /** Tasks of {@code workspace} whose current step waits for {@code userId}'s answer. */
    @SqlQuery("SELECT t.id FROM tasks t JOIN approval_participants p ON p.task_id = t.id"
            + " AND p.round = t.approval_round AND p.position = t.approval_step"
            + " WHERE t.workspace = :workspace AND t.approval_state = 'PENDING' AND t.status = 'REVIEW'"
            + " AND p.user_id = :user AND NOT EXISTS (SELECT 1 FROM approval_responses r"
            + " WHERE r.task_id = t.id AND r.round = t.approval_round AND r.position = t.approval_step AND r.user_id = :user)"
            + " ORDER BY t.id LIMIT :limit")
    List<Long> waitingFor(@Bind("workspace") String workspace, @Bind("user") String userId, @Bind("limit") int limit);

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

    /**
     * The approvers of every step of the task's current round ({@code :id}), as {@link #find} lists
     * them: one statement, for a reader that needs only the people (whose App Home a change touches).
     */
    String APPROVERS = "SELECT p.user_id FROM approval_participants p JOIN tasks t ON t.id = p.task_id"
            + " AND p.round = t.approval_round WHERE p.task_id = :id ORDER BY p.position, p.user_id";

    /**
     * {@link #APPROVERS} with the round and who asked for it, for a permission check: one row per
     * approver, or one with a null {@code user_id} when nobody is; a null round when there is none.
     */
    String PARTIES = "SELECT t.approval_round, COALESCE(t.approval_requested_by, '') AS asker, p.user_id FROM tasks t"
            + " LEFT JOIN approval_participants p ON p.task_id = t.id AND p.round = t.approval_round WHERE t.id = :id";

    /** The task's latest approval round, with plain statements ({@link ApprovalRead}): every decision reads it. */
    default Optional<Approval> find(long taskId) {
        return ApprovalRead.find(getHandle(), taskId);
    }
}
