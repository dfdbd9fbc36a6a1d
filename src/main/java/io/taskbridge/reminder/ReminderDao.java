package io.taskbridge.reminder;

import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/**
 * The {@code reminders} table. A due reminder is claimed by deleting it: the delete and the outbox
 * rows it causes commit together, and of two instances claiming at once exactly one deletes it.
 */
@RegisterRowMapper(ReminderRow.Mapper.class)
public interface ReminderDao {
    String COLUMNS = "id, task_id, kind, recipient, fire_at";

    /** Drops a task's reminders of the given kinds. */
    String DROP = "DELETE FROM reminders WHERE task_id = :task AND kind IN (<kinds>)";

    /** Plans (or re-plans) one reminder: a row for the same task, kind and recipient moves to {@code fireAt}. */
    String PLAN_INTO = "INSERT INTO reminders (task_id, kind, recipient, fire_at, created_at) VALUES ";
    String PLAN_ON_CONFLICT = " ON CONFLICT (task_id, kind, recipient) DO UPDATE SET fire_at = excluded.fire_at";
    String PLAN = PLAN_INTO + "(:task, :kind, :recipient, :fireAt, :now)" + PLAN_ON_CONFLICT;

    @SqlUpdate(PLAN)
    void plan(@Bind("task") long taskId, @Bind("kind") String kind, @Bind("recipient") String recipient,
              @Bind("fireAt") long fireAt, @Bind("now") long now);



    /**
     * Claims up to {@code limit} due reminders, oldest first (SQLite: the write lock makes it exclusive).
     * Ordered by {@code fire_at} alone, the order of its index: the read stops after {@code limit}
     * entries. (Ordering by {@code fire_at, id} made PostgreSQL read and sort every due reminder for
     * each batch: draining a backlog of n due read about n²/(2 limit) index entries.)
     */
    @SqlQuery("DELETE FROM reminders WHERE id IN (SELECT id FROM reminders WHERE fire_at <= :now"
            + " ORDER BY fire_at LIMIT :limit) RETURNING " + COLUMNS)
    List<ReminderRow> claimDue(@Bind("now") long now, @Bind("limit") int limit);

    /**
     * The same on PostgreSQL: rows another instance is claiming right now are skipped rather than
     * waited for, so two instances split a burst instead of queueing behind each other.
     */
    @SqlQuery("DELETE FROM reminders WHERE id IN (SELECT id FROM reminders WHERE fire_at <= :now"
            + " ORDER BY fire_at LIMIT :limit FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)
    List<ReminderRow> claimDueSkipLocked(@Bind("now") long now, @Bind("limit") int limit);

    /**
     * The tasks of a claimed batch, one read for all of them: only the columns a reminder needs
     * (no tags, no text). {@code taskIds} must not be empty; keep it to a batch (each id is a bound
     * parameter; the same SQL on SQLite and PostgreSQL).
     */
    @SqlQuery("SELECT " + ReminderTarget.COLUMNS + " FROM tasks WHERE id IN (<ids>)")
    @UseRowMapper(ReminderTarget.Mapper.class)
    List<ReminderTarget> targets(@BindList("ids") Collection<Long> taskIds);

    @SqlQuery("SELECT " + COLUMNS + " FROM reminders WHERE task_id = :task ORDER BY fire_at, id")
    List<ReminderRow> ofTask(@Bind("task") long taskId);

    @SqlQuery("SELECT COUNT(*) FROM reminders")
    int count();
}
