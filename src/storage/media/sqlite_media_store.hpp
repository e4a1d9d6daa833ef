// core::MediaStore in the SQLite database of `--db` (`--media db`): the `media` table (migration
// 0005), one row per content hash, written once with INSERT ... ON CONFLICT DO NOTHING.
#pragma once

#include "core/ports/clock.hpp"
#include "core/ports/media_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace swarm::storage {

/// Thread-safe (see SqliteDatabase); other processes on the same file see the same objects.
/// `clock` (created_at) must outlive the store.
class SqliteMediaStore final : public core::MediaStore {
public:
    SqliteMediaStore(std::shared_ptr<SqliteDatabase> db, const core::Clock& clock)
        : db_(std::move(db)), clock_(clock) {}

    core::Result<core::MediaInfo> put(std::string_view bytes,
                                      std::string_view content_type) override;
    core::Result<std::optional<core::MediaObject>> get(std::string_view id) override;
    core::Result<std::optional<core::MediaInfo>> stat(std::string_view id) override;
    std::string describe() const override;

private:
    std::shared_ptr<SqliteDatabase> db_;
    const core::Clock& clock_;
};

}  // namespace swarm::storage
