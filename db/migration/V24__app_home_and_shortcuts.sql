-- App Home and shortcuts (issue 16).
-- app_homes: who has opened Taskbridge's Home tab, per workspace. Only they get their home
-- republished (views.publish) after a change that touches their tasks; someone who never opened it
-- costs no call.
CREATE TABLE app_homes (
    workspace  TEXT   NOT NULL,
    user_id    TEXT   NOT NULL,
    opened_at  BIGINT NOT NULL,
    PRIMARY KEY (workspace, user_id)
);
-- A task made from a Slack message (the task_from_message shortcut): that message's ts (its thread
-- gets the reply saying the task exists) and its permalink (chat.getPermalink), shown on the task.
ALTER TABLE tasks ADD COLUMN source_ts TEXT;
ALTER TABLE tasks ADD COLUMN source_permalink TEXT;
