// core::MediaStore in the PostgreSQL database of `--db` (`--media db`): the `media` table
// (migration 0004), bytea rows written once with INSERT ... ON CONFLICT DO NOTHING. One store for
// every replica, without another service.
#pragma once

#include "core/ports/clock.hpp"
#include "core/ports/media_store.hpp"
#include "storage/postgres/pg_database.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace swarm::storage {

/// Thread-safe (see PgDatabase). `clock` (created_at) must outlive the store.
class PgMediaStore final : public core::MediaStore {
public:
    PgMediaStore(std::shared_ptr<PgDatabase> db, const core::Clock& clock)
        : db_(std::move(db)), clock_(clock) {}

    core::Result<core::MediaInfo> put(std::string_view bytes,
                                      std::string_view content_type) override;
    core::Result<std::optional<core::MediaObject>> get(std::string_view id) override;
    core::Result<std::optional<core::MediaInfo>> stat(std::string_view id) override;
    std::string describe() const override;

private:
    std::shared_ptr<PgDatabase> db_;
    const core::Clock& clock_;
};

}  // namespace swarm::storage
