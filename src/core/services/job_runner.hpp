// The server's bounded worker pool: claims queued jobs with leases, runs the pipeline with stored
// events, stores the items, finishes each job; recovers interrupted jobs at start and drains.
#pragma once

#include "core/agents/writer.hpp"
#include "core/model/brief.hpp"
#include "core/model/content_item.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/content_store.hpp"
#include "core/ports/event_store.hpp"
#include "core/ports/image_model.hpp"
#include "core/ports/job_store.hpp"
#include "core/ports/knowledge_bases.hpp"
#include "core/ports/llm_agents.hpp"
#include "core/ports/media_store.hpp"
#include "core/ports/raw_output_store.hpp"
#include "core/ports/renderer.hpp"
#include "core/ports/time_zones.hpp"
#include "core/result.hpp"
#include "core/services/event_hub.hpp"
#include "core/services/job_log.hpp"
#include "core/services/job_metrics.hpp"
#include "core/services/work_signal.hpp"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

namespace swarm::core {

/// Decodes a stored brief_json (the app passes codec::decode_brief): keeps JSON out of core.
using BriefDecoder = std::function<Result<Brief>(const std::string&)>;
/// Encodes an item for ContentStore (the app passes codec::encode_item(item).dump()).
using ItemEncoder = std::function<std::string(const ContentItem&)>;

/// What every pipeline run needs besides its event sink; each must outlive the runner.
struct PipelineResources {
    KnowledgeBases& knowledge;  // each job is grounded in its own workspace's base
    TimeZones& time_zones;
    Clock& clock;
    WriterFactory writer_factory{};  // empty: the built-in offline writers
    const LlmAgents* llm = nullptr;  // null or no clients: the offline pipeline
    /// The clients a workspace's jobs use instead of `llm` (its own model API key); a null
    /// result: `llm`. An error fails the job with it. Unset: every job uses `llm`.
    std::function<Result<std::shared_ptr<const LlmAgents>>(const WorkspaceId&)> llm_for{};
    /// The designer's tools (see PipelineDeps): both set for visuals; the image model optional.
    Renderer* renderer = nullptr;
    MediaStore* media = nullptr;
    ImageModel* image_model = nullptr;
};

struct JobRunnerDeps {
    JobStore& jobs;
    EventStore& events;
    ContentStore& content;
    EventHub& hub;
    WorkSignal& signal;  // the one JobService notifies on submit
    PipelineResources pipeline;
    JobMetrics* metrics = nullptr;          // optional
    RawOutputStore* raw_outputs = nullptr;  // optional: model outputs kept before parsing
    JobLogger log{};                        // optional: job started / finished lines
};

struct JobRunnerOptions {
    int workers = 2;
    std::string instance_id = "runner";             // worker ids are "<instance_id>/w<N>"
    std::chrono::milliseconds lease{30'000};        // claim and renewal length
    std::chrono::milliseconds renew_every{10'000};  // well inside the lease
    std::chrono::milliseconds poll_interval{500};   // fallback when no submit wakes a worker
    /// Startup recovery: every running job goes back to queued. Right for SQLite, where this
    /// process is the only runner and any running job is its own previous life's. With a store
    /// shared by live replicas, set false and rely on lease expiry instead.
    bool requeue_all_running_at_start = true;
    /// A store shared by replicas: before claiming (at most once per renew_every), running jobs
    /// whose lease expired (their replica died) go back to queued, with an event saying so.
    bool rescue_expired_leases = false;
    /// Runs interrupted by a crash (restart recovery, lease rescue) are retried after a capped
    /// backoff, and the job fails once they reach the maximum; a drain hand-back is neither.
    RetryPolicy retry{};
    /// A final status the store refuses with a fault (full disk, lost connection) is written
    /// again this often, waiting finish_retry_backoff, then twice as long each time. If it still
    /// fails, the job's lease lapses and the runner requeues it (also on a store of its own).
    int finish_retries = 4;
    std::chrono::milliseconds finish_retry_backoff{250};
    BriefDecoder decode_brief;
    ItemEncoder encode_item;
};

class JobExecution;

/// Lifecycle: start() once, then stop_accepting() / wait_idle() / requeue_unfinished() to drain,
/// then destroy (joins the workers). Thread-safe for those calls.
///
/// Cancellation: cancel_running() (the JobService calls it in-process) or a lease renewal that
/// sees cancel_requested stops the job's pipeline through its stop token, which reaches
/// in-flight model calls; the job then finishes cancelled and its items are not stored.
class JobRunner {
public:
    JobRunner(JobRunnerDeps deps, JobRunnerOptions options);
    ~JobRunner();
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    /// Requeues interrupted jobs (see the option; an event says so in each), then starts the
    /// workers. kInvalidArgument without decoder/encoder or workers < 1; store errors as they come.
    Result<void> start();

    /// Workers finish the job in hand and claim no more.
    void stop_accepting();

    /// True when no worker holds a job by `deadline`; false early once `stop` is requested.
    bool wait_idle(std::chrono::steady_clock::time_point deadline,
                   const std::stop_token& stop = {});

    /// Hands the jobs this runner still runs back to the queue at once (no backoff, the attempt
    /// not counted), their events kept (plus one saying so); their runs are abandoned (no more
    /// events, items or finish). Returns how many.
    Result<std::int64_t> requeue_unfinished();

    /// Stops the pipeline of a job this runner is running (no-op otherwise); the job ends
    /// cancelled once its store flag is set (JobService::cancel sets it first).
    void cancel_running(const std::string& job_id);

    /// Requests the workers to stop and joins them (also done by the destructor).
    void stop();

private:
    void worker_loop(const std::stop_token& stop, const std::string& worker_id);
    bool begin_claim();  // false when not accepting; else counts the worker busy
    void end_claim();
    void run_claimed(const JobRecord& job, const std::string& worker_id);
    /// One event (and log line) per job a requeue changed: "queue" progress with `why` when
    /// queued again; the give-up reason and job_finished when it failed out of attempts.
    void note_requeued(const RequeuedJob& job, const std::string& why);
    void rescue_expired_leases();
    /// Drops from unfinished_ the jobs a rescue requeued or that are no longer running.
    void forget_rescued(const std::vector<RequeuedJob>& requeued);

    JobRunnerDeps deps_;
    JobRunnerOptions options_;
    std::mutex mutex_;
    std::condition_variable_any idle_cv_;  // _any: wait_idle also wakes on a stop request
    bool accepting_ = true;                // guarded by mutex_
    int busy_ = 0;                         // guarded by mutex_
    std::chrono::steady_clock::time_point next_rescue_{};           // guarded by mutex_
    std::map<std::string, std::shared_ptr<JobExecution>> running_;  // by job id; guarded
    // Jobs whose final status could not be stored: lease rescue runs until they are requeued,
    // even on a store this runner has to itself. Guarded by mutex_.
    std::set<std::string> unfinished_;
    std::vector<std::jthread> workers_;
};

}  // namespace swarm::core
