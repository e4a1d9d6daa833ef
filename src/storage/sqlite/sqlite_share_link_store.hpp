// core::ShareLinkStore on SQLite: share links of jobs (secret digests only) in the server's
// database.
#pragma once

#include "core/ports/clock.hpp"
#include "core/ports/share_link_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <memory>

namespace swarm::storage {

/// Thread-safe (see SqliteDatabase). `clock` must outlive the store.
class SqliteShareLinkStore final : public core::ShareLinkStore {
public:
    SqliteShareLinkStore(std::shared_ptr<SqliteDatabase> db, const core::Clock& clock)
        : db_(std::move(db)), clock_(clock) {}

    core::Result<core::ShareLinkRecord> create(const core::NewShareLink& link) override;
    core::Result<std::optional<core::ShareLinkRecord>> find(const std::string& id) override;
    core::Result<std::vector<core::ShareLinkRecord>> list(const core::WorkspaceId& workspace,
                                                          const std::string& job_id) override;
    core::Result<core::ShareLinkRecord> revoke(const core::WorkspaceId& workspace,
                                               const std::string& id) override;

private:
    std::shared_ptr<SqliteDatabase> db_;
    const core::Clock& clock_;
};

}  // namespace swarm::storage
