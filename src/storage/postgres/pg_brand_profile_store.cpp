#include "storage/postgres/pg_brand_profile_store.hpp"

#include "storage/common/records.hpp"
#include "storage/common/store_errors.hpp"
#include "storage/postgres/pg_codec.hpp"

namespace swarm::storage {

namespace {

core::Result<core::BrandProfileRecord> load_profile(pqxx::work& tx,
                                                    const core::WorkspaceId& workspace,
                                                    const std::string& id) {
    const auto rows = tx.exec_params(std::string("SELECT ") + kProfileColumns +
                                         " FROM brand_profiles WHERE id = $1 AND workspace_id = $2",
                                     id, workspace.str());
    if (rows.empty()) {
        return not_found("brand profile", id);
    }
    return decode_profile(PgColumns(rows[0]));
}

/// Runs a write; a UNIQUE violation (id or name taken) becomes a readable kAlreadyExists. The
/// failed statement aborts the transaction, which the error then rolls back.
core::Result<void> run_write(pqxx::work& tx, const std::string& sql,
                             const core::WorkspaceId& workspace,
                             const core::NewBrandProfile& profile, std::int64_t now) {
    try {
        tx.exec_params0(sql, profile.id, profile.name, profile.brand_json, now, workspace.str());
        return {};
    } catch (const pqxx::unique_violation&) {
        return tl::unexpected(profile_taken(profile));
    }
}

}  // namespace

core::Result<core::BrandProfileRecord> PgBrandProfileStore::create(
    const core::WorkspaceId& workspace, const core::NewBrandProfile& profile) {
    SWARM_TRY(check_profile(profile));
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::BrandProfileRecord> {
        SWARM_TRY(run_write(tx,
                            "INSERT INTO brand_profiles (id, name, brand_json, "
                            "created_at, updated_at, workspace_id) VALUES ($1, $2, $3, $4, $4, $5)",
                            workspace, profile, now));
        return load_profile(tx, workspace, profile.id);
    });
}

core::Result<core::BrandProfileRecord> PgBrandProfileStore::get(const core::WorkspaceId& workspace,
                                                                const std::string& id) {
    return db_->transact([&](pqxx::work& tx) { return load_profile(tx, workspace, id); });
}

core::Result<std::vector<core::BrandProfileRecord>> PgBrandProfileStore::list(
    const core::WorkspaceId& workspace) {
    using Profiles = std::vector<core::BrandProfileRecord>;
    return db_->transact([&](pqxx::work& tx) -> core::Result<Profiles> {
        return decode_rows(
            tx.exec_params(std::string("SELECT ") + kProfileColumns +
                               " FROM brand_profiles WHERE workspace_id = $1 ORDER BY name, id",
                           workspace.str()),
            decode_profile);
    });
}

core::Result<core::BrandProfileRecord> PgBrandProfileStore::update(
    const core::WorkspaceId& workspace, const core::NewBrandProfile& profile) {
    SWARM_TRY(check_profile(profile));
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::BrandProfileRecord> {
        SWARM_TRY(load_profile(tx, workspace, profile.id));
        SWARM_TRY(run_write(tx,
                            "UPDATE brand_profiles SET name = $2, brand_json = $3, updated_at = $4 "
                            "WHERE id = $1 AND workspace_id = $5",
                            workspace, profile, now));
        return load_profile(tx, workspace, profile.id);
    });
}

core::Result<void> PgBrandProfileStore::remove(const core::WorkspaceId& workspace,
                                               const std::string& id) {
    return db_->transact([&](pqxx::work& tx) -> core::Result<void> {
        if (tx.exec_params("DELETE FROM brand_profiles WHERE id = $1 AND workspace_id = $2", id,
                           workspace.str())
                .affected_rows() == 0) {
            return not_found("brand profile", id);
        }
        return {};
    });
}

}  // namespace swarm::storage
