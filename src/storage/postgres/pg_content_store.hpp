// core::ContentStore on PostgreSQL: one item per (job, platform), written once whoever finishes
// first (ON CONFLICT on the pair), edits kept as numbered versions (bounded by ContentLimits) with
// optimistic concurrency.
#pragma once

#include "core/ports/clock.hpp"
#include "core/ports/content_store.hpp"
#include "storage/postgres/pg_database.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace swarm::storage {

/// Thread-safe (see PgDatabase). `clock` must outlive the store.
class PgContentStore final : public core::ContentStore {
public:
    PgContentStore(std::shared_ptr<PgDatabase> db, const core::Clock& clock,
                   core::ContentLimits limits = {})
        : db_(std::move(db)), clock_(clock), limits_(limits) {}

    core::Result<core::CreatedItem> put_item(const core::WorkspaceId& workspace,
                                             const std::string& job_id,
                                             const core::NewItem& item) override;
    core::Result<core::ItemRecord> get(const core::WorkspaceId& workspace,
                                       const std::string& id) override;
    core::Result<std::int64_t> current_version(const core::WorkspaceId& workspace,
                                               const std::string& id) override;
    core::Result<core::ItemPage> list(const core::WorkspaceId& workspace,
                                      const core::ContentQuery& query) override;
    core::Result<std::vector<core::ItemRecord>> scheduled_between(
        const core::WorkspaceId& workspace, std::chrono::sys_seconds from,
        std::chrono::sys_seconds to, int limit) override;
    core::Result<core::ItemRecord> update(const core::WorkspaceId& workspace, const std::string& id,
                                          const core::ItemUpdate& update) override;
    core::Result<core::VersionPage> versions(const core::WorkspaceId& workspace,
                                             const std::string& id,
                                             const core::VersionQuery& query) override;
    core::Result<void> remove(const core::WorkspaceId& workspace, const std::string& id) override;
    core::Result<bool> links_media(const core::WorkspaceId& workspace,
                                   const std::string& media_id) override;

    std::optional<std::string> storage_health() const override { return db_->health(); }

private:
    std::shared_ptr<PgDatabase> db_;
    const core::Clock& clock_;
    core::ContentLimits limits_;
};

}  // namespace swarm::storage
