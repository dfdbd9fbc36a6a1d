-- Workspaces own their channel settings, links and subscriptions (issue 13). The same channel id or
-- user id in two workspaces are two different things, so the keys that named a channel or a user
-- alone now name the workspace too. SQLite cannot change a table's key in place: each table is made
-- anew with its new key, its rows copied, the old one dropped and the new one renamed (portable
-- between SQLite and PostgreSQL).

-- A channel's daily digest: one per workspace and channel (was: one per channel id).
CREATE TABLE channel_digests_v23 (
    workspace   TEXT    NOT NULL,
    channel     TEXT    NOT NULL,
    team        TEXT    NOT NULL,
    local_time  TEXT    NOT NULL,
    zone        TEXT    NOT NULL,
    next_at     BIGINT,
    updated_at  BIGINT  NOT NULL,
    PRIMARY KEY (workspace, channel)
);
INSERT INTO channel_digests_v23 (workspace, channel, team, local_time, zone, next_at, updated_at)
    SELECT workspace, channel, team, local_time, zone, next_at, updated_at FROM channel_digests;
DROP TABLE channel_digests;
ALTER TABLE channel_digests_v23 RENAME TO channel_digests;
CREATE INDEX channel_digests_next_at ON channel_digests (next_at);

-- Which connection a channel's new tasks go to: per workspace and channel (was: team and channel,
-- which an org-wide install shares between its teams).
CREATE TABLE channel_connections_v23 (
    workspace  TEXT   NOT NULL,
    channel    TEXT   NOT NULL,
    team       TEXT   NOT NULL,
    connection TEXT   NOT NULL,
    set_by     TEXT   NOT NULL,
    set_at     BIGINT NOT NULL,
    PRIMARY KEY (workspace, channel)
);
-- Two teams of one org-wide install may have set the same channel: the later setting wins.
INSERT INTO channel_connections_v23 (workspace, channel, team, connection, set_by, set_at)
    SELECT c.workspace, c.channel, c.team, c.connection, c.set_by, c.set_at FROM channel_connections c
    WHERE NOT EXISTS (SELECT 1 FROM channel_connections n WHERE n.workspace = c.workspace AND n.channel = c.channel
                      AND (n.set_at > c.set_at OR (n.set_at = c.set_at AND n.team > c.team)));
DROP TABLE channel_connections;
ALTER TABLE channel_connections_v23 RENAME TO channel_connections;

-- A Slack user's id in a task system: per workspace, connection and Slack user.
CREATE TABLE user_links_v23 (
    workspace   TEXT   NOT NULL,
    connection  TEXT   NOT NULL,
    slack_user  TEXT   NOT NULL,
    remote_user TEXT   NOT NULL,
    linked_by   TEXT   NOT NULL,
    linked_at   BIGINT NOT NULL,
    PRIMARY KEY (workspace, connection, slack_user)
);
INSERT INTO user_links_v23 (workspace, connection, slack_user, remote_user, linked_by, linked_at)
    SELECT workspace, connection, slack_user, remote_user, linked_by, linked_at FROM user_links;
DROP TABLE user_links;
ALTER TABLE user_links_v23 RENAME TO user_links;
CREATE INDEX user_links_remote ON user_links (workspace, connection, remote_user);

-- Subscriptions have no key to change; their look-ups now name the workspace.
DROP INDEX subscriptions_channel;
CREATE INDEX subscriptions_workspace_channel ON subscriptions (workspace, channel);

-- A connection serves exactly one workspace: its polls and webhooks make tasks there, and no other
-- workspace sees it. The first workspace to connect a channel to it claims it; until then it serves
-- the single workspace of the bot token (or, with several workspaces installed, nobody).
CREATE TABLE connection_workspaces (
    connection TEXT   NOT NULL PRIMARY KEY,
    workspace  TEXT   NOT NULL,
    claimed_by TEXT   NOT NULL,
    claimed_at BIGINT NOT NULL
);
-- Channels already connected say whose a connection is (the earliest setting; '~' rows are
-- claimed with the rest at the first start, see workspace/LegacyRows.java).
INSERT INTO connection_workspaces (connection, workspace, claimed_by, claimed_at)
    SELECT c.connection, c.workspace, c.set_by, c.set_at FROM channel_connections c
    WHERE c.connection <> 'builtin'
      AND NOT EXISTS (SELECT 1 FROM channel_connections e WHERE e.connection = c.connection
                      AND (e.set_at < c.set_at OR (e.set_at = c.set_at AND (e.workspace < c.workspace
                           OR (e.workspace = c.workspace AND e.channel < c.channel)))));
-- A connection only subscribed to (no channel connected to it) is claimed by the workspace of its
-- earliest subscription, so its polls and webhooks go on serving that workspace after the upgrade.
INSERT INTO connection_workspaces (connection, workspace, claimed_by, claimed_at)
    SELECT s.connection, s.workspace, s.created_by, s.created_at FROM subscriptions s
    WHERE s.connection <> 'builtin'
      AND NOT EXISTS (SELECT 1 FROM connection_workspaces w WHERE w.connection = s.connection)
      AND NOT EXISTS (SELECT 1 FROM subscriptions e WHERE e.connection = s.connection
                      AND (e.created_at < s.created_at OR (e.created_at = s.created_at AND e.id < s.id)));
