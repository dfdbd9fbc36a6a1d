-- Approvals (Workiva-style steps). The task row carries the current round, state and step, so a
-- decision is a compare-and-set on that row; responses have one row per participant and step.

ALTER TABLE tasks ADD COLUMN approval_round INTEGER;
ALTER TABLE tasks ADD COLUMN approval_state TEXT;
ALTER TABLE tasks ADD COLUMN approval_step INTEGER;
-- Which task system holds the task ('builtin' = this database) and its id there.
ALTER TABLE tasks ADD COLUMN connection TEXT NOT NULL DEFAULT 'builtin';
ALTER TABLE tasks ADD COLUMN external_id TEXT;

CREATE TABLE approval_steps (
    task_id   BIGINT  NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    round     INTEGER NOT NULL,
    position  INTEGER NOT NULL,
    mode      TEXT    NOT NULL,
    due_at    BIGINT,
    PRIMARY KEY (task_id, round, position)
);

CREATE TABLE approval_participants (
    task_id   BIGINT  NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    round     INTEGER NOT NULL,
    position  INTEGER NOT NULL,
    user_id   TEXT    NOT NULL,
    PRIMARY KEY (task_id, round, position, user_id)
);
CREATE INDEX approval_participants_user ON approval_participants (user_id);

CREATE TABLE approval_responses (
    task_id    BIGINT  NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    round      INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    user_id    TEXT    NOT NULL,
    decision   TEXT    NOT NULL,
    comment    TEXT,
    created_at BIGINT  NOT NULL,
    PRIMARY KEY (task_id, round, position, user_id)
);

-- Every Slack message that shows an approval request, so each can be updated after a decision.
CREATE TABLE approval_messages (
    task_id  BIGINT  NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    round    INTEGER NOT NULL,
    channel  TEXT    NOT NULL,
    ts       TEXT    NOT NULL,
    user_id  TEXT,
    PRIMARY KEY (channel, ts)
);
CREATE INDEX approval_messages_task ON approval_messages (task_id, round);
