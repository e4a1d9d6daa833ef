// core::ShareLinkStore on PostgreSQL: share links of jobs (secret digests only) in the server's
// database, shared by every replica.
#pragma once

#include "core/ports/clock.hpp"
#include "core/ports/share_link_store.hpp"
#include "storage/postgres/pg_database.hpp"

#include <memory>

namespace swarm::storage {

/// Thread-safe (see PgDatabase). `clock` must outlive the store.
class PgShareLinkStore final : public core::ShareLinkStore {
public:
    PgShareLinkStore(std::shared_ptr<PgDatabase> db, const core::Clock& clock)
        : db_(std::move(db)), clock_(clock) {}

    core::Result<core::ShareLinkRecord> create(const core::NewShareLink& link) override;
    core::Result<std::optional<core::ShareLinkRecord>> find(const std::string& id) override;
    core::Result<std::vector<core::ShareLinkRecord>> list(const core::WorkspaceId& workspace,
                                                          const std::string& job_id) override;
    core::Result<core::ShareLinkRecord> revoke(const core::WorkspaceId& workspace,
                                               const std::string& id) override;

private:
    std::shared_ptr<PgDatabase> db_;
    const core::Clock& clock_;
};

}  // namespace swarm::storage
