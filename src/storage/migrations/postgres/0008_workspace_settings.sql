-- Version 8: what a workspace's owners set. workspace_limits: one row per workspace that set any
-- limit; a NULL limit falls back to the server's default. workspace_secrets: model API keys and
-- other credentials, kept only as the caller's sealed text (crypto::SecretBox) and the value's
-- last four characters (to tell keys apart); the value itself is never stored.

CREATE TABLE workspace_limits (
    workspace_id        TEXT COLLATE "C" PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    max_queued_jobs     BIGINT,
    monthly_token_cap   BIGINT,
    requests_per_minute BIGINT,
    updated_at          BIGINT NOT NULL
);

CREATE TABLE workspace_secrets (
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         TEXT COLLATE "C" NOT NULL,
    sealed       TEXT NOT NULL,
    last4        TEXT NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, name)
);
