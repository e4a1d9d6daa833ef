#include "storage/postgres/pg_workspace_settings_store.hpp"

#include "storage/common/records.hpp"
#include "storage/common/store_errors.hpp"
#include "storage/postgres/pg_codec.hpp"
#include "storage/postgres/pg_workspace_check.hpp"

namespace swarm::storage {

core::Result<core::WorkspaceLimits> PgWorkspaceSettingsStore::limits(
    const core::WorkspaceId& workspace) {
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::WorkspaceLimits> {
        // The workspace's row is always there for a known workspace; its limits' row may not be.
        SWARM_TRY_ASSIGN(
            const auto found,
            decode_first(tx.exec_params(std::string("SELECT ") + kLimitsColumns +
                                            " FROM workspaces w LEFT JOIN workspace_limits l"
                                            " ON l.workspace_id = w.id WHERE w.id = $1",
                                        workspace.str()),
                         decode_limits));
        if (!found) {
            return unknown_workspace(workspace);
        }
        return *found;
    });
}

core::Result<core::WorkspaceLimits> PgWorkspaceSettingsStore::set_limits(
    const core::WorkspaceId& workspace, const core::WorkspaceLimits& limits) {
    SWARM_TRY(check_limits(limits));
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::WorkspaceLimits> {
        SWARM_TRY(require_pg_workspace(tx, workspace, true));
        tx.exec_params0(
            "INSERT INTO workspace_limits (workspace_id, max_queued_jobs, monthly_token_cap, "
            "requests_per_minute, updated_at) VALUES ($1, $2, $3, $4, $5) "
            "ON CONFLICT (workspace_id) DO UPDATE SET max_queued_jobs = EXCLUDED.max_queued_jobs, "
            "monthly_token_cap = EXCLUDED.monthly_token_cap, "
            "requests_per_minute = EXCLUDED.requests_per_minute, updated_at = EXCLUDED.updated_at",
            workspace.str(), limits.max_queued_jobs, limits.monthly_token_cap,
            limits.requests_per_minute, now);
        return limits;
    });
}

core::Result<core::SecretRecord> PgWorkspaceSettingsStore::put_secret(
    const core::WorkspaceId& workspace, const std::string& name, const std::string& sealed,
    const std::string& last4) {
    SWARM_TRY(check_secret(name, sealed));
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::SecretRecord> {
        SWARM_TRY(require_pg_workspace(tx, workspace, true));
        tx.exec_params0(
            "INSERT INTO workspace_secrets (workspace_id, name, sealed, last4, updated_at) "
            "VALUES ($1, $2, $3, $4, $5) "
            "ON CONFLICT (workspace_id, name) DO UPDATE SET sealed = EXCLUDED.sealed, "
            "last4 = EXCLUDED.last4, updated_at = EXCLUDED.updated_at",
            workspace.str(), name, sealed, last4, now);
        return core::SecretRecord{name, sealed, last4, from_millis(now)};
    });
}

core::Result<std::optional<core::SecretRecord>> PgWorkspaceSettingsStore::secret(
    const core::WorkspaceId& workspace, const std::string& name) {
    return db_->transact([&](pqxx::work& tx) -> core::Result<std::optional<core::SecretRecord>> {
        SWARM_TRY(require_pg_workspace(tx, workspace, false));
        return decode_first(
            tx.exec_params(std::string("SELECT ") + kSecretColumns +
                               " FROM workspace_secrets WHERE workspace_id = $1 AND name = $2",
                           workspace.str(), name),
            decode_secret);
    });
}

core::Result<std::vector<core::SecretRecord>> PgWorkspaceSettingsStore::secrets(
    const core::WorkspaceId& workspace) {
    return db_->transact([&](pqxx::work& tx) -> core::Result<std::vector<core::SecretRecord>> {
        SWARM_TRY(require_pg_workspace(tx, workspace, false));
        return decode_rows(
            tx.exec_params(std::string("SELECT ") + kSecretColumns +
                               " FROM workspace_secrets WHERE workspace_id = $1 ORDER BY name",
                           workspace.str()),
            decode_secret);
    });
}

core::Result<void> PgWorkspaceSettingsStore::delete_secret(const core::WorkspaceId& workspace,
                                                           const std::string& name) {
    return db_->transact([&](pqxx::work& tx) -> core::Result<void> {
        SWARM_TRY(require_pg_workspace(tx, workspace, false));
        if (tx.exec_params("DELETE FROM workspace_secrets WHERE workspace_id = $1 AND name = $2",
                           workspace.str(), name)
                .affected_rows() == 0) {
            return not_found_field("secret", name, "name");
        }
        return {};
    });
}

core::Result<std::map<std::string, std::string>> PgWorkspaceSettingsStore::preferences(
    const core::WorkspaceId& workspace) {
    return db_->transact([&](pqxx::work& tx) -> core::Result<std::map<std::string, std::string>> {
        SWARM_TRY(require_pg_workspace(tx, workspace, false));
        std::map<std::string, std::string> found;
        for (const auto& row :
             tx.exec_params("SELECT name, value FROM workspace_preferences WHERE workspace_id = $1",
                            workspace.str())) {
            found.emplace(pg_text(row[0]), pg_text(row[1]));
        }
        return found;
    });
}

core::Result<void> PgWorkspaceSettingsStore::set_preference(const core::WorkspaceId& workspace,
                                                            const std::string& name,
                                                            const std::string& value) {
    SWARM_TRY(check_preference(name, value));
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<void> {
        SWARM_TRY(require_pg_workspace(tx, workspace, true));
        if (value.empty()) {  // unset: the server's default applies again
            tx.exec_params0(
                "DELETE FROM workspace_preferences WHERE workspace_id = $1 AND name = $2",
                workspace.str(), name);
            return {};
        }
        tx.exec_params0(
            "INSERT INTO workspace_preferences (workspace_id, name, value, updated_at) "
            "VALUES ($1, $2, $3, $4) ON CONFLICT (workspace_id, name) DO UPDATE SET "
            "value = EXCLUDED.value, updated_at = EXCLUDED.updated_at",
            workspace.str(), name, value, now);
        return {};
    });
}

}  // namespace swarm::storage
