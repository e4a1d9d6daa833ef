-- Version 10: a workspace's preferences ("time_zone" -> "Europe/Paris"), one row per set name;
-- removing a preference deletes its row, and the workspace's removal takes its rows along.

CREATE TABLE workspace_preferences (
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         TEXT COLLATE "C" NOT NULL,
    value        TEXT NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, name)
);
