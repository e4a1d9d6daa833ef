#include "core/services/job_runner.hpp"

#include "core/services/job_execution.hpp"
#include "core/services/stored_event_sink.hpp"

#include <fmt/format.h>

namespace swarm::core {
namespace {

/// Lists every running job (all pages).
Result<std::vector<JobRecord>> running_jobs(JobStore& jobs) {
    std::vector<JobRecord> out;
    JobQuery query;
    query.status = JobStatus::kRunning;
    query.limit = 100;
    while (true) {
        auto page = jobs.list(query);
        if (!page) {
            return tl::unexpected(page.error());
        }
        out.insert(out.end(), page->jobs.begin(), page->jobs.end());
        if (page->next_cursor.empty()) {
            return out;
        }
        query.cursor = page->next_cursor;
    }
}

}  // namespace

JobRunner::JobRunner(JobRunnerDeps deps, JobRunnerOptions options)
    : deps_(std::move(deps)), options_(std::move(options)) {}

JobRunner::~JobRunner() {
    stop();
}

Result<void> JobRunner::start() {
    if (options_.workers < 1 || !options_.decode_brief || !options_.encode_item) {
        return fail(ErrorCode::kInvalidArgument,
                    "the job runner needs at least one worker, a brief decoder and an item encoder",
                    "workers");
    }
    if (!workers_.empty()) {
        return fail(ErrorCode::kFailedPrecondition, "the job runner is already started");
    }
    if (options_.requeue_all_running_at_start) {
        auto interrupted = running_jobs(deps_.jobs);
        if (!interrupted) {
            return tl::unexpected(interrupted.error());
        }
        auto requeued = deps_.jobs.requeue_interrupted(std::nullopt);
        if (!requeued) {
            return tl::unexpected(requeued.error());
        }
        for (const auto& job : *interrupted) {
            note_requeued(job.id, "requeued: interrupted by a restart");
        }
    }
    for (int i = 0; i < options_.workers; ++i) {
        std::string worker_id = fmt::format("{}/w{}", options_.instance_id, i + 1);
        workers_.emplace_back([this, id = std::move(worker_id)](const std::stop_token& stop) {
            worker_loop(stop, id);
        });
    }
    return {};
}

void JobRunner::stop_accepting() {
    const std::lock_guard lock(mutex_);
    accepting_ = false;
}

bool JobRunner::wait_idle(std::chrono::steady_clock::time_point deadline,
                          const std::stop_token& stop) {
    std::unique_lock lock(mutex_);
    return idle_cv_.wait_until(lock, stop, deadline, [this] { return busy_ == 0; });
}

Result<std::int64_t> JobRunner::requeue_unfinished() {
    std::vector<std::shared_ptr<JobExecution>> runs;
    {
        const std::lock_guard lock(mutex_);
        accepting_ = false;
        for (const auto& [id, run] : running_) {
            run->abandon();
            runs.push_back(run);
        }
    }
    std::int64_t count = 0;
    for (const auto& run : runs) {
        auto requeued = deps_.jobs.requeue_interrupted(run->worker_id());
        if (!requeued) {
            return tl::unexpected(requeued.error());
        }
        count += *requeued;
        auto now = deps_.jobs.get(run->job_id());
        if (now && now->status == JobStatus::kQueued) {
            note_requeued(run->job_id(), "requeued: the server is shutting down");
        }
    }
    return count;
}

void JobRunner::cancel_running(const std::string& job_id) {
    std::shared_ptr<JobExecution> run;
    {
        const std::lock_guard lock(mutex_);
        const auto it = running_.find(job_id);
        if (it == running_.end()) {
            return;
        }
        run = it->second;
    }
    run->request_cancel();
}

void JobRunner::stop() {
    for (auto& worker : workers_) {
        worker.request_stop();
    }
    workers_.clear();  // joins
}

void JobRunner::note_requeued(const std::string& job_id, const std::string& why) {
    if (deps_.metrics != nullptr) {
        ++deps_.metrics->requeued;
    }
    if (deps_.log) {
        JobLogLine line;
        line.msg = "job requeued";
        line.job_id = job_id;
        line.error = why;
        deps_.log(line);
    }
    // running → queued is a transition too; the event type set has no "queued", so it is an
    // agent_progress of the "queue" agent. The next run starts with job_started again.
    JobEvent event;
    event.type = EventType::kAgentProgress;
    event.agent = "queue";
    event.message = why;
    event.at = deps_.pipeline.clock.now();
    StoredEventSink sink(job_id, deps_.events, deps_.hub);
    if (!sink.append(event) && deps_.metrics != nullptr) {
        ++deps_.metrics->store_errors;
    }
}

void JobRunner::rescue_expired_leases() {
    if (!options_.rescue_expired_leases) {
        return;
    }
    {
        const std::lock_guard lock(mutex_);
        const auto now = deps_.pipeline.clock.steady_now();
        if (now < next_rescue_) {
            return;
        }
        next_rescue_ = now + options_.renew_every;
    }
    const auto now = deps_.pipeline.clock.now();
    auto running = running_jobs(deps_.jobs);
    if (!running) {
        return;  // the claim reports store errors
    }
    std::vector<JobRecord> expired;
    for (auto& job : *running) {
        if (job.lease_expires_at && *job.lease_expires_at < now) {
            expired.push_back(std::move(job));
        }
    }
    if (expired.empty()) {
        return;  // the common case: one read, no write
    }
    auto requeued = deps_.jobs.requeue_expired_leases(now);
    if (!requeued || *requeued == 0) {
        return;  // another replica rescued them first
    }
    for (const auto& job : expired) {
        // Still queued after the attempt seen: this rescue (or one at the same moment) did it.
        auto after = deps_.jobs.get(job.id);
        if (after && after->status == JobStatus::kQueued && after->attempts == job.attempts) {
            note_requeued(job.id, "requeued: its lease expired (the replica running it stopped)");
        }
    }
}

void JobRunner::worker_loop(const std::stop_token& stop, const std::string& worker_id) {
    while (!stop.stop_requested()) {
        const auto seen = deps_.signal.generation();
        if (!begin_claim()) {
            deps_.signal.wait_for(stop, seen, options_.poll_interval);
            continue;
        }
        rescue_expired_leases();
        auto claimed = deps_.jobs.claim_next(worker_id, options_.lease);
        if (claimed && *claimed) {
            run_claimed(**claimed, worker_id);
            end_claim();
            continue;  // there may be more queued work: look again at once
        }
        end_claim();
        if (!claimed && deps_.metrics != nullptr) {
            ++deps_.metrics->store_errors;
        }
        deps_.signal.wait_for(stop, seen, options_.poll_interval);
    }
}

bool JobRunner::begin_claim() {
    const std::lock_guard lock(mutex_);
    if (!accepting_) {
        return false;
    }
    ++busy_;
    return true;
}

void JobRunner::end_claim() {
    const std::lock_guard lock(mutex_);
    if (--busy_ == 0) {
        idle_cv_.notify_all();
    }
}

void JobRunner::run_claimed(const JobRecord& job, const std::string& worker_id) {
    auto run = std::make_shared<JobExecution>(deps_, options_, job, worker_id);
    {
        const std::lock_guard lock(mutex_);
        running_[job.id] = run;
    }
    if (deps_.metrics != nullptr) {
        ++deps_.metrics->started;
        ++deps_.metrics->running;
    }
    run->run();
    if (deps_.metrics != nullptr) {
        --deps_.metrics->running;
    }
    const std::lock_guard lock(mutex_);
    running_.erase(job.id);
}

}  // namespace swarm::core
