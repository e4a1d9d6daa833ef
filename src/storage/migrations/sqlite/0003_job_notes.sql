-- The job's notes (warnings for the user: a platform written offline after a model error, a
-- thin knowledge base, why a platform is missing), one per line, for every final status.
ALTER TABLE jobs ADD COLUMN notes TEXT NOT NULL DEFAULT '';
