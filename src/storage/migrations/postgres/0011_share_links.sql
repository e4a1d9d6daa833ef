-- Version 11: share links. A link lets someone without an account see one job's items and approve
-- them or ask for changes, until it expires or is revoked. Its token is "<id>.<secret>": the id is
-- stored in clear, the secret only as its digest (BLAKE2b-256 hex), so the table opens nothing.

CREATE TABLE share_links (
    id           TEXT COLLATE "C" PRIMARY KEY,
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    job_id       TEXT COLLATE "C" NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    digest       TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    revoked_at   BIGINT
);
CREATE INDEX share_links_by_job ON share_links (workspace_id, job_id, created_at);
