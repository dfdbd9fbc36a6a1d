-- Workflow Builder steps (#16b): a function execution Slack started, kept until Taskbridge has
-- completed it (functions.completeSuccess / completeError through the outbox), so a restart
-- while a step waits for an approval loses nothing. token is the execution's bot_access_token,
-- sealed with TASKBRIDGE_ENCRYPTION_KEY (AES-GCM) and cleared once the completion is delivered.
-- state: WAITING (for a decision on task_id's approval), COMPLETED (its completion is queued);
-- WAITING -> COMPLETED is a compare-and-set, so a step completes once.
CREATE TABLE function_executions (
    execution_id TEXT   NOT NULL PRIMARY KEY,
    workspace    TEXT   NOT NULL,
    callback_id  TEXT   NOT NULL,
    task_id      BIGINT,
    token        TEXT,
    state        TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    completed_at BIGINT
);
CREATE INDEX function_executions_task ON function_executions (task_id, state);
