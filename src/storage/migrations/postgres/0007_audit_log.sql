-- Version 7: the audit log, one row per action taken in a workspace (who, what, on which object,
-- when, from where). Append-only: the stores never update, delete or truncate, and the triggers
-- below make the database refuse every such statement (even one matching no row), so an entry
-- once written stays as written. Audit rows do not cascade with their workspace (no ON DELETE):
-- a workspace with history cannot vanish silently. seq orders the entries of every workspace.

CREATE TABLE audit_log (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id TEXT COLLATE "C" NOT NULL REFERENCES workspaces (id),
    at           BIGINT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT COLLATE "C" NOT NULL,
    object       TEXT NOT NULL,
    address      TEXT NOT NULL,
    detail       TEXT NOT NULL
);
CREATE INDEX audit_log_by_workspace ON audit_log (workspace_id, seq);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
END;
$body$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
