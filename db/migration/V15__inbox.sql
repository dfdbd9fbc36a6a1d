-- The durable intake: whatever a Slack ack promises is written here before the ack, keyed by
-- the request's natural key (so a repeated request is recognised), and a worker completes it.
-- Claimed with a lease like the outbox; deleted once done, kept as 'dead' after its last attempt.
CREATE TABLE inbox (
    id              ${id_column},
    kind            TEXT    NOT NULL,
    dedupe_key      TEXT    NOT NULL UNIQUE,
    payload         TEXT    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    lease_until     BIGINT  NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL
);
CREATE INDEX inbox_due ON inbox (state, next_attempt_at);

-- Slack's pace per channel, shared by every instance on one database (PostgreSQL): the earliest
-- time the channel's next post fits its budget (GCRA's theoretical arrival time, epoch millis).
CREATE TABLE outbox_pace (
    pace_key TEXT   PRIMARY KEY,
    tat      BIGINT NOT NULL
);
