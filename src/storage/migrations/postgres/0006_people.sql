-- People. Users sign in with an email and a password (only its Argon2id hash is stored), belong
-- to workspaces with a role per membership, and hold sessions (only the digest of a session token
-- is stored). Failed sign-ins are counted per account for throttling.

CREATE TABLE users (
    id              TEXT COLLATE "C" PRIMARY KEY,
    email           TEXT COLLATE "C" NOT NULL UNIQUE,
    password_hash   TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    failed_sign_ins BIGINT NOT NULL DEFAULT 0,
    locked_until    BIGINT
);

CREATE TABLE memberships (
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role         TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id);

CREATE TABLE sessions (
    id           TEXT COLLATE "C" PRIMARY KEY,
    user_id      TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    digest       TEXT NOT NULL,
    address      TEXT NOT NULL,
    user_agent   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    revoked_at   BIGINT
);
CREATE INDEX sessions_by_user ON sessions (user_id);
