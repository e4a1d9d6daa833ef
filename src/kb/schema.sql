-- Knowledge base schema, version 1 (PRAGMA user_version = 1).
-- Embedded into the binary at build time (src/kb/CMakeLists.txt); applied once to a new database.

-- One row per ingested document. content_hash is the SHA-256 of the exact bytes ingested;
-- chunker_version records the chunking rules used, so a change of rules re-chunks on re-add.
CREATE TABLE documents (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE,
    content_hash    TEXT    NOT NULL,
    chunker_version INTEGER NOT NULL,
    byte_size       INTEGER NOT NULL,
    chunk_count     INTEGER NOT NULL
);

-- The passages of a document, in reading order. chunk_id is "<document name>#<ordinal>".
-- text keeps the Markdown as written (readable); the FTS table indexes a plain-text copy.
CREATE TABLE chunks (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    chunk_id    TEXT    NOT NULL UNIQUE,
    heading     TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    UNIQUE (document_id, ordinal)
);

-- Full-text index, rowid = chunks.id. Porter stemming over unicode61 so "technicians" finds
-- "technician"; diacritics are folded ("cafe" finds "café").
CREATE VIRTUAL TABLE chunks_fts USING fts5 (
    heading,
    body,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Keeps the index in step with chunks, including deletes cascaded from documents.
CREATE TRIGGER chunks_after_delete AFTER DELETE ON chunks BEGIN
    DELETE FROM chunks_fts WHERE rowid = old.id;
END;
