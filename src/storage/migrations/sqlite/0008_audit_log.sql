-- Version 8: the audit log, one row per action taken in a workspace (who, what, on which object,
-- when, from where). Append-only: the stores never update or delete, and the triggers below make
-- the database refuse it too, so an entry once written stays as written. Audit rows do not
-- cascade with their workspace (no ON DELETE): a workspace with history cannot vanish silently.
-- seq (AUTOINCREMENT: never reused) orders the entries of every workspace.

CREATE TABLE audit_log (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id),
    at           INTEGER NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    object       TEXT NOT NULL,
    address      TEXT NOT NULL,
    detail       TEXT NOT NULL
);
CREATE INDEX audit_log_by_workspace ON audit_log (workspace_id, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
