// core::ContentStore on SQLite: one item per (job, platform), edits kept as numbered versions
// (bounded by ContentLimits) with optimistic concurrency.
#pragma once

#include "core/ports/clock.hpp"
#include "core/ports/content_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace swarm::storage {

/// Thread-safe (see SqliteDatabase). `clock` must outlive the store.
class SqliteContentStore final : public core::ContentStore {
public:
    SqliteContentStore(std::shared_ptr<SqliteDatabase> db, const core::Clock& clock,
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

    /// Set once the database watches for other processes' commits (start_change_watch).
    std::optional<std::uint64_t> change_epoch() const override { return db_->change_epoch(); }

private:
    std::shared_ptr<SqliteDatabase> db_;
    const core::Clock& clock_;
    core::ContentLimits limits_;
};

}  // namespace swarm::storage
