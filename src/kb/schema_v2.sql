-- Knowledge base schema, version 2 (PRAGMA user_version = 2): keeps each document's text as
-- ingested, so the API can return it. NULL for documents ingested before version 2.
ALTER TABLE documents ADD COLUMN text TEXT;
