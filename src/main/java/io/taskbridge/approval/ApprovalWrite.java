package io.taskbridge.approval;

import io.taskbridge.platform.Sql;
import io.taskbridge.task.Task;
import io.taskbridge.task.TaskRead;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The writes of a decision, as plain statements ({@link Sql}): every Approve and Reject click runs
 * them inside its group commit, where a SqlObject call cost more than SQLite's own work. The SQL is
 * {@link ApprovalDao}'s, so the DAO and this say the same thing.
 */
final class ApprovalWrite {
    private static final Sql CLAIM_STEP = Sql.of(ApprovalDao.CLAIM_STEP + " RETURNING " + TaskRead.COLUMNS + ", "
            + ApprovalDao.HEAD_COLUMNS);
    private static final Sql INSERT_RESPONSE = Sql.of(ApprovalDao.INSERT_RESPONSE);
    private static final Sql ADVANCE = Sql.of(ApprovalDao.ADVANCE);
    private static final Sql FINISH = Sql.of(ApprovalDao.FINISH);

    private ApprovalWrite() {}

    /**
     * The task as {@link #claimStep} left it, and its approval columns; the claim returns the task
     * without its tags ({@link TaskRead#tagged} adds them).
     */
    record Claimed(Task task, ApprovalDao.Head head) {}

    /**
     * Claims step {@code position} of round {@code round} ({@link ApprovalDao#CLAIM_STEP}) and
     * returns the row it claimed: the task whoever claims it starts from is read with the claim, in
     * one statement, not after it. Empty when that step is not the one waiting, and nothing changed.
     */
    static Optional<Claimed> claimStep(Handle tx, long taskId, int round, int position, long now) {
        ApprovalDao.Head.Mapper heads = new ApprovalDao.Head.Mapper();
        return CLAIM_STEP.on(tx).bind("id", taskId).bind("round", round).bind("pos", position).bind("now", now)
                .one((rs, ctx) -> new Claimed(TaskRead.row(rs), heads.map(rs, ctx)));
    }

    /** True when recorded, false when this participant had already answered this step. */
    static boolean insertResponse(Handle tx, long taskId, int round, int position, String userId, Decision decision,
                                  Optional<String> comment, long now) {
        return INSERT_RESPONSE.on(tx).bind("id", taskId).bind("round", round).bind("pos", position).bind("user", userId)
                .bind("decision", decision.name()).bind("comment", comment.orElse(null)).bind("now", now).execute() > 0;
    }

    /** The round moves on to step {@code next}. */
    static void advance(Handle tx, long taskId, int next) {
        ADVANCE.on(tx).bind("id", taskId).bind("next", next).execute();
    }

    /** The round ends in {@code state}, and the task goes to that state's status ({@link Approval.State#taskStatus}). */
    static void finish(Handle tx, long taskId, Approval.State state) {
        FINISH.on(tx).bind("id", taskId).bind("state", state.name()).bind("status", state.taskStatus().name()).execute();
    }
}
