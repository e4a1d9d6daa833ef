#include "storage/postgres/pg_brand_profile_store.hpp"

#include "storage/postgres/pg_codec.hpp"

namespace swarm::storage {

namespace {

constexpr const char* kSelect =
    "SELECT id, name, brand_json, created_at, updated_at FROM brand_profiles ";

core::BrandProfileRecord read_profile(const pqxx::row& row) {
    return {pg_text(row[0]), pg_text(row[1]), pg_text(row[2]), from_millis(pg_int(row[3])),
            from_millis(pg_int(row[4]))};
}

core::Result<core::BrandProfileRecord> load(pqxx::work& tx, const std::string& id) {
    const auto rows = tx.exec_params(std::string(kSelect) + "WHERE id = $1", id);
    if (rows.empty()) {
        return core::fail(core::ErrorCode::kNotFound, "brand profile " + id + " not found", "id");
    }
    return read_profile(rows[0]);
}

core::Result<void> check(const core::NewBrandProfile& profile) {
    if (profile.id.empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must not be empty", "id");
    }
    if (profile.name.empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "must not be empty", "name");
    }
    return {};
}

/// Runs a write; a UNIQUE violation (id or name taken) becomes a readable kAlreadyExists. The
/// failed statement aborts the transaction, which the error then rolls back.
core::Result<void> run_write(pqxx::work& tx, const std::string& sql,
                             const core::NewBrandProfile& profile, std::int64_t now) {
    try {
        tx.exec_params0(sql, profile.id, profile.name, profile.brand_json, now);
        return {};
    } catch (const pqxx::unique_violation&) {
        return core::fail(core::ErrorCode::kAlreadyExists,
                          "a brand profile with id '" + profile.id + "' or name '" + profile.name +
                              "' already exists",
                          "name");
    }
}

}  // namespace

core::Result<core::BrandProfileRecord> PgBrandProfileStore::create(
    const core::NewBrandProfile& profile) {
    SWARM_STORAGE_TRY(check(profile));
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::BrandProfileRecord> {
        SWARM_STORAGE_TRY(run_write(tx,
                                    "INSERT INTO brand_profiles (id, name, brand_json, "
                                    "created_at, updated_at) VALUES ($1, $2, $3, $4, $4)",
                                    profile, now));
        return load(tx, profile.id);
    });
}

core::Result<core::BrandProfileRecord> PgBrandProfileStore::get(const std::string& id) {
    return db_->transact([&](pqxx::work& tx) { return load(tx, id); });
}

core::Result<std::vector<core::BrandProfileRecord>> PgBrandProfileStore::list() {
    using Profiles = std::vector<core::BrandProfileRecord>;
    return db_->transact([](pqxx::work& tx) -> core::Result<Profiles> {
        Profiles profiles;
        for (const auto& row : tx.exec(std::string(kSelect) + "ORDER BY name, id")) {
            profiles.push_back(read_profile(row));
        }
        return profiles;
    });
}

core::Result<core::BrandProfileRecord> PgBrandProfileStore::update(
    const core::NewBrandProfile& profile) {
    SWARM_STORAGE_TRY(check(profile));
    const auto now = to_millis(clock_.now());
    return db_->transact([&](pqxx::work& tx) -> core::Result<core::BrandProfileRecord> {
        SWARM_STORAGE_TRY(load(tx, profile.id));
        SWARM_STORAGE_TRY(
            run_write(tx,
                      "UPDATE brand_profiles SET name = $2, brand_json = $3, updated_at = $4 "
                      "WHERE id = $1",
                      profile, now));
        return load(tx, profile.id);
    });
}

core::Result<void> PgBrandProfileStore::remove(const std::string& id) {
    return db_->transact([&](pqxx::work& tx) -> core::Result<void> {
        if (tx.exec_params("DELETE FROM brand_profiles WHERE id = $1", id).affected_rows() == 0) {
            return core::fail(core::ErrorCode::kNotFound, "brand profile " + id + " not found",
                              "id");
        }
        return {};
    });
}

}  // namespace swarm::storage
