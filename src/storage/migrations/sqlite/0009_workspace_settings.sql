-- Version 9: what a workspace's owners set. workspace_limits: one row per workspace that set any
-- limit; a NULL limit falls back to the server's default. workspace_secrets: model API keys and
-- other credentials, kept only as the caller's sealed text (crypto::SecretBox) and the value's
-- last four characters (to tell keys apart); the value itself is never stored.

CREATE TABLE workspace_limits (
    workspace_id        TEXT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    max_queued_jobs     INTEGER,
    monthly_token_cap   INTEGER,
    requests_per_minute INTEGER,
    updated_at          INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE workspace_secrets (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    sealed       TEXT NOT NULL,
    last4        TEXT NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, name)
) WITHOUT ROWID;
