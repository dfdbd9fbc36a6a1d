-- Recurring tasks (issue 17): a series makes its next occurrence when the current one is due.
-- The template (title, assignee, priority, tags, reminder offset, channel) is the first task's, kept
-- here so every occurrence is the same. occurrence is the number of the latest occurrence made:
-- making the next is a compare-and-set on it, and each (series, number) has one row below, so an
-- occurrence is made once however many instances tick at once.
CREATE TABLE recurring_series (
    id             ${id_column},
    workspace      TEXT    NOT NULL,
    rule           TEXT    NOT NULL,
    zone           TEXT    NOT NULL,
    created_by     TEXT    NOT NULL,
    first_task     BIGINT  NOT NULL UNIQUE,
    title          TEXT    NOT NULL,
    description    TEXT,
    priority       TEXT    NOT NULL,
    assignee       TEXT,
    tags           TEXT    NOT NULL,
    warning_s      BIGINT,
    slack_team     TEXT,
    slack_channel  TEXT,
    slack_kind     TEXT,
    occurrence     INTEGER NOT NULL,
    next_at        BIGINT  NOT NULL,
    state          TEXT    NOT NULL DEFAULT 'active',
    stopped_by     TEXT,
    created_at     BIGINT  NOT NULL
);
-- A tick reads only series whose next occurrence is due.
CREATE INDEX recurring_series_due ON recurring_series (state, next_at);

CREATE TABLE recurring_occurrences (
    series_id  BIGINT NOT NULL REFERENCES recurring_series (id),
    occurrence INTEGER NOT NULL,
    task_id    BIGINT NOT NULL UNIQUE,
    due_at     BIGINT NOT NULL,
    PRIMARY KEY (series_id, occurrence)
);
