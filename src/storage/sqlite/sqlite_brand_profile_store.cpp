#include "storage/sqlite/sqlite_brand_profile_store.hpp"

#include "storage/sqlite/row_codec.hpp"

namespace swarm::storage {

namespace {

constexpr const char* kSelect =
    "SELECT id, name, brand_json, created_at, updated_at FROM brand_profiles ";

core::BrandProfileRecord read_profile(const Statement& row) {
    return {row.column_text(0), row.column_text(1), row.column_text(2),
            from_millis(row.column_int(3)), from_millis(row.column_int(4))};
}

core::Result<core::BrandProfileRecord> load(Connection& db, const std::string& id) {
    auto stmt = db.prepare(std::string(kSelect) + "WHERE id = ?1");
    if (!stmt) {
        return tl::unexpected(std::move(stmt.error()));
    }
    SWARM_STORAGE_TRY(stmt->bind_all(id));
    auto row = stmt->step();
    if (!row) {
        return tl::unexpected(std::move(row.error()));
    }
    if (!*row) {
        return core::fail(core::ErrorCode::kNotFound, "brand profile " + id + " not found", "id");
    }
    return read_profile(*stmt);
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

/// Runs a write statement; a UNIQUE violation (id or name taken) becomes a readable message.
core::Result<void> run_write(Statement& stmt, const core::NewBrandProfile& profile) {
    auto ok = stmt.run();
    if (!ok && ok.error().code == core::ErrorCode::kAlreadyExists) {
        auto error = std::move(ok.error());
        error.message = "a brand profile with id '" + profile.id + "' or name '" + profile.name +
                        "' already exists";
        error.field = "name";
        return tl::unexpected(std::move(error));
    }
    return ok;
}

}  // namespace

core::Result<core::BrandProfileRecord> SqliteBrandProfileStore::create(
    const core::NewBrandProfile& profile) {
    SWARM_STORAGE_TRY(check(profile));
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::BrandProfileRecord> {
        auto stmt = db.prepare(
            "INSERT INTO brand_profiles (id, name, brand_json, created_at, updated_at) "
            "VALUES (?1, ?2, ?3, ?4, ?4)");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(profile.id, profile.name, profile.brand_json, now));
        SWARM_STORAGE_TRY(run_write(*stmt, profile));
        return load(db, profile.id);
    });
}

core::Result<core::BrandProfileRecord> SqliteBrandProfileStore::get(const std::string& id) {
    return db_->read([&](Connection& db) { return load(db, id); });
}

core::Result<std::vector<core::BrandProfileRecord>> SqliteBrandProfileStore::list() {
    return db_->read([](Connection& db) -> core::Result<std::vector<core::BrandProfileRecord>> {
        auto stmt = db.prepare(std::string(kSelect) + "ORDER BY name, id");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        std::vector<core::BrandProfileRecord> profiles;
        for (;;) {
            auto row = stmt->step();
            if (!row) {
                return tl::unexpected(std::move(row.error()));
            }
            if (!*row) {
                return profiles;
            }
            profiles.push_back(read_profile(*stmt));
        }
    });
}

core::Result<core::BrandProfileRecord> SqliteBrandProfileStore::update(
    const core::NewBrandProfile& profile) {
    SWARM_STORAGE_TRY(check(profile));
    const auto now = to_millis(clock_.now());
    return db_->write([&](Connection& db) -> core::Result<core::BrandProfileRecord> {
        SWARM_STORAGE_TRY(load(db, profile.id));
        auto stmt = db.prepare(
            "UPDATE brand_profiles SET name = ?2, brand_json = ?3, updated_at = ?4 WHERE id = ?1");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(profile.id, profile.name, profile.brand_json, now));
        SWARM_STORAGE_TRY(run_write(*stmt, profile));
        return load(db, profile.id);
    });
}

core::Result<void> SqliteBrandProfileStore::remove(const std::string& id) {
    return db_->write([&](Connection& db) -> core::Result<void> {
        auto stmt = db.prepare("DELETE FROM brand_profiles WHERE id = ?1");
        if (!stmt) {
            return tl::unexpected(std::move(stmt.error()));
        }
        SWARM_STORAGE_TRY(stmt->bind_all(id));
        SWARM_STORAGE_TRY(stmt->run());
        if (db.changes() == 0) {
            return core::fail(core::ErrorCode::kNotFound, "brand profile " + id + " not found",
                              "id");
        }
        return {};
    });
}

}  // namespace swarm::storage
