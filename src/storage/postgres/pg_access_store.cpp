#include "storage/postgres/pg_access_store.hpp"

#include "storage/common/records.hpp"
#include "storage/common/store_errors.hpp"
#include "storage/postgres/pg_codec.hpp"
#include "storage/postgres/pg_workspace_check.hpp"

namespace swarm::storage {

namespace {

core::Result<std::optional<core::ApiKeyRecord>> find(pqxx::work& tx, const std::string& id) {
    return decode_first(tx.exec_params(std::string("SELECT ") + kApiKeyColumns +
                                           " FROM api_keys k JOIN workspaces w"
                                           " ON w.id = k.workspace_id WHERE k.id = $1",
                                       id),
                        decode_api_key);
}

std::optional<std::string> scope_of(const std::optional<core::WorkspaceId>& workspace) {
    if (!workspace) {
        return std::nullopt;
    }
    return workspace->str();
}

}  // namespace

core::Result<core::WorkspaceRecord> PgAccessStore::create_workspace(const core::WorkspaceId& id,
                                                                    const std::string& name) {
    SWARM_TRY(check_workspace(id, name));
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::WorkspaceRecord> {
        try {
            tx.exec_params0(
                "INSERT INTO workspaces (id, name, legacy, created_at) VALUES ($1, $2, FALSE, $3)",
                id.str(), name, now);
        } catch (const pqxx::unique_violation&) {
            return tl::unexpected(workspace_taken(name));
        }
        return core::WorkspaceRecord{id, name, false, from_millis(now)};
    });
}

core::Result<std::optional<core::WorkspaceRecord>> PgAccessStore::find_workspace(
    const std::string& name) {
    return db_->transact([&](pqxx::work& tx) {
        return decode_first(tx.exec_params(std::string("SELECT ") + kWorkspaceColumns +
                                               " FROM workspaces WHERE name = $1",
                                           name),
                            [](const Columns& row) {
                                return core::Result<core::WorkspaceRecord>(decode_workspace(row));
                            });
    });
}

core::Result<std::vector<core::WorkspaceRecord>> PgAccessStore::list_workspaces() {
    return db_->transact([](pqxx::work& tx) {
        return decode_rows(
            tx.exec(std::string("SELECT ") + kWorkspaceColumns + " FROM workspaces ORDER BY name"),
            [](const Columns& row) {
                return core::Result<core::WorkspaceRecord>(decode_workspace(row));
            });
    });
}

core::Result<core::ApiKeyRecord> PgAccessStore::create_key(const core::NewApiKey& key) {
    SWARM_TRY(check_new_key(key));
    const auto now = to_millis(clock_.now());
    std::optional<std::int64_t> expires;
    if (key.expires_at) {
        expires = to_millis(*key.expires_at);
    }
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::ApiKeyRecord> {
        SWARM_TRY(require_pg_workspace(tx, key.workspace));
        try {
            tx.exec_params0(
                "INSERT INTO api_keys (id, workspace_id, name, role, digest, "
                "created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                key.id, key.workspace.str(), key.name,
                std::string(core::access::to_string(key.role)), key.digest, now, expires);
        } catch (const pqxx::unique_violation&) {
            return core::fail(core::ErrorCode::kAlreadyExists, "the key id is taken", "id");
        }
        SWARM_TRY_ASSIGN(auto stored, find(tx, key.id));
        return std::move(*stored);
    });
}

core::Result<std::optional<core::ApiKeyRecord>> PgAccessStore::find_key(const std::string& id) {
    return db_->transact([&](pqxx::work& tx) { return find(tx, id); });
}

core::Result<void> PgAccessStore::touch_key(const std::string& id, core::Timestamp at) {
    return db_->transact([&](pqxx::work& tx) -> core::Result<void> {
        if (tx.exec_params("UPDATE api_keys SET last_used_at = $2 WHERE id = $1", id, to_millis(at))
                .affected_rows() == 0) {
            return not_found("API key", id);
        }
        return {};
    });
}

core::Result<core::ApiKeyRecord> PgAccessStore::revoke_key(
    const std::string& id, const std::optional<core::WorkspaceId>& workspace) {
    const auto now = to_millis(clock_.now());
    const auto scope = scope_of(workspace);
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::ApiKeyRecord> {
        if (tx.exec_params("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) "
                           "WHERE id = $1 AND ($3::text IS NULL OR workspace_id = $3::text)",
                           id, now, scope)
                .affected_rows() == 0) {
            return not_found("API key", id);
        }
        SWARM_TRY_ASSIGN(auto stored, find(tx, id));
        return std::move(*stored);
    });
}

core::Result<std::vector<core::ApiKeyRecord>> PgAccessStore::list_keys(
    const std::optional<core::WorkspaceId>& workspace) {
    const auto scope = scope_of(workspace);
    return db_->transact([&](pqxx::work& tx) {
        return decode_rows(
            tx.exec_params(std::string("SELECT ") + kApiKeyColumns +
                               " FROM api_keys k JOIN workspaces w ON w.id = k.workspace_id"
                               " WHERE $1::text IS NULL OR k.workspace_id = $1::text"
                               " ORDER BY k.created_at DESC, k.id DESC",
                           scope),
            decode_api_key);
    });
}

}  // namespace swarm::storage
