// One claimed job's run inside the JobRunner: decode, pipeline with stored events and a lease
// renewer, store items, finish with the verified status. Internal to the services folder.
#pragma once

#include "core/services/job_runner.hpp"
#include "core/services/stored_event_sink.hpp"

#include <atomic>
#include <optional>
#include <set>
#include <stop_token>
#include <string>
#include <vector>

namespace swarm::core {

/// What storing a pipeline result delivered.
struct DeliveryOutcome {
    JobStatus status = JobStatus::kFailed;
    std::vector<Platform> missing;  // in requested order
    std::string error;              // empty when succeeded
};

/// Thread-safety: run() on the worker's thread; abandon() and abandoned() from any thread.
class JobExecution {
public:
    JobExecution(const JobRunnerDeps& deps, const JobRunnerOptions& options, JobRecord job,
                 std::string worker_id);

    /// Runs the job to a final status; never throws. Does nothing more once abandoned.
    void run();

    /// The job was handed back to the queue (drain) or its lease was lost: stop writing, and stop
    /// the pipeline (in-flight model calls end within about a second).
    void abandon();

    /// A cancel was requested: stop the pipeline; the run finishes the job cancelled.
    void request_cancel();

    bool abandoned() const { return abandoned_.load(); }

    /// The final status could not be written even after retries (a storage fault): the store
    /// still says running under a lease nobody renews; the runner requeues it once that lapses.
    bool unfinished() const { return unfinished_.load(); }

    const std::string& job_id() const { return job_.id; }

    const std::string& worker_id() const { return worker_id_; }

private:
    void run_unguarded();
    Result<Job> run_pipeline_renewing(const Brief& brief);
    void renew_until(const std::stop_token& stop);
    bool cancel_requested();
    void record_usage(const JobUsage& usage);
    void log_finished(JobStatus status, const std::string& error,
                      const std::vector<Platform>& missing) const;
    DeliveryOutcome store_items(const Job& result);
    void finish(JobStatus status, const std::string& error, const std::vector<Platform>& missing);

    const JobRunnerDeps& deps_;
    const JobRunnerOptions& options_;
    JobRecord job_;
    std::string worker_id_;
    JobClaim claim_;  // fences every write of this run (renew, notes, usage, finish)
    StoredEventSink sink_;
    std::atomic<bool> abandoned_{false};
    std::atomic<bool> cancel_seen_{false};  // a lease renewal saw cancel_requested
    std::atomic<bool> unfinished_{false};   // see unfinished()
    std::stop_source stop_;                 // the pipeline's stop token (cancel, abandon)
    JobUsage usage_;                        // this run's model use (for the final log line)
};

/// Status from what was stored: succeeded only with every requested platform delivered.
DeliveryOutcome delivery_outcome(const std::vector<Platform>& requested,
                                 const std::set<Platform>& delivered,
                                 const std::vector<std::string>& notes);

}  // namespace swarm::core
