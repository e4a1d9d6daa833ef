-- Attempts with capped backoff and a maximum, fenced completion and the run history (as the
-- SQLite schema's version 4): claims counts every claim and fences a run's writes (attempts may
-- be given back by a drain); not_before holds a requeued job back until its backoff ends;
-- claimed_at is the current run's start; history keeps one line per ended run: claim, worker,
-- started, ended, outcome (tab-separated, ms since the epoch).
ALTER TABLE jobs ADD COLUMN claims BIGINT NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN not_before BIGINT;
ALTER TABLE jobs ADD COLUMN claimed_at BIGINT;
ALTER TABLE jobs ADD COLUMN history TEXT NOT NULL DEFAULT '';
UPDATE jobs SET claims = attempts;
