// core::BrandProfileStore on SQLite: brand profiles by id with a unique name.
// The profile body is opaque JSON owned by the app.
#pragma once

#include "core/ports/brand_profile_store.hpp"
#include "core/ports/clock.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <memory>

namespace swarm::storage {

/// Thread-safe (see SqliteDatabase). `clock` must outlive the store.
class SqliteBrandProfileStore final : public core::BrandProfileStore {
public:
    SqliteBrandProfileStore(std::shared_ptr<SqliteDatabase> db, const core::Clock& clock)
        : db_(std::move(db)), clock_(clock) {}

    core::Result<core::BrandProfileRecord> create(const core::WorkspaceId& workspace,
                                                  const core::NewBrandProfile& profile) override;
    core::Result<core::BrandProfileRecord> get(const core::WorkspaceId& workspace,
                                               const std::string& id) override;
    core::Result<std::vector<core::BrandProfileRecord>> list(
        const core::WorkspaceId& workspace) override;
    core::Result<core::BrandProfileRecord> update(const core::WorkspaceId& workspace,
                                                  const core::NewBrandProfile& profile) override;
    core::Result<void> remove(const core::WorkspaceId& workspace, const std::string& id) override;

private:
    std::shared_ptr<SqliteDatabase> db_;
    const core::Clock& clock_;
};

}  // namespace swarm::storage
