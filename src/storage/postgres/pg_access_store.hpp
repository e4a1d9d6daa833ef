// core::AccessStore on PostgreSQL: workspaces and API keys (digests only) in the server's database.
#pragma once

#include "core/ports/access_store.hpp"
#include "core/ports/clock.hpp"
#include "storage/postgres/pg_database.hpp"

#include <memory>

namespace swarm::storage {

/// Thread-safe (see PgDatabase). `clock` must outlive the store.
class PgAccessStore final : public core::AccessStore {
public:
    PgAccessStore(std::shared_ptr<PgDatabase> db, const core::Clock& clock)
        : db_(std::move(db)), clock_(clock) {}

    core::Result<core::WorkspaceRecord> create_workspace(const core::WorkspaceId& id,
                                                         const std::string& name) override;
    core::Result<std::optional<core::WorkspaceRecord>> find_workspace(
        const std::string& name) override;
    core::Result<std::vector<core::WorkspaceRecord>> list_workspaces() override;
    core::Result<core::ApiKeyRecord> create_key(const core::NewApiKey& key) override;
    core::Result<std::optional<core::ApiKeyRecord>> find_key(const std::string& id) override;
    core::Result<void> touch_key(const std::string& id, core::Timestamp at) override;
    core::Result<core::ApiKeyRecord> revoke_key(
        const std::string& id, const std::optional<core::WorkspaceId>& workspace) override;
    core::Result<std::vector<core::ApiKeyRecord>> list_keys(
        const std::optional<core::WorkspaceId>& workspace) override;

private:
    std::shared_ptr<PgDatabase> db_;
    const core::Clock& clock_;
};

}  // namespace swarm::storage
