#include "storage/sqlite/sqlite_brand_profile_store.hpp"

#include "storage/common/records.hpp"
#include "storage/common/store_errors.hpp"
#include "storage/sqlite/sqlite_columns.hpp"

namespace swarm::storage {

namespace {

core::Result<core::BrandProfileRecord> load_profile(Connection& db,
                                                    const core::WorkspaceId& workspace,
                                                    const std::string& id) {
    SWARM_TRY_ASSIGN(auto profile,
                     db.query_one(std::string("SELECT ") + kProfileColumns +
                                      " FROM brand_profiles WHERE id = ?1 AND workspace_id = ?2",
                                  decoded(decode_profile), id, workspace.str()));
    if (!profile) {
        return not_found("brand profile", id);
    }
    return std::move(*profile);
}

/// Runs a write of (id ?1, name ?2, brand_json ?3, now ?4, workspace ?5); a UNIQUE violation
/// (id or name taken) becomes a readable message.
core::Result<void> write_profile(Connection& db, std::string_view sql,
                                 const core::WorkspaceId& workspace,
                                 const core::NewBrandProfile& profile, std::int64_t now) {
    auto ok = db.execute(sql, profile.id, profile.name, profile.brand_json, now, workspace.str());
    if (!ok && ok.error().code == core::ErrorCode::kAlreadyExists) {
        auto error = profile_taken(profile);
        error.detail = std::move(ok.error().detail);
        return tl::unexpected(std::move(error));
    }
    return ok;
}

}  // namespace

core::Result<core::BrandProfileRecord> SqliteBrandProfileStore::create(
    const core::WorkspaceId& workspace, const core::NewBrandProfile& profile) {
    SWARM_TRY(check_profile(profile));
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::BrandProfileRecord> {
        SWARM_TRY(write_profile(db,
                                "INSERT INTO brand_profiles (id, name, brand_json, created_at, "
                                "updated_at, workspace_id) VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
                                workspace, profile, now));
        return load_profile(db, workspace, profile.id);
    });
}

core::Result<core::BrandProfileRecord> SqliteBrandProfileStore::get(
    const core::WorkspaceId& workspace, const std::string& id) {
    return db_->read([&](Connection& db) { return load_profile(db, workspace, id); });
}

core::Result<std::vector<core::BrandProfileRecord>> SqliteBrandProfileStore::list(
    const core::WorkspaceId& workspace) {
    return db_->read([&](Connection& db) {
        return db.query_all(std::string("SELECT ") + kProfileColumns +
                                " FROM brand_profiles WHERE workspace_id = ?1 ORDER BY name, id",
                            decoded(decode_profile), workspace.str());
    });
}

core::Result<core::BrandProfileRecord> SqliteBrandProfileStore::update(
    const core::WorkspaceId& workspace, const core::NewBrandProfile& profile) {
    SWARM_TRY(check_profile(profile));
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::BrandProfileRecord> {
        SWARM_TRY(load_profile(db, workspace, profile.id));
        SWARM_TRY(write_profile(db,
                                "UPDATE brand_profiles SET name = ?2, brand_json = ?3, "
                                "updated_at = ?4 WHERE id = ?1 AND workspace_id = ?5",
                                workspace, profile, now));
        return load_profile(db, workspace, profile.id);
    });
}

core::Result<void> SqliteBrandProfileStore::remove(const core::WorkspaceId& workspace,
                                                   const std::string& id) {
    return db_->write([&](Connection& db) -> core::Result<void> {
        SWARM_TRY(db.execute("DELETE FROM brand_profiles WHERE id = ?1 AND workspace_id = ?2", id,
                             workspace.str()));
        if (db.changes() == 0) {
            return not_found("brand profile", id);
        }
        return {};
    });
}

}  // namespace swarm::storage
