-- The knowledge base on PostgreSQL, shared by every replica (documents added through the API on
-- one replica are searched by jobs on all of them). Documents keep their text as ingested;
-- chunks are cut by the same chunker as the SQLite knowledge base (core/knowledge), so passages
-- and their ids ("<document>#<n>") are the same on both backends. `search` holds the heading
-- (weight A) and the plain words of the body (weight B, inline Markdown removed) under the
-- 'english' configuration (Snowball stemming), indexed with GIN; `plain` is those body words,
-- for snippets.

CREATE TABLE kb_documents (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            TEXT COLLATE "C" NOT NULL UNIQUE,
    content_hash    TEXT NOT NULL,
    chunker_version BIGINT NOT NULL,
    byte_size       BIGINT NOT NULL,
    chunk_count     BIGINT NOT NULL,
    text            TEXT NOT NULL
);

CREATE TABLE kb_chunks (
    document_id BIGINT NOT NULL REFERENCES kb_documents (id) ON DELETE CASCADE,
    ordinal     BIGINT NOT NULL,
    chunk_id    TEXT COLLATE "C" NOT NULL UNIQUE,
    heading     TEXT NOT NULL,
    text        TEXT NOT NULL,
    plain       TEXT NOT NULL,
    search      TSVECTOR NOT NULL,
    PRIMARY KEY (document_id, ordinal)
);

CREATE INDEX kb_chunks_search ON kb_chunks USING GIN (search);
