#include "storage/sqlite/sqlite_workspace_settings_store.hpp"

#include "storage/common/records.hpp"
#include "storage/common/store_errors.hpp"
#include "storage/sqlite/sqlite_columns.hpp"
#include "storage/sqlite/sqlite_workspace_check.hpp"

namespace swarm::storage {

core::Result<core::WorkspaceLimits> SqliteWorkspaceSettingsStore::limits(
    const core::WorkspaceId& workspace) {
    return db_->read([&](Connection& db) -> core::Result<core::WorkspaceLimits> {
        // The workspace's row is always there for a known workspace; its limits' row may not be.
        SWARM_TRY_ASSIGN(const auto found,
                         db.query_one(std::string("SELECT ") + kLimitsColumns +
                                          " FROM workspaces w LEFT JOIN workspace_limits l"
                                          " ON l.workspace_id = w.id WHERE w.id = ?1",
                                      decoded(decode_limits), workspace.str()));
        if (!found) {
            return unknown_workspace(workspace);
        }
        return *found;
    });
}

core::Result<core::WorkspaceLimits> SqliteWorkspaceSettingsStore::set_limits(
    const core::WorkspaceId& workspace, const core::WorkspaceLimits& limits) {
    SWARM_TRY(check_limits(limits));
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::WorkspaceLimits> {
        SWARM_TRY(require_workspace(db, workspace));
        SWARM_TRY(db.execute(
            "INSERT INTO workspace_limits (workspace_id, max_queued_jobs, monthly_token_cap, "
            "requests_per_minute, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) "
            "ON CONFLICT (workspace_id) DO UPDATE SET max_queued_jobs = excluded.max_queued_jobs, "
            "monthly_token_cap = excluded.monthly_token_cap, "
            "requests_per_minute = excluded.requests_per_minute, updated_at = excluded.updated_at",
            workspace.str(), limits.max_queued_jobs, limits.monthly_token_cap,
            limits.requests_per_minute, now));
        return limits;
    });
}

core::Result<core::SecretRecord> SqliteWorkspaceSettingsStore::put_secret(
    const core::WorkspaceId& workspace, const std::string& name, const std::string& sealed,
    const std::string& last4) {
    SWARM_TRY(check_secret(name, sealed));
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::SecretRecord> {
        SWARM_TRY(require_workspace(db, workspace));
        SWARM_TRY(
            db.execute("INSERT INTO workspace_secrets (workspace_id, name, sealed, last4, "
                       "updated_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                       "ON CONFLICT (workspace_id, name) DO UPDATE SET sealed = excluded.sealed, "
                       "last4 = excluded.last4, updated_at = excluded.updated_at",
                       workspace.str(), name, sealed, last4, now));
        return core::SecretRecord{name, sealed, last4, from_millis(now)};
    });
}

core::Result<std::optional<core::SecretRecord>> SqliteWorkspaceSettingsStore::secret(
    const core::WorkspaceId& workspace, const std::string& name) {
    return db_->read([&](Connection& db) -> core::Result<std::optional<core::SecretRecord>> {
        SWARM_TRY(require_workspace(db, workspace));
        return db.query_one(std::string("SELECT ") + kSecretColumns +
                                " FROM workspace_secrets WHERE workspace_id = ?1 AND name = ?2",
                            decoded(decode_secret), workspace.str(), name);
    });
}

core::Result<std::vector<core::SecretRecord>> SqliteWorkspaceSettingsStore::secrets(
    const core::WorkspaceId& workspace) {
    return db_->read([&](Connection& db) -> core::Result<std::vector<core::SecretRecord>> {
        SWARM_TRY(require_workspace(db, workspace));
        return db.query_all(std::string("SELECT ") + kSecretColumns +
                                " FROM workspace_secrets WHERE workspace_id = ?1 ORDER BY name",
                            decoded(decode_secret), workspace.str());
    });
}

core::Result<void> SqliteWorkspaceSettingsStore::delete_secret(const core::WorkspaceId& workspace,
                                                               const std::string& name) {
    return db_->write([&](Connection& db) -> core::Result<void> {
        SWARM_TRY(require_workspace(db, workspace));
        SWARM_TRY(db.execute("DELETE FROM workspace_secrets WHERE workspace_id = ?1 AND name = ?2",
                             workspace.str(), name));
        if (db.changes() == 0) {
            return not_found_field("secret", name, "name");
        }
        return {};
    });
}

core::Result<std::map<std::string, std::string>> SqliteWorkspaceSettingsStore::preferences(
    const core::WorkspaceId& workspace) {
    return db_->read([&](Connection& db) -> core::Result<std::map<std::string, std::string>> {
        SWARM_TRY(require_workspace(db, workspace));
        SWARM_TRY_ASSIGN(
            auto rows, db.query_all(
                           "SELECT name, value FROM workspace_preferences WHERE workspace_id = ?1",
                           [](const Statement& row) {
                               return std::pair{row.column_text(0), row.column_text(1)};
                           },
                           workspace.str()));
        return std::map<std::string, std::string>(std::make_move_iterator(rows.begin()),
                                                  std::make_move_iterator(rows.end()));
    });
}

core::Result<void> SqliteWorkspaceSettingsStore::set_preference(const core::WorkspaceId& workspace,
                                                                const std::string& name,
                                                                const std::string& value) {
    SWARM_TRY(check_preference(name, value));
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<void> {
        SWARM_TRY(require_workspace(db, workspace));
        if (value.empty()) {  // unset: the server's default applies again
            return db.execute(
                "DELETE FROM workspace_preferences WHERE workspace_id = ?1 AND name = ?2",
                workspace.str(), name);
        }
        return db.execute(
            "INSERT INTO workspace_preferences (workspace_id, name, value, updated_at) "
            "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (workspace_id, name) DO UPDATE SET "
            "value = excluded.value, updated_at = excluded.updated_at",
            workspace.str(), name, value, now);
    });
}

}  // namespace swarm::storage
