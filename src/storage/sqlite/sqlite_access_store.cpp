#include "storage/sqlite/sqlite_access_store.hpp"

#include "storage/common/records.hpp"
#include "storage/common/store_errors.hpp"
#include "storage/sqlite/sqlite_columns.hpp"
#include "storage/sqlite/sqlite_workspace_check.hpp"

namespace swarm::storage {

namespace {

core::Result<std::optional<core::ApiKeyRecord>> find(Connection& db, const std::string& id) {
    return db.query_one(std::string("SELECT ") + kApiKeyColumns +
                            " FROM api_keys k JOIN workspaces w ON w.id = k.workspace_id"
                            " WHERE k.id = ?1",
                        decoded(decode_api_key), id);
}

}  // namespace

core::Result<core::WorkspaceRecord> SqliteAccessStore::create_workspace(const core::WorkspaceId& id,
                                                                        const std::string& name) {
    SWARM_TRY(check_workspace(id, name));
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::WorkspaceRecord> {
        auto inserted = db.execute(
            "INSERT INTO workspaces (id, name, legacy, created_at) VALUES (?1, ?2, 0, ?3)",
            id.str(), name, now);
        if (!inserted && inserted.error().code == core::ErrorCode::kAlreadyExists) {
            return tl::unexpected(workspace_taken(name));
        }
        SWARM_TRY(std::move(inserted));
        return core::WorkspaceRecord{id, name, false, from_millis(now)};
    });
}

core::Result<std::optional<core::WorkspaceRecord>> SqliteAccessStore::find_workspace(
    const std::string& name) {
    return db_->read([&](Connection& db) {
        return db.query_one(
            std::string("SELECT ") + kWorkspaceColumns + " FROM workspaces WHERE name = ?1",
            decoded(decode_workspace), name);
    });
}

core::Result<std::vector<core::WorkspaceRecord>> SqliteAccessStore::list_workspaces() {
    return db_->read([](Connection& db) {
        return db.query_all(
            std::string("SELECT ") + kWorkspaceColumns + " FROM workspaces ORDER BY name",
            decoded(decode_workspace));
    });
}

core::Result<core::ApiKeyRecord> SqliteAccessStore::create_key(const core::NewApiKey& key) {
    SWARM_TRY(check_new_key(key));
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::ApiKeyRecord> {
        SWARM_TRY(require_workspace(db, key.workspace));
        std::optional<std::int64_t> expires;
        if (key.expires_at) {
            expires = to_millis(*key.expires_at);
        }
        SWARM_TRY(
            db.execute("INSERT INTO api_keys (id, workspace_id, name, role, digest, "
                       "created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                       key.id, key.workspace.str(), key.name,
                       std::string(core::access::to_string(key.role)), key.digest, now, expires));
        SWARM_TRY_ASSIGN(auto stored, find(db, key.id));
        return std::move(*stored);
    });
}

core::Result<std::optional<core::ApiKeyRecord>> SqliteAccessStore::find_key(const std::string& id) {
    return db_->read([&](Connection& db) { return find(db, id); });
}

core::Result<void> SqliteAccessStore::touch_key(const std::string& id, core::Timestamp at) {
    return db_->write([&](Connection& db) -> core::Result<void> {
        SWARM_TRY(
            db.execute("UPDATE api_keys SET last_used_at = ?2 WHERE id = ?1", id, to_millis(at)));
        if (db.changes() == 0) {
            return not_found("API key", id);
        }
        return {};
    });
}

core::Result<core::ApiKeyRecord> SqliteAccessStore::revoke_key(
    const std::string& id, const std::optional<core::WorkspaceId>& workspace) {
    const auto now = to_millis(clock_.now());
    std::optional<std::string> scope;
    if (workspace) {
        scope = workspace->str();
    }
    return db_->write([&](Connection& db) -> core::Result<core::ApiKeyRecord> {
        SWARM_TRY(
            db.execute("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?2) "
                       "WHERE id = ?1 AND (?3 IS NULL OR workspace_id = ?3)",
                       id, now, scope));
        if (db.changes() == 0) {
            return not_found("API key", id);
        }
        SWARM_TRY_ASSIGN(auto stored, find(db, id));
        return std::move(*stored);
    });
}

core::Result<std::vector<core::ApiKeyRecord>> SqliteAccessStore::list_keys(
    const std::optional<core::WorkspaceId>& workspace) {
    std::optional<std::string> scope;
    if (workspace) {
        scope = workspace->str();
    }
    return db_->read([&](Connection& db) {
        return db.query_all(std::string("SELECT ") + kApiKeyColumns +
                                " FROM api_keys k JOIN workspaces w ON w.id = k.workspace_id"
                                " WHERE ?1 IS NULL OR k.workspace_id = ?1"
                                " ORDER BY k.created_at DESC, k.id DESC",
                            decoded(decode_api_key), scope);
    });
}

}  // namespace swarm::storage
