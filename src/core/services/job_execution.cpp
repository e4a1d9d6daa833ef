#include "core/services/job_execution.hpp"

#include "core/agents/pipeline.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include <fmt/format.h>

namespace swarm::core {
namespace {

/// A failure of the store itself (worth retrying), not a refusal such as a lost lease.
bool is_storage_fault(const Error& error) {
    return error.code == ErrorCode::kIo || error.code == ErrorCode::kUnavailable;
}

/// Forwards the pipeline's events to the stored sink except job_finished: the runner appends that
/// one itself after the store holds the final status, so it always names the status clients
/// will read (a job cancelled during the run must not announce "succeeded").
class PipelineSink final : public EventSink {
public:
    explicit PipelineSink(StoredEventSink& inner) : inner_(inner) {}

    void publish(JobEvent event) override {
        if (event.type != EventType::kJobFinished) {
            inner_.publish(std::move(event));
        }
    }

private:
    StoredEventSink& inner_;
};

/// A log line about this run of `job`: who runs which attempt.
JobLogLine run_line(std::string msg, const JobRecord& job, const std::string& worker_id) {
    JobLogLine line;
    line.msg = std::move(msg);
    line.job_id = job.id;
    line.worker_id = worker_id;
    line.attempt = job.attempts;
    return line;
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) {
        out += out.empty() ? p : "; " + p;
    }
    return out;
}

}  // namespace

DeliveryOutcome delivery_outcome(const std::vector<Platform>& requested,
                                 const std::set<Platform>& delivered,
                                 const std::vector<std::string>& notes) {
    DeliveryOutcome out;
    for (const Platform p : requested) {
        if (!delivered.contains(p)) {
            out.missing.push_back(p);
        }
    }
    if (out.missing.empty() && !requested.empty()) {
        out.status = JobStatus::kSucceeded;
        return out;
    }
    out.status = out.missing.size() < requested.size() ? JobStatus::kPartial : JobStatus::kFailed;
    out.error = notes.empty() ? "no item was delivered for some platforms" : join(notes);
    return out;
}

JobExecution::JobExecution(const JobRunnerDeps& deps, const JobRunnerOptions& options,
                           JobRecord job, std::string worker_id)
    : deps_(deps),
      options_(options),
      job_(std::move(job)),
      worker_id_(std::move(worker_id)),
      claim_{worker_id_, job_.claims},
      sink_(job_.id, deps.events, deps.hub) {}

void JobExecution::abandon() {
    abandoned_.store(true);
    sink_.abandon();
    stop_.request_stop();
}

void JobExecution::request_cancel() {
    cancel_seen_.store(true);
    stop_.request_stop();
}

void JobExecution::run() {
    try {
        run_unguarded();
    } catch (const std::exception& e) {
        finish(JobStatus::kFailed, std::string("internal error: ") + e.what(),
               job_.requested_platforms);
    } catch (...) {
        finish(JobStatus::kFailed, "internal error", job_.requested_platforms);
    }
}

void JobExecution::run_unguarded() {
    if (job_.cancel_requested) {
        finish(JobStatus::kCancelled, "cancelled before it started", job_.requested_platforms);
        return;
    }
    auto brief = options_.decode_brief(job_.brief_json);
    if (!brief) {
        finish(JobStatus::kFailed, "the stored brief cannot be read: " + describe(brief.error()),
               job_.requested_platforms);
        return;
    }
    if (deps_.log) {
        auto line = run_line("job started", job_, worker_id_);
        line.requested_platforms = job_.requested_platforms;
        deps_.log(line);
    }
    auto result = run_pipeline_renewing(*brief);
    if (result) {
        record_usage(result->usage);
        usage_ = result->usage;
    }
    if (abandoned()) {
        return;
    }
    if (cancel_requested()) {
        finish(JobStatus::kCancelled, "cancelled while running", job_.requested_platforms);
        return;
    }
    if (!result) {
        finish(JobStatus::kFailed, describe(result.error()), job_.requested_platforms);
        return;
    }
    if (auto error = sink_.first_error()) {
        finish(JobStatus::kFailed, "job events could not be stored: " + describe(*error),
               job_.requested_platforms);
        return;
    }
    const auto outcome = store_items(*result);
    finish(outcome.status, outcome.error, outcome.missing);
}

Result<Job> JobExecution::run_pipeline_renewing(const Brief& brief) {
    std::jthread renewer([this](const std::stop_token& stop) { renew_until(stop); });
    PipelineSink events(sink_);
    const auto& res = deps_.pipeline;
    SWARM_TRY_ASSIGN(const auto base, res.knowledge.open(job_.workspace));
    std::shared_ptr<const LlmAgents> own;  // the workspace's own model key's clients, if any
    if (res.llm_for) {
        SWARM_TRY_ASSIGN(own, res.llm_for(job_.workspace));
    }
    PipelineDeps pipeline{*base.kb,           res.time_zones,
                          res.clock,          events,
                          res.writer_factory, own ? own.get() : res.llm,
                          deps_.raw_outputs,  stop_.get_token()};
    pipeline.renderer = res.renderer;
    pipeline.media = res.media;
    pipeline.image_model = res.image_model;
    return run_pipeline(brief, pipeline, PipelineOptions{job_.id, std::nullopt});
}  // the renewer stops and joins here

void JobExecution::renew_until(const std::stop_token& stop) {
    std::mutex mutex;
    std::condition_variable_any cv;
    std::unique_lock lock(mutex);
    while (true) {
        cv.wait_for(lock, stop, options_.renew_every, [] { return false; });
        if (stop.stop_requested()) {
            return;
        }
        auto renewed = deps_.jobs.renew_lease(job_.id, claim_, options_.lease);
        if (renewed) {
            if (renewed->cancel_requested) {
                request_cancel();  // set by another process sharing the store
            }
        } else if (renewed.error().code == ErrorCode::kFailedPrecondition ||
                   renewed.error().code == ErrorCode::kNotFound) {
            abandon();  // another worker owns the job now: stop writing to it
            return;
        } else if (deps_.metrics != nullptr) {
            ++deps_.metrics->store_errors;  // transient: try again at the next tick
        }
    }
}

void JobExecution::record_usage(const JobUsage& usage) {
    if (usage.model_calls == 0) {
        return;
    }
    // Added while this run still holds the job (a cancelled run included); a run that lost it
    // (drain hand-back, lease rescued) is fenced out and its spend shows in metrics only.
    if (!abandoned() && !deps_.jobs.add_usage(job_.id, claim_, usage) && deps_.metrics != nullptr) {
        ++deps_.metrics->store_errors;
    }
    if (deps_.metrics != nullptr) {
        deps_.metrics->model_calls += usage.model_calls;
        deps_.metrics->model_input_tokens += usage.input_tokens;
        deps_.metrics->model_output_tokens += usage.output_tokens;
        deps_.metrics->model_cost_microdollars += static_cast<std::int64_t>(usage.cost_usd * 1e6);
    }
}

void JobExecution::log_finished(JobStatus status, const std::string& error,
                                const std::vector<Platform>& missing) const {
    if (!deps_.log) {
        return;
    }
    auto line = run_line("job finished", job_, worker_id_);
    line.requested_platforms = job_.requested_platforms;
    for (const Platform p : job_.requested_platforms) {
        if (std::find(missing.begin(), missing.end(), p) == missing.end()) {
            line.delivered_platforms.push_back(p);
        }
    }
    line.missing_platforms = missing;
    line.status = std::string(to_string(status));
    line.error = error;
    line.usage = usage_;
    deps_.log(line);
}

bool JobExecution::cancel_requested() {
    if (cancel_seen_.load()) {
        return true;
    }
    auto now = deps_.jobs.get(job_.workspace, job_.id);
    return now && now->cancel_requested;
}

DeliveryOutcome JobExecution::store_items(const Job& result) {
    std::set<Platform> delivered;
    std::vector<std::string> notes = result.notes;
    for (const auto& item : result.items) {
        NewItem record{item.id,
                       item.platform,
                       "draft",
                       options_.encode_item(item),
                       item.quality.score,
                       scheduled_instant(item)};
        // Write-once per (job, platform): a re-run after a crash gets the stored item back.
        auto stored = deps_.content.put_item(job_.workspace, job_.id, record);
        if (stored) {
            delivered.insert(item.platform);
        } else {
            notes.push_back(fmt::format("{}: the item could not be stored: {}",
                                        to_string(item.platform), describe(stored.error())));
            if (deps_.metrics != nullptr) {
                ++deps_.metrics->store_errors;
            }
        }
    }
    // Notes matter on a succeeded job too (a platform written offline after a model error).
    if (!notes.empty() && !abandoned()) {
        if (!deps_.jobs.set_notes(job_.id, claim_, notes) && deps_.metrics != nullptr) {
            ++deps_.metrics->store_errors;
        }
    }
    return delivery_outcome(job_.requested_platforms, delivered, notes);
}

void JobExecution::finish(JobStatus status, const std::string& error,
                          const std::vector<Platform>& missing) {
    if (abandoned()) {
        return;
    }
    auto done = deps_.jobs.finish(job_.id, claim_, status, error, missing);
    // A storage fault (full disk, lost connection) may pass: retry with backoff (a repeated
    // finish by the same claim is accepted, so an unknown first outcome is harmless).
    auto delay = options_.finish_retry_backoff;
    for (int retry = 0; retry < options_.finish_retries && !done && is_storage_fault(done.error());
         ++retry) {
        std::this_thread::sleep_for(delay);
        delay *= 2;
        done = deps_.jobs.finish(job_.id, claim_, status, error, missing);
    }
    if (!done) {
        // Fenced out (the lease was lost and the job rescued): another run owns it now. Else the
        // store keeps failing: the job stays running under a lease nobody renews; the runner
        // requeues it once the lease lapses (unfinished()), and the log says so now.
        if (done.error().code != ErrorCode::kFailedPrecondition) {
            unfinished_ = true;
            if (deps_.metrics != nullptr) {
                ++deps_.metrics->store_errors;
            }
            if (deps_.log) {
                auto line = run_line("job finish not stored", job_, worker_id_);
                line.status = std::string(to_string(status));
                line.error = "the final status could not be stored (" + describe(done.error()) +
                             "); the job is requeued once its lease lapses";
                deps_.log(line);
            }
        }
        return;
    }
    if (deps_.metrics != nullptr) {
        deps_.metrics->count_finished(status);
    }
    log_finished(status, error, missing);
    JobEvent event;
    event.type = EventType::kJobFinished;
    event.message = std::string(to_string(status));
    event.at = deps_.pipeline.clock.now();
    // A fresh sink: the final status is committed, so its event is due even if a drain
    // abandoned this run in the meantime.
    StoredEventSink final_sink(job_.id, deps_.events, deps_.hub);
    if (!final_sink.append(event) && deps_.metrics != nullptr) {
        ++deps_.metrics->store_errors;
    }
}

}  // namespace swarm::core
