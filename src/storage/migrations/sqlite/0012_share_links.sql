-- Version 12: share links. A link lets someone without an account see one job's items and approve
-- them or ask for changes, until it expires or is revoked. Its token is "<id>.<secret>": the id is
-- stored in clear, the secret only as its digest (BLAKE2b-256 hex), so the table opens nothing.

CREATE TABLE share_links (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    job_id       TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    digest       TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    revoked_at   INTEGER
) WITHOUT ROWID;
CREATE INDEX share_links_by_job ON share_links (workspace_id, job_id, created_at);
