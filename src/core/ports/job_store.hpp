// Port: durable jobs for the server's queue (create with idempotency, claims fenced by lease and
// claim number, finish, cancel, crash recovery with capped backoff). SQLite and PostgreSQL.
#pragma once

#include "core/model/job.hpp"
#include "core/model/platform.hpp"
#include "core/model/workspace.hpp"
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

/// Retrying runs that ended without finishing (lease expired, process died): the job is queued
/// again but not claimable before now + min(backoff_base * 2^(attempts-1), backoff_cap); a run
/// interrupted at attempts >= max_attempts ends the job failed instead.
struct RetryPolicy {
    std::int64_t max_attempts = 5;
    std::chrono::milliseconds backoff_base{2000};
    std::chrono::milliseconds backoff_cap{60'000};
};

/// Who runs a claimed job: every write a run makes (renew, notes, usage, finish) is fenced by it,
/// so a worker that lost its lease (its job rescued, maybe claimed again) cannot touch the job.
struct JobClaim {
    std::string worker_id;
    std::int64_t claim = 0;  // JobRecord::claims as claim_next returned it
};

/// One run of a job, kept in its history.
struct JobRun {
    std::int64_t claim = 0;  // 1 for the first claim, and so on
    std::string worker_id;
    Timestamp started_at;
    std::optional<Timestamp> ended_at;  // nullopt while it runs
    /// "running", a final status ("succeeded", ...), "lease_expired" (rescued by another
    /// worker), "interrupted" (its process died; found at restart) or "handed_back" (drain).
    std::string outcome;
};

/// A job a requeue changed: queued again (claimable from not_before) or failed for good.
struct RequeuedJob {
    std::string id;
    JobStatus status = JobStatus::kQueued;  // kQueued or kFailed (out of attempts)
    std::int64_t attempts = 0;
    std::optional<Timestamp> not_before;  // queued after a backoff
    std::string error;                    // failed: "gave up after N attempts: ..."
};

struct JobRecord {
    std::string id;
    WorkspaceId workspace{""};  // the workspace it was submitted in
    JobStatus status = JobStatus::kQueued;
    std::string brief_json;
    std::vector<Platform> requested_platforms;
    std::optional<std::string> idempotency_key;
    std::int64_t attempts = 0;  // runs counted toward the maximum (a drain hand-back is not)
    std::int64_t claims = 0;    // every claim, never given back: the fencing number
    std::optional<Timestamp> not_before;  // queued after an interrupted run: not claimed before
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
    std::vector<JobRun> history;           // every run, oldest first (the current one included)
};

struct CreatedJob {
    JobRecord job;
    bool created = true;  // false: the idempotency key was used before; `job` is that job
};

struct JobQuery {
    std::optional<JobStatus> status;
    // The window [created_from, created_to) on created_at; either bound applies alone.
    std::optional<Timestamp> created_from;
    std::optional<Timestamp> created_to;
    int limit = 20;      // 1..100
    std::string cursor;  // empty for the first page, else a previous page's next_cursor
};

struct JobPage {
    std::vector<JobRecord> jobs;  // newest first (created_at, id descending)
    std::string next_cursor;      // empty on the last page
};

/// What one workspace has running and has spent, for its limits.
struct WorkspaceLoad {
    std::int64_t open_jobs = 0;     // queued or running
    std::int64_t tokens_since = 0;  // input+output tokens of its jobs created at or after `since`
    double cost_since = 0;          // cost_usd of the same jobs (over every run)
};

/// Scoping: what a client asks for (create, get, list, cancel) takes the workspace and never
/// reaches another workspace's job (another workspace's id is kNotFound, like an unknown one). The
/// worker's methods (claim, renew, finish, notes, usage, requeues) act on jobs of every workspace,
/// fenced by the claim; the claimed JobRecord names the workspace the run must work in.
/// Thread-safety: every method may be called from any thread concurrently, and several processes
/// may share one store; each method is one atomic transaction. Storage failures are kIo (or
/// kUnavailable when the database stays locked past its busy timeout).
class JobStore {
public:
    virtual ~JobStore() = default;

    /// Inserts a queued job in `workspace`. With an idempotency key already used in this
    /// workspace, returns the existing job with created=false (atomic: concurrent creates with one
    /// key make exactly one job); keys of other workspaces are not seen.
    /// kInvalidArgument: empty id; kAlreadyExists: the id is taken (without a matching key).
    virtual Result<CreatedJob> create(const WorkspaceId& workspace, const NewJob& job) = 0;

    /// kNotFound when absent from `workspace`.
    virtual Result<JobRecord> get(const WorkspaceId& workspace, const std::string& id) = 0;

    /// The workspace's jobs matching every filter set. Keyset pagination: stable under concurrent
    /// inserts (no duplicates, no skips); pass the same filters with each page's cursor.
    /// kInvalidArgument: limit outside 1..100 ("limit") or a malformed cursor.
    virtual Result<JobPage> list(const WorkspaceId& workspace, const JobQuery& query) = 0;

    /// Oldest claimable queued job (not_before unset or reached) → running: attempts+1,
    /// claims+1, lease to `worker_id` until now+lease, started_at set on first claim. Never
    /// hands one job to two callers. nullopt when nothing is claimable.
    virtual Result<std::optional<JobRecord>> claim_next(const std::string& worker_id,
                                                        std::chrono::milliseconds lease) = 0;

    /// Extends the lease to now+lease. kNotFound; kFailedPrecondition when the job is not running
    /// under `claim` (the caller lost it and must stop).
    virtual Result<JobRecord> renew_lease(const std::string& id, const JobClaim& claim,
                                          std::chrono::milliseconds lease) = 0;

    /// running under `claim` → `final_status` (succeeded, partial, failed or cancelled), lease
    /// cleared, finished_at set, the run closed in the history. Idempotent when this same claim
    /// already finished the job with `final_status`. kInvalidArgument: status not final;
    /// kNotFound; kFailedPrecondition: any other state or a claim that is not the job's.
    virtual Result<JobRecord> finish(const std::string& id, const JobClaim& claim,
                                     JobStatus final_status, const std::string& error,
                                     const std::vector<Platform>& missing_platforms) = 0;

    /// Replaces the job's notes (line breaks inside a note become spaces) while it runs under
    /// `claim`. kNotFound; kFailedPrecondition when the claim is not the job's running one.
    virtual Result<JobRecord> set_notes(const std::string& id, const JobClaim& claim,
                                        const std::vector<std::string>& notes) = 0;

    /// Adds a run's language-model use to the job's totals while it runs under `claim`.
    /// kNotFound; kFailedPrecondition when the claim is not the job's running one.
    virtual Result<JobRecord> add_usage(const std::string& id, const JobClaim& claim,
                                        const JobUsage& usage) = 0;

    /// queued → cancelled at once; running → cancel_requested (the runner polls it and finishes
    /// as cancelled); already cancelled → unchanged. kNotFound; kFailedPrecondition when the job
    /// already ended otherwise.
    virtual Result<JobRecord> request_cancel(const WorkspaceId& workspace,
                                             const std::string& id) = 0;

    /// Drain: running jobs leased to `worker_id` → queued at once (lease cleared, no backoff),
    /// their attempt given back (it does not count toward the maximum); history "handed_back".
    virtual Result<std::vector<RequeuedJob>> hand_back(const std::string& worker_id) = 0;

    /// Restart recovery (a single-process store): every running job's process died. Each goes
    /// back to queued after the policy's backoff, or fails when out of attempts; history
    /// "interrupted". Each changed job is returned by exactly one concurrent caller.
    virtual Result<std::vector<RequeuedJob>> requeue_interrupted(const RetryPolicy& policy) = 0;

    /// Rescue: running jobs whose lease ended before `now` → as requeue_interrupted, history
    /// "lease_expired". Each changed job is returned by exactly one concurrent caller, so one
    /// event per rescue is appended however many replicas sweep at once.
    virtual Result<std::vector<RequeuedJob>> requeue_expired_leases(Timestamp now,
                                                                    const RetryPolicy& policy) = 0;

    /// Every status with its count (zero included) over all workspaces, for metrics.
    virtual Result<std::map<JobStatus, std::int64_t>> count_by_status() = 0;

    /// The workspace's open jobs and the tokens and cost its jobs created at or after `since` used
    /// (over every run), in one consistent read. kIo on storage failure; an unknown workspace is
    /// all zeros.
    virtual Result<WorkspaceLoad> workspace_load(const WorkspaceId& workspace, Timestamp since) = 0;

    /// The worker's view of one job (any workspace), to learn whether a run it lost track of
    /// ended. kNotFound when absent.
    virtual Result<JobRecord> get_for_worker(const std::string& id) = 0;
};

}  // namespace swarm::core
