-- Portable between SQLite and PostgreSQL. Instants are epoch milliseconds (BIGINT);
-- ${id_column} is the dialect's auto-increment primary key (see store/Database.java).

CREATE TABLE tasks (
    id              ${id_column},
    title           TEXT    NOT NULL,
    description     TEXT,
    status          TEXT    NOT NULL,
    priority        TEXT    NOT NULL,
    assignee        TEXT,
    created_by      TEXT    NOT NULL,
    due_at          BIGINT,
    warning_seconds BIGINT,
    slack_team      TEXT,
    slack_channel   TEXT,
    slack_ts        TEXT,
    idempotency_key TEXT UNIQUE,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    version         BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX tasks_assignee_status ON tasks (assignee, status);
CREATE INDEX tasks_due_at ON tasks (due_at);
CREATE INDEX tasks_created_at ON tasks (created_at);
CREATE INDEX tasks_channel ON tasks (slack_channel);

CREATE TABLE task_tags (
    task_id  BIGINT  NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    tag      TEXT    NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (task_id, tag)
);
CREATE INDEX task_tags_tag ON task_tags (tag);

-- Everything outbound waits here until delivered: written in the transaction of the change
-- that caused it, claimed by a worker with a lease, deleted once delivered, kept when dead.
CREATE TABLE outbox (
    id              ${id_column},
    kind            TEXT    NOT NULL,
    dedupe_key      TEXT UNIQUE,
    channel         TEXT,
    payload         TEXT    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    version         BIGINT  NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    lease_until     BIGINT  NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
