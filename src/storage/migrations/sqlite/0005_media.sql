-- Media objects (rendered cards, deck slides, deck PDF/PPTX, model images) for `--media db`:
-- content-addressed (id = lower-case hex SHA-256 of bytes), written once, never updated.
CREATE TABLE media (
    id           TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    bytes        BLOB NOT NULL,
    created_at   INTEGER NOT NULL
);
