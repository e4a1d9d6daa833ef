-- content-swarm server storage on PostgreSQL, version 1: the SQLite schema up to its version 3
-- (jobs with usage and notes, job events, content items with versions, brand profiles, raw
-- outputs). Times are bigint milliseconds since the Unix epoch (UTC) from the server's Clock,
-- platform lists comma-separated names. Ids and names sort bytewise (COLLATE "C"), as SQLite's
-- do, so keyset pages and name order do not depend on the database's locale.

CREATE TABLE jobs (
    id                  TEXT COLLATE "C" PRIMARY KEY,
    status              TEXT NOT NULL,
    brief_json          TEXT NOT NULL,
    requested_platforms TEXT NOT NULL,
    idempotency_key     TEXT UNIQUE,
    attempts            BIGINT NOT NULL DEFAULT 0,
    cancel_requested    BOOLEAN NOT NULL DEFAULT FALSE,
    error               TEXT NOT NULL DEFAULT '',
    missing_platforms   TEXT NOT NULL DEFAULT '',
    lease_owner         TEXT NOT NULL DEFAULT '',
    lease_expires_at    BIGINT,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    started_at          BIGINT,
    finished_at         BIGINT,
    usage_input_tokens  BIGINT NOT NULL DEFAULT 0,
    usage_output_tokens BIGINT NOT NULL DEFAULT 0,
    usage_cost_usd      DOUBLE PRECISION NOT NULL DEFAULT 0,
    usage_model_calls   BIGINT NOT NULL DEFAULT 0,
    notes               TEXT NOT NULL DEFAULT ''
);

-- The claim scans only queued jobs, oldest first; the rescue only running ones by lease end.
CREATE INDEX jobs_queued ON jobs (created_at, id) WHERE status = 'queued';
CREATE INDEX jobs_running_lease ON jobs (lease_expires_at) WHERE status = 'running';
CREATE INDEX jobs_by_status_created ON jobs (status, created_at, id);
CREATE INDEX jobs_by_created ON jobs (created_at, id);

CREATE TABLE job_events (
    job_id     TEXT COLLATE "C" NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq        BIGINT NOT NULL,
    type       TEXT NOT NULL,
    agent      TEXT NOT NULL,
    platform   TEXT,
    message    TEXT NOT NULL,
    at         BIGINT NOT NULL,
    elapsed_ms BIGINT NOT NULL,
    PRIMARY KEY (job_id, seq)
);

CREATE TABLE content_items (
    id         TEXT COLLATE "C" PRIMARY KEY,
    job_id     TEXT COLLATE "C" NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    platform   TEXT NOT NULL,
    status     TEXT NOT NULL,
    item_json  TEXT NOT NULL,
    score      DOUBLE PRECISION NOT NULL,
    version    BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (job_id, platform)
);

CREATE INDEX content_items_by_created ON content_items (created_at, id);

CREATE TABLE content_item_versions (
    item_id    TEXT COLLATE "C" NOT NULL REFERENCES content_items (id) ON DELETE CASCADE,
    version    BIGINT NOT NULL,
    item_json  TEXT NOT NULL,
    status     TEXT NOT NULL,
    score      DOUBLE PRECISION NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (item_id, version)
);

CREATE TABLE brand_profiles (
    id         TEXT COLLATE "C" PRIMARY KEY,
    name       TEXT COLLATE "C" NOT NULL UNIQUE,
    brand_json TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE raw_outputs (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id     TEXT COLLATE "C" NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    agent      TEXT NOT NULL,
    platform   TEXT,
    text       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE INDEX raw_outputs_by_job ON raw_outputs (job_id, id);
