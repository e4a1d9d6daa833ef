// core::RawOutputStore on SQLite: agent outputs kept verbatim, in append order, per job.
// Written before the output is interpreted, so every missing platform can be traced.
#pragma once

#include "core/ports/clock.hpp"
#include "core/ports/raw_output_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <memory>

namespace swarm::storage {

/// Thread-safe (see SqliteDatabase). `clock` must outlive the store.
class SqliteRawOutputStore final : public core::RawOutputStore {
public:
    SqliteRawOutputStore(std::shared_ptr<SqliteDatabase> db, const core::Clock& clock)
        : db_(std::move(db)), clock_(clock) {}

    core::Result<std::int64_t> append(const std::string& job_id, const std::string& agent,
                                      std::optional<core::Platform> platform,
                                      const std::string& text) override;
    core::Result<std::vector<core::RawOutputRecord>> list(const core::WorkspaceId& workspace,
                                                          const std::string& job_id) override;

private:
    std::shared_ptr<SqliteDatabase> db_;
    const core::Clock& clock_;
};

}  // namespace swarm::storage
