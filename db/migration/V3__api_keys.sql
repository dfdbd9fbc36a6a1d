-- REST API keys. Only a SHA-256 hash of each key is stored: keys are 32 random bytes, so a hash is
-- enough to make a stolen table useless, and it can be looked up by equality.
-- A revoked key keeps its row (revoked_at set) so its id is never reused for another key.

CREATE TABLE api_keys (
    id          ${id_column},
    name        TEXT    NOT NULL,
    role        TEXT    NOT NULL,
    principal   TEXT    NOT NULL,
    secret_hash TEXT    NOT NULL UNIQUE,
    created_at  BIGINT  NOT NULL,
    revoked_at  BIGINT
);
