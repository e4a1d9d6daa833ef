// core::WorkspaceSettingsStore on SQLite: a workspace's limits and its sealed secrets in the
// server's database.
#pragma once

#include "core/ports/clock.hpp"
#include "core/ports/workspace_settings_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <map>
#include <memory>
#include <string>

namespace swarm::storage {

/// Thread-safe (see SqliteDatabase). `clock` must outlive the store.
class SqliteWorkspaceSettingsStore final : public core::WorkspaceSettingsStore {
public:
    SqliteWorkspaceSettingsStore(std::shared_ptr<SqliteDatabase> db, const core::Clock& clock)
        : db_(std::move(db)), clock_(clock) {}

    core::Result<core::WorkspaceLimits> limits(const core::WorkspaceId& workspace) override;
    core::Result<core::WorkspaceLimits> set_limits(const core::WorkspaceId& workspace,
                                                   const core::WorkspaceLimits& limits) override;
    core::Result<core::SecretRecord> put_secret(const core::WorkspaceId& workspace,
                                                const std::string& name, const std::string& sealed,
                                                const std::string& last4) override;
    core::Result<std::optional<core::SecretRecord>> secret(const core::WorkspaceId& workspace,
                                                           const std::string& name) override;
    core::Result<std::vector<core::SecretRecord>> secrets(
        const core::WorkspaceId& workspace) override;
    core::Result<void> delete_secret(const core::WorkspaceId& workspace,
                                     const std::string& name) override;
    core::Result<std::map<std::string, std::string>> preferences(
        const core::WorkspaceId& workspace) override;
    core::Result<void> set_preference(const core::WorkspaceId& workspace, const std::string& name,
                                      const std::string& value) override;

private:
    std::shared_ptr<SqliteDatabase> db_;
    const core::Clock& clock_;
};

}  // namespace swarm::storage
