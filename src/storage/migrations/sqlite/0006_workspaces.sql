-- Version 6: workspaces and API keys. Every job, item, brand profile (and, through its job, every
-- event and raw output) belongs to one workspace. Data stored by earlier versions lands in the
-- workspace "default" this migration creates (marked legacy: its knowledge base is the PATH.kb
-- file beside the database). The server logs that workspace when it applies this migration.

CREATE TABLE workspaces (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    legacy     INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO workspaces (id, name, legacy, created_at)
VALUES ('ws_' || lower(hex(randomblob(8))), 'default', 1,
        CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));

-- Jobs: the workspace, and the idempotency key unique per workspace (the old column's UNIQUE
-- constraint was global and cannot be dropped in SQLite: the key moves to a new column).
ALTER TABLE jobs ADD COLUMN workspace_id TEXT NOT NULL DEFAULT '';
ALTER TABLE jobs ADD COLUMN request_key TEXT;
UPDATE jobs SET workspace_id = (SELECT id FROM workspaces WHERE legacy = 1),
                request_key = idempotency_key, idempotency_key = NULL;
CREATE UNIQUE INDEX jobs_by_request_key ON jobs (workspace_id, request_key);
CREATE INDEX jobs_by_workspace_created ON jobs (workspace_id, created_at, id);
CREATE INDEX jobs_by_workspace_status ON jobs (workspace_id, status, created_at, id);

-- Items carry their job's workspace, so every item query is one indexed lookup.
ALTER TABLE content_items ADD COLUMN workspace_id TEXT NOT NULL DEFAULT '';
UPDATE content_items SET workspace_id = (SELECT workspace_id FROM jobs
                                         WHERE jobs.id = content_items.job_id);
CREATE INDEX content_items_by_workspace ON content_items (workspace_id, created_at, id);

-- Brand profiles: names unique per workspace (rebuilt: nothing references this table).
CREATE TABLE brand_profiles_v6 (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    name         TEXT NOT NULL,
    brand_json   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    UNIQUE (workspace_id, name)
) WITHOUT ROWID;
INSERT INTO brand_profiles_v6 (id, workspace_id, name, brand_json, created_at, updated_at)
SELECT id, (SELECT id FROM workspaces WHERE legacy = 1), name, brand_json, created_at, updated_at
FROM brand_profiles;
DROP TABLE brand_profiles;
ALTER TABLE brand_profiles_v6 RENAME TO brand_profiles;

-- API keys: "csk_<id>_<secret>"; only the BLAKE2b-256 digest of the whole key is stored.
CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL,
    digest       TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER,
    last_used_at INTEGER,
    revoked_at   INTEGER
) WITHOUT ROWID;
CREATE INDEX api_keys_by_workspace ON api_keys (workspace_id, created_at);
