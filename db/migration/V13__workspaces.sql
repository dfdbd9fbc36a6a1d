-- Workspaces (issue 13): every row that belongs to a Slack workspace says which (its team id, or the
-- enterprise id of an org-wide installation). Portable between SQLite and PostgreSQL.
--
-- Rows from before this migration belonged to the one workspace Taskbridge served. Where a row
-- already names its team (tasks made in Slack, digests, channel connections, subscriptions) that is
-- its workspace; the rest get '~', which the service replaces with the workspace of its bot token
-- (auth.test) at start (see workspace/LegacyRows.java). Approvals and reminders are rows of a task
-- (task_id, ON DELETE CASCADE) and belong to the task's workspace.

ALTER TABLE tasks ADD COLUMN workspace TEXT NOT NULL DEFAULT '~';
UPDATE tasks SET workspace = slack_team WHERE slack_team IS NOT NULL AND slack_team <> '';
CREATE INDEX tasks_workspace ON tasks (workspace, status);

ALTER TABLE api_keys ADD COLUMN workspace TEXT NOT NULL DEFAULT '~';

ALTER TABLE outbox ADD COLUMN workspace TEXT NOT NULL DEFAULT '~';

ALTER TABLE channel_digests ADD COLUMN workspace TEXT NOT NULL DEFAULT '~';
UPDATE channel_digests SET workspace = team WHERE team <> '';

ALTER TABLE channel_connections ADD COLUMN workspace TEXT NOT NULL DEFAULT '~';
UPDATE channel_connections SET workspace = team WHERE team <> '';

ALTER TABLE subscriptions ADD COLUMN workspace TEXT NOT NULL DEFAULT '~';
UPDATE subscriptions SET workspace = team WHERE team <> '';

ALTER TABLE user_links ADD COLUMN workspace TEXT NOT NULL DEFAULT '~';

-- Installations made through "Add to Slack" (multi-workspace mode). Tokens are sealed with
-- TASKBRIDGE_ENCRYPTION_KEY (AES-GCM). workspace is the team id, or the enterprise id of an org-wide
-- installation. uninstalled_at is set, and the tokens cleared, by app_uninstalled / tokens_revoked.
-- A token refresh is claimed first (version compare-and-set, refresh_claimed_until a lease), so with
-- several instances one asks Slack while the others leave the row alone.
CREATE TABLE installations (
    workspace          TEXT    NOT NULL PRIMARY KEY,
    team_id            TEXT,
    enterprise_id      TEXT,
    enterprise_install BOOLEAN NOT NULL DEFAULT FALSE,
    app_id             TEXT,
    bot_user_id        TEXT,
    bot_id             TEXT,
    installer_user_id  TEXT,
    scope              TEXT,
    bot_token          TEXT,
    bot_refresh_token  TEXT,
    bot_expires_at     BIGINT,
    user_token         TEXT,
    installed_at       BIGINT  NOT NULL,
    uninstalled_at     BIGINT,
    refresh_claimed_until BIGINT NOT NULL DEFAULT 0,
    version            BIGINT  NOT NULL DEFAULT 0
);

-- One-time OAuth states: valid for ten minutes, deleted when used.
CREATE TABLE oauth_states (
    state      TEXT   NOT NULL PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
