-- Reminders are data, not timers. Portable between SQLite and PostgreSQL (instants are epoch ms).

-- One row per reminder still to fire. The ReminderJob claims due rows by deleting them in the
-- transaction that queues their Slack messages in the outbox, so a reminder fires once however
-- many instances tick and whenever one stops. kind: warning | due | overdue | snooze | approval.
-- recipient is '' for reminders about the task as a whole, a Slack user id for personal ones
-- (a snooze, an approval nudge). The planner rewrites a task's rows when its due date, offset
-- or status changes.
CREATE TABLE reminders (
    id          ${id_column},
    task_id     BIGINT  NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    recipient   TEXT    NOT NULL DEFAULT '',
    fire_at     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    UNIQUE (task_id, kind, recipient)
);
-- A tick reads only rows with fire_at <= now: its cost grows with what is due, not with what is stored.
CREATE INDEX reminders_fire_at ON reminders (fire_at);

-- The daily overdue digest of a channel: at local_time (HH:MM) in zone. next_at is when it is
-- next due (NULL when the channel turned it off); a tick claims it by moving next_at on with a
-- compare-and-set, so one instance posts each day's digest.
CREATE TABLE channel_digests (
    channel     TEXT    PRIMARY KEY,
    team        TEXT    NOT NULL,
    local_time  TEXT    NOT NULL,
    zone        TEXT    NOT NULL,
    next_at     BIGINT,
    updated_at  BIGINT  NOT NULL
);
CREATE INDEX channel_digests_next_at ON channel_digests (next_at);
