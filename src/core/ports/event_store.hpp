// Port: the durable, ordered event log of each job (SSE replay with Last-Event-ID resume).
// Implemented by storage::SqliteEventStore; sequence numbers survive restarts.
#pragma once

#include "core/model/job.hpp"
#include "core/model/workspace.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace swarm::core {

/// Thread-safety: all methods may be called concurrently from any thread (and process).
/// Storage failures are kIo (kUnavailable when the database stays locked).
/// Scoping: reads take the workspace and see nothing of another workspace's jobs (empty, as for
/// an unknown job). append is the worker's, for the job it runs.
class EventStore {
public:
    virtual ~EventStore() = default;

    /// Stores `event` with seq = (largest stored seq of the job) + 1, assigned atomically: 1, 2,
    /// 3 ... with no gaps, continuing after a restart. The input seq is ignored; the stored event
    /// is returned. kNotFound when the job does not exist.
    virtual Result<JobEvent> append(const std::string& job_id, const JobEvent& event) = 0;

    /// Events with seq > after_seq in seq order, at most `limit` (1..1000, else
    /// kInvalidArgument). Empty when the job has none (or does not exist).
    virtual Result<std::vector<JobEvent>> list_after(const WorkspaceId& workspace,
                                                     const std::string& job_id,
                                                     std::int64_t after_seq, int limit) = 0;

    /// The largest seq of the job, 0 when it has none.
    virtual Result<std::int64_t> last_seq(const WorkspaceId& workspace,
                                          const std::string& job_id) = 0;
};

}  // namespace swarm::core
