// core::EventStore on PostgreSQL: per-job seq assigned under a per-job advisory lock (safe across
// replicas), and a NOTIFY "job_id:seq" wake-up on channel swarm_events with every append.
#pragma once

#include "core/ports/clock.hpp"
#include "core/ports/event_store.hpp"
#include "storage/postgres/pg_database.hpp"

#include <memory>

namespace swarm::storage {

/// The LISTEN/NOTIFY channel; the payload is "<job_id>:<seq>" (a wake-up, never the event).
inline constexpr const char* kPgEventChannel = "swarm_events";

/// Thread-safe (see PgDatabase). `clock` stamps events that arrive without a time; it must
/// outlive the store.
class PgEventStore final : public core::EventStore {
public:
    PgEventStore(std::shared_ptr<PgDatabase> db, const core::Clock& clock)
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
    std::shared_ptr<PgDatabase> db_;
    const core::Clock& clock_;
};

}  // namespace swarm::storage
