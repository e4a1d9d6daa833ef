-- Workspaces and API keys. Every job, item, brand profile and knowledge-base document (and,
-- through its job, every event and raw output) belongs to one workspace. Data stored by earlier
-- versions lands in the workspace "default" this migration creates (marked legacy). The server
-- logs that workspace when it applies this migration.

CREATE TABLE workspaces (
    id         TEXT COLLATE "C" PRIMARY KEY,
    name       TEXT COLLATE "C" NOT NULL UNIQUE,
    legacy     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL
);

INSERT INTO workspaces (id, name, legacy, created_at)
VALUES ('ws_' || substr(md5(random()::text || clock_timestamp()::text), 1, 16), 'default', TRUE,
        (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT);

ALTER TABLE jobs ADD COLUMN workspace_id TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE jobs SET workspace_id = (SELECT id FROM workspaces WHERE legacy);
-- The idempotency key is unique per workspace (named request_key on both backends).
ALTER TABLE jobs DROP CONSTRAINT jobs_idempotency_key_key;
ALTER TABLE jobs RENAME COLUMN idempotency_key TO request_key;
CREATE UNIQUE INDEX jobs_by_request_key ON jobs (workspace_id, request_key);
CREATE INDEX jobs_by_workspace_created ON jobs (workspace_id, created_at, id);
CREATE INDEX jobs_by_workspace_status ON jobs (workspace_id, status, created_at, id);

ALTER TABLE content_items ADD COLUMN workspace_id TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE content_items SET workspace_id = jobs.workspace_id FROM jobs
WHERE jobs.id = content_items.job_id;
CREATE INDEX content_items_by_workspace ON content_items (workspace_id, created_at, id);

ALTER TABLE brand_profiles ADD COLUMN workspace_id TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE brand_profiles SET workspace_id = (SELECT id FROM workspaces WHERE legacy);
ALTER TABLE brand_profiles DROP CONSTRAINT brand_profiles_name_key;
ALTER TABLE brand_profiles ADD CONSTRAINT brand_profiles_name_per_workspace
    UNIQUE (workspace_id, name);

-- The knowledge base: document names and chunk ids unique per workspace.
ALTER TABLE kb_documents ADD COLUMN workspace_id TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE kb_documents SET workspace_id = (SELECT id FROM workspaces WHERE legacy);
ALTER TABLE kb_documents DROP CONSTRAINT kb_documents_name_key;
ALTER TABLE kb_documents ADD CONSTRAINT kb_documents_name_per_workspace
    UNIQUE (workspace_id, name);
ALTER TABLE kb_chunks DROP CONSTRAINT kb_chunks_chunk_id_key;
CREATE INDEX kb_documents_by_workspace ON kb_documents (workspace_id, name);

CREATE TABLE api_keys (
    id           TEXT COLLATE "C" PRIMARY KEY,
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    role         TEXT NOT NULL,
    digest       TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT,
    last_used_at BIGINT,
    revoked_at   BIGINT
);
CREATE INDEX api_keys_by_workspace ON api_keys (workspace_id, created_at);
