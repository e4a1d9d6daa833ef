// Port: durable jobs for the server's queue (create with idempotency, claim with leases, finish,
// cancel, crash recovery). Implemented by storage::SqliteJobStore; PostgreSQL later, same contract.
#pragma once

#include "core/model/job.hpp"
#include "core/model/platform.hpp"
#include "core/result.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace swarm::core {

using Timestamp = std::chrono::system_clock::time_point;  // stored as integer ms since epoch, UTC

struct NewJob {
    std::string id;
    std::string brief_json;  // opaque: encoded and decoded by the app
    std::vector<Platform> requested_platforms;
    std::optional<std::string> idempotency_key;
};

struct JobRecord {
    std::string id;
    JobStatus status = JobStatus::kQueued;
    std::string brief_json;
    std::vector<Platform> requested_platforms;
    std::optional<std::string> idempotency_key;
    std::int64_t attempts = 0;  // claims so far
    bool cancel_requested = false;
    std::string error;
    std::vector<Platform> missing_platforms;
    std::string lease_owner;  // worker holding a running job, empty otherwise
    std::optional<Timestamp> lease_expires_at;
    Timestamp created_at;
    Timestamp updated_at;
    std::optional<Timestamp> started_at;   // first claim
    std::optional<Timestamp> finished_at;  // set with a final status
    JobUsage usage;                        // language-model use, summed over every run
    std::vector<std::string> notes;        // the last run's notes for the user (any status)
};

struct CreatedJob {
    JobRecord job;
    bool created = true;  // false: the idempotency key was used before; `job` is that job
};

struct JobQuery {
    std::optional<JobStatus> status;
    int limit = 20;      // 1..100
    std::string cursor;  // empty for the first page, else a previous page's next_cursor
};

struct JobPage {
    std::vector<JobRecord> jobs;  // newest first (created_at, id descending)
    std::string next_cursor;      // empty on the last page
};

/// Thread-safety: every method may be called from any thread concurrently, and several processes
/// may share one store; each method is one atomic transaction. Storage failures are kIo (or
/// kUnavailable when the database stays locked past its busy timeout).
class JobStore {
public:
    virtual ~JobStore() = default;

    /// Inserts a queued job. With an idempotency key already used, returns the existing job with
    /// created=false (atomic: concurrent creates with one key make exactly one job).
    /// kInvalidArgument: empty id; kAlreadyExists: the id is taken (without a matching key).
    virtual Result<CreatedJob> create(const NewJob& job) = 0;

    /// kNotFound when absent.
    virtual Result<JobRecord> get(const std::string& id) = 0;

    /// Keyset pagination: stable under concurrent inserts (no duplicates, no skips).
    /// kInvalidArgument: limit outside 1..100 (field "limit") or a malformed cursor ("cursor").
    virtual Result<JobPage> list(const JobQuery& query) = 0;

    /// Oldest queued job → running: attempts+1, lease to `worker_id` until now+lease, started_at
    /// set on first claim. Never hands one job to two callers. nullopt when nothing is queued.
    virtual Result<std::optional<JobRecord>> claim_next(const std::string& worker_id,
                                                        std::chrono::milliseconds lease) = 0;

    /// Extends the lease to now+lease. kNotFound; kFailedPrecondition when the job is not running
    /// or is leased to another worker (the caller lost it and must stop).
    virtual Result<JobRecord> renew_lease(const std::string& id, const std::string& worker_id,
                                          std::chrono::milliseconds lease) = 0;

    /// running → `final_status` (succeeded, partial, failed or cancelled), lease cleared,
    /// finished_at set. Idempotent when the job is already in `final_status`.
    /// kInvalidArgument: status not final; kNotFound; kFailedPrecondition: any other state.
    virtual Result<JobRecord> finish(const std::string& id, JobStatus final_status,
                                     const std::string& error,
                                     const std::vector<Platform>& missing_platforms) = 0;

    /// Replaces the job's notes (line breaks inside a note become spaces). kNotFound.
    virtual Result<JobRecord> set_notes(const std::string& id,
                                        const std::vector<std::string>& notes) = 0;

    /// Adds one run's language-model use to the job's totals (any status). kNotFound.
    virtual Result<JobRecord> add_usage(const std::string& id, const JobUsage& usage) = 0;

    /// queued → cancelled at once; running → cancel_requested (the runner polls it and finishes
    /// as cancelled); already cancelled → unchanged. kNotFound; kFailedPrecondition when the job
    /// already ended otherwise.
    virtual Result<JobRecord> request_cancel(const std::string& id) = 0;

    /// running → queued (lease cleared) for jobs leased to `worker_id`, or all running jobs when
    /// nullopt: startup recovery and drain. Returns how many were requeued.
    virtual Result<std::int64_t> requeue_interrupted(
        const std::optional<std::string>& worker_id) = 0;

    /// running jobs whose lease ended before `now` → queued. Returns how many.
    virtual Result<std::int64_t> requeue_expired_leases(Timestamp now) = 0;

    /// Every status with its count (zero included), for metrics.
    virtual Result<std::map<JobStatus, std::int64_t>> count_by_status() = 0;
};

}  // namespace swarm::core
