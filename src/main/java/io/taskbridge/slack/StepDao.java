package io.taskbridge.slack;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Workflow steps' function executions (V19 {@code function_executions}); SQL that runs on SQLite and PostgreSQL. */
public interface StepDao {
    String WAITING = "WAITING";
    String COMPLETED = "COMPLETED";

    /** 1 if recorded, 0 if this execution was recorded before (Slack retried the event). */
    @SqlUpdate("INSERT INTO function_executions (execution_id, workspace, callback_id, task_id, token, state, created_at)"
            + " VALUES (:id, :workspace, :callback, :task, :token, :state, :now) ON CONFLICT (execution_id) DO NOTHING")
    int insert(@Bind("id") String executionId, @Bind("workspace") String workspace, @Bind("callback") String callbackId,
               @Bind("task") Long taskId, @Bind("token") String sealedToken, @Bind("state") String state,
               @Bind("now") long now);

    @SqlQuery("SELECT state FROM function_executions WHERE execution_id = :id")
    Optional<String> state(@Bind("id") String executionId);

    @SqlQuery("SELECT task_id FROM function_executions WHERE execution_id = :id AND state = 'WAITING'")
    Optional<Long> waitingTask(@Bind("id") String executionId);

    /** The executions that wait on a task's approval (run as a plain statement: every decision asks). */
    String WAITING_FOR = "SELECT execution_id FROM function_executions WHERE task_id = :task AND state = 'WAITING'";

    @SqlQuery("SELECT workspace FROM function_executions WHERE execution_id = :id")
    Optional<String> workspace(@Bind("id") String executionId);

    /** The compare-and-set that completes a waiting execution once: 1 for the one caller that did it. */
    @SqlUpdate("UPDATE function_executions SET state = 'COMPLETED', completed_at = :now"
            + " WHERE execution_id = :id AND state = 'WAITING'")
    int complete(@Bind("id") String executionId, @Bind("now") long now);

    @SqlQuery("SELECT token FROM function_executions WHERE execution_id = :id AND token IS NOT NULL")
    Optional<String> sealedToken(@Bind("id") String executionId);

    /** Once Slack has the completion, the token is of no more use: it is not kept. */
    @SqlUpdate("UPDATE function_executions SET token = NULL WHERE execution_id = :id")
    void forgetToken(@Bind("id") String executionId);
}
