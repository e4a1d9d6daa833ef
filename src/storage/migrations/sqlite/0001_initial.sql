-- content-swarm server storage, version 1: jobs, job events, content items with versions, brand
-- profiles and raw agent outputs. Times are integer milliseconds since the Unix epoch (UTC);
-- platform lists are comma-separated platform names.

CREATE TABLE jobs (
    id                  TEXT PRIMARY KEY,
    status              TEXT NOT NULL,
    brief_json          TEXT NOT NULL,
    requested_platforms TEXT NOT NULL,
    idempotency_key     TEXT UNIQUE,
    attempts            INTEGER NOT NULL DEFAULT 0,
    cancel_requested    INTEGER NOT NULL DEFAULT 0,
    error               TEXT NOT NULL DEFAULT '',
    missing_platforms   TEXT NOT NULL DEFAULT '',
    lease_owner         TEXT NOT NULL DEFAULT '',
    lease_expires_at    INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    started_at          INTEGER,
    finished_at         INTEGER
) WITHOUT ROWID;

CREATE INDEX jobs_by_status_created ON jobs (status, created_at, id);
CREATE INDEX jobs_by_created ON jobs (created_at, id);

CREATE TABLE job_events (
    job_id     TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    type       TEXT NOT NULL,
    agent      TEXT NOT NULL,
    platform   TEXT,
    message    TEXT NOT NULL,
    at         INTEGER NOT NULL,
    elapsed_ms INTEGER NOT NULL,
    PRIMARY KEY (job_id, seq)
) WITHOUT ROWID;

CREATE TABLE content_items (
    id         TEXT PRIMARY KEY,
    job_id     TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    platform   TEXT NOT NULL,
    status     TEXT NOT NULL,
    item_json  TEXT NOT NULL,
    score      REAL NOT NULL,
    version    INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (job_id, platform)
) WITHOUT ROWID;

CREATE INDEX content_items_by_created ON content_items (created_at, id);

CREATE TABLE content_item_versions (
    item_id    TEXT NOT NULL REFERENCES content_items (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    item_json  TEXT NOT NULL,
    status     TEXT NOT NULL,
    score      REAL NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (item_id, version)
) WITHOUT ROWID;

CREATE TABLE brand_profiles (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    brand_json TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE raw_outputs (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id     TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    agent      TEXT NOT NULL,
    platform   TEXT,
    text       TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE INDEX raw_outputs_by_job ON raw_outputs (job_id, id);
