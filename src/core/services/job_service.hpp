// The server's job front door, free of HTTP: submit with idempotency and a bounded queue, cancel,
// get and list. Submits wake the JobRunner's idle workers through the shared WorkSignal.
#pragma once

#include "core/model/brief.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/event_store.hpp"
#include "core/ports/job_store.hpp"
#include "core/result.hpp"
#include "core/services/event_hub.hpp"
#include "core/services/job_metrics.hpp"
#include "core/services/work_signal.hpp"

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace swarm::core {

struct JobServiceOptions {
    std::int64_t queue_capacity = 100;    // submit refuses when this many jobs are queued
    std::chrono::seconds retry_after{5};  // the hint given with a refusal (HTTP Retry-After)
};

/// The field a reused idempotency key's refusal names (HTTP: 422 naming the header).
inline constexpr std::string_view kIdempotencyKeyField = "Idempotency-Key";

struct SubmitOutcome {
    JobRecord job;
    bool created = true;  // false: the idempotency key was used before; `job` is that job
};

/// Everything JobService uses; each must outlive it. `new_id` makes unique job ids.
struct JobServiceDeps {
    JobStore& jobs;
    EventStore& events;
    EventHub& hub;
    WorkSignal& signal;
    const Clock& clock;
    std::function<std::string()> new_id;
    JobMetrics* metrics = nullptr;  // optional
    /// Called after a running job was marked cancel_requested (the app stops its pipeline when
    /// this process runs it). Optional.
    std::function<void(const std::string&)> on_cancel_requested{};
};

/// Thread-safe. Submits are serialised in-process so the capacity check and the insert are one
/// step (across processes sharing a store the capacity is approximate).
class JobService {
public:
    JobService(JobServiceDeps deps, JobServiceOptions options)
        : deps_(std::move(deps)), options_(options) {}

    /// Queues a job for `brief` in `workspace` (validated by the caller; `brief_json` is its
    /// encoding). kResourceExhausted when the queue is full, with Error.retry_after set to the
    /// configured hint. Limit: a repeated idempotency key is refused too while the queue is full
    /// (the store has no lookup by key); the client retries after the hint. A key used before
    /// with another brief is kFailedPrecondition on field kIdempotencyKeyField (the old job is
    /// not returned for a different request).
    Result<SubmitOutcome> submit(const WorkspaceId& workspace, const Brief& brief,
                                 const std::string& brief_json,
                                 const std::optional<std::string>& idempotency_key);

    /// queued → cancelled at once (with its job_finished event); running → cancel_requested, the
    /// runner finishes it as cancelled. kNotFound; kFailedPrecondition when it ended otherwise.
    Result<JobRecord> cancel(const WorkspaceId& workspace, const std::string& id);

    Result<JobRecord> get(const WorkspaceId& workspace, const std::string& id) {
        return deps_.jobs.get(workspace, id);
    }

    Result<JobPage> list(const WorkspaceId& workspace, const JobQuery& query) {
        return deps_.jobs.list(workspace, query);
    }

private:
    JobServiceDeps deps_;
    JobServiceOptions options_;
    std::mutex submit_mutex_;
};

}  // namespace swarm::core
