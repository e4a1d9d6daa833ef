#include "core/services/job_runner.hpp"

#include "core/services/job_execution.hpp"
#include "core/services/stored_event_sink.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace swarm::core {

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
        // Charged like a crash (it was one): backoff, and the maximum applies.
        SWARM_TRY_ASSIGN(const auto requeued, deps_.jobs.requeue_interrupted(options_.retry));
        for (const auto& job : requeued) {
            note_requeued(job, "requeued: interrupted by a restart");
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
        // Only what this call changed gets an event: a job already finished or rescued
        // elsewhere is not this runner's to announce.
        SWARM_TRY_ASSIGN(const auto requeued, deps_.jobs.hand_back(run->worker_id()));
        count += static_cast<std::int64_t>(requeued.size());
        for (const auto& job : requeued) {
            note_requeued(job, "requeued: the server is shutting down");
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

void JobRunner::note_requeued(const RequeuedJob& job, const std::string& why) {
    const bool gave_up = job.status == JobStatus::kFailed;
    if (deps_.metrics != nullptr) {
        if (gave_up) {
            deps_.metrics->count_finished(JobStatus::kFailed);
        } else {
            ++deps_.metrics->requeued;
        }
    }
    if (deps_.log) {
        JobLogLine line;
        line.msg = gave_up ? "job finished" : "job requeued";
        line.job_id = job.id;
        line.attempt = job.attempts;
        line.status = gave_up ? "failed" : "";
        line.error = gave_up ? job.error : why;
        if (!gave_up && job.not_before) {
            const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
                *job.not_before - deps_.pipeline.clock.now());
            line.error += fmt::format("; retried in {} ms ({} of {} attempts used)",
                                      std::max<std::int64_t>(wait.count(), 0), job.attempts,
                                      options_.retry.max_attempts);
        }
        deps_.log(line);
    }
    // running → queued is a transition too; the event type set has no "queued", so it is an
    // agent_progress of the "queue" agent. The next run starts with job_started again. A job out
    // of attempts ends here: the reason, then job_finished (the store already says failed).
    StoredEventSink sink(job.id, deps_.events, deps_.hub);
    JobEvent event;
    event.type = EventType::kAgentProgress;
    event.agent = "queue";
    event.message = gave_up ? job.error : why;
    event.at = deps_.pipeline.clock.now();
    bool stored = sink.append(event).has_value();
    if (gave_up) {
        event.type = EventType::kJobFinished;
        event.agent.clear();
        event.message = std::string(to_string(JobStatus::kFailed));
        stored = sink.append(event).has_value() && stored;
    }
    if (!stored && deps_.metrics != nullptr) {
        ++deps_.metrics->store_errors;
    }
}

void JobRunner::rescue_expired_leases() {
    {
        const std::lock_guard lock(mutex_);
        if (!options_.rescue_expired_leases && unfinished_.empty()) {
            return;
        }
        const auto now = deps_.pipeline.clock.steady_now();
        if (now < next_rescue_) {
            return;
        }
        next_rescue_ = now + options_.renew_every;
    }
    // One statement: each job it changes is reported to exactly one sweeping replica, so
    // replicas sweeping together append one event per rescued job, not one each.
    auto requeued = deps_.jobs.requeue_expired_leases(deps_.pipeline.clock.now(), options_.retry);
    if (!requeued) {
        if (deps_.metrics != nullptr) {
            ++deps_.metrics->store_errors;
        }
        return;
    }
    for (const auto& job : *requeued) {
        note_requeued(job, "requeued: its lease expired (the replica running it stopped)");
    }
    forget_rescued(*requeued);
}

void JobRunner::forget_rescued(const std::vector<RequeuedJob>& requeued) {
    std::vector<std::string> ids;
    {
        const std::lock_guard lock(mutex_);
        for (const auto& job : requeued) {
            unfinished_.erase(job.id);
        }
        ids.assign(unfinished_.begin(), unfinished_.end());
    }
    for (const auto& id : ids) {
        // Finished meanwhile (a retry that got through) or gone: nothing left to rescue.
        auto job = deps_.jobs.get_for_worker(id);
        if ((job && job->status != JobStatus::kRunning) ||
            (!job && job.error().code == ErrorCode::kNotFound)) {
            const std::lock_guard lock(mutex_);
            unfinished_.erase(id);
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
    if (run->unfinished()) {
        unfinished_.insert(job.id);
    }
}

}  // namespace swarm::core
