-- Media objects (rendered cards, deck slides, deck PDF/PPTX, model images) for `--media db`:
-- content-addressed (id = lower-case hex SHA-256 of bytes), written once, never updated; one
-- store for every replica.
CREATE TABLE media (
    id           TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    bytes        BYTEA NOT NULL,
    created_at   BIGINT NOT NULL
);
-- PNG, JPEG, PDF and PPTX are compressed already: keep them out of line without a second try.
ALTER TABLE media ALTER COLUMN bytes SET STORAGE EXTERNAL;
