-- Connectors (backend/, sync/). Portable between SQLite and PostgreSQL; instants are epoch ms.

-- One remote task is one local task: the poller and webhooks find it by this pair.
-- (NULL external ids, the built-in tasks, are distinct from each other in both databases.)
CREATE UNIQUE INDEX tasks_connection_external ON tasks (connection, external_id);

-- Which connection a channel's new tasks go to; no row means the built-in store.
CREATE TABLE channel_connections (
    team       TEXT   NOT NULL,
    channel    TEXT   NOT NULL,
    connection TEXT   NOT NULL,
    set_by     TEXT   NOT NULL,
    set_at     BIGINT NOT NULL,
    PRIMARY KEY (team, channel)
);

-- A Slack user's id in a task system, found by email or set with /task link.
CREATE TABLE user_links (
    connection  TEXT   NOT NULL,
    slack_user  TEXT   NOT NULL,
    remote_user TEXT   NOT NULL,
    linked_by   TEXT   NOT NULL,
    linked_at   BIGINT NOT NULL,
    PRIMARY KEY (connection, slack_user)
);
CREATE INDEX user_links_remote ON user_links (connection, remote_user);

-- How far each connection's poll has read (the last remote modified time seen). version makes
-- the advance a compare-and-set, so two instances polling at once apply a page once.
CREATE TABLE sync_cursors (
    connection TEXT   NOT NULL PRIMARY KEY,
    cursor_at  BIGINT NOT NULL,
    version    BIGINT NOT NULL DEFAULT 0
);

-- What was last seen of each remote task (JSON), to tell what changed and to say it in Slack.
CREATE TABLE remote_tasks (
    connection  TEXT   NOT NULL,
    external_id TEXT   NOT NULL,
    task_id     BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    snapshot    TEXT   NOT NULL,
    modified_at BIGINT NOT NULL,
    PRIMARY KEY (connection, external_id)
);

-- /task subscribe: changes of a connection's tasks that match are posted in a channel.
CREATE TABLE subscriptions (
    id         ${id_column},
    team       TEXT   NOT NULL,
    channel    TEXT   NOT NULL,
    connection TEXT   NOT NULL,
    assignee   TEXT,
    status     TEXT,
    title      TEXT,
    created_by TEXT   NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX subscriptions_connection ON subscriptions (connection);
CREATE INDEX subscriptions_channel ON subscriptions (channel);

-- Inbound webhook deliveries already applied, so a repeated delivery is applied once.
CREATE TABLE webhook_deliveries (
    connection  TEXT   NOT NULL,
    delivery_id TEXT   NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (connection, delivery_id)
);

-- Credentials kept in the database (webhook secrets), sealed with AES-GCM (TASKBRIDGE_ENCRYPTION_KEY).
CREATE TABLE connection_secrets (
    connection TEXT NOT NULL,
    name       TEXT NOT NULL,
    sealed     TEXT NOT NULL,
    PRIMARY KEY (connection, name)
);
