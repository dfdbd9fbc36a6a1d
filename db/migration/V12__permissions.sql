-- Who may see and change a task (issue 14). Portable between SQLite and PostgreSQL.

-- The kind of Slack conversation the task lives in: PUBLIC, PRIVATE, DM or GROUP_DM.
-- NULL means not known yet (rows from before this migration, tasks a REST key posted to a
-- channel): such a task is treated as private until Slack's conversations.info says otherwise.
ALTER TABLE tasks ADD COLUMN slack_conversation_kind TEXT;
-- Who asked for the current approval round: they may not approve it. NULL for rounds from
-- before this migration, where only the creator rule applies.
ALTER TABLE tasks ADD COLUMN approval_requested_by TEXT;

-- A D… channel is always a direct message; every other existing channel stays unknown (private).
UPDATE tasks SET slack_conversation_kind = 'DM' WHERE slack_channel LIKE 'D%';
