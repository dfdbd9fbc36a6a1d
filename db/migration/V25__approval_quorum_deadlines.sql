-- Quorum, deadlines that act, delegation and Slack user groups as approvers.
-- A step needs `required` approvals; NULL means every participant (what mode 'ALL' meant).
-- Steps written before this version keep their meaning: 'ONE' is a count of one, 'ALL' stays NULL.
ALTER TABLE approval_steps ADD COLUMN required INTEGER;
UPDATE approval_steps SET required = 1 WHERE mode = 'ONE';
-- What the step does when its due date passes: NULL only nudges (as before), 'EXPIRE' or 'ESCALATE'.
ALTER TABLE approval_steps ADD COLUMN on_due TEXT;
ALTER TABLE approval_steps ADD COLUMN escalate_to TEXT;
-- When that action was taken: set once, by the one instance that claims it.
ALTER TABLE approval_steps ADD COLUMN acted_at BIGINT;
-- Who handed this place over (delegation).
ALTER TABLE approval_participants ADD COLUMN delegated_from TEXT;

-- Slack user groups asked on a step; their members become participants when the step starts.
CREATE TABLE approval_groups (
    task_id     BIGINT  NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    round       INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    group_id    TEXT    NOT NULL,
    handle      TEXT    NOT NULL,
    expanded_at BIGINT,
    PRIMARY KEY (task_id, round, position, group_id)
);
-- The reminder tick looks for due step actions through this index: its cost follows the number due.
CREATE INDEX approval_steps_due_action ON approval_steps (due_at) WHERE on_due IS NOT NULL AND acted_at IS NULL;
