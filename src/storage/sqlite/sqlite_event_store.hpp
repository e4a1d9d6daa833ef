// core::EventStore on SQLite: each job's events with seq = stored max + 1, so numbering continues
// after a restart and SSE clients resume with Last-Event-ID.
#pragma once

#include "core/ports/clock.hpp"
#include "core/ports/event_store.hpp"
#include "storage/sqlite/sqlite_database.hpp"

#include <memory>

namespace swarm::storage {

/// Thread-safe (see SqliteDatabase). `clock` stamps events that arrive without a time; it must
/// outlive the store.
class SqliteEventStore final : public core::EventStore {
public:
    SqliteEventStore(std::shared_ptr<SqliteDatabase> db, const core::Clock& clock)
        : db_(std::move(db)), clock_(clock) {}

    core::Result<core::JobEvent> append(const std::string& job_id,
                                        const core::JobEvent& event) override;
    core::Result<std::vector<core::JobEvent>> list_after(const core::WorkspaceId& workspace,
                                                         const std::string& job_id,
                                                         std::int64_t after_seq,
                                                         int limit) override;
    core::Result<std::int64_t> last_seq(const core::WorkspaceId& workspace,
                                        const std::string& job_id) override;

private:
    std::shared_ptr<SqliteDatabase> db_;
    const core::Clock& clock_;
};

}  // namespace swarm::storage
