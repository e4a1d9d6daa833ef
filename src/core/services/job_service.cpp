#include "core/services/job_service.hpp"

#include "core/services/stored_event_sink.hpp"

#include <fmt/format.h>

namespace swarm::core {

Result<SubmitOutcome> JobService::submit(const WorkspaceId& workspace, const Brief& brief,
                                         const std::string& brief_json,
                                         const std::optional<std::string>& idempotency_key) {
    const std::lock_guard lock(submit_mutex_);
    SWARM_TRY_ASSIGN(auto depth, queue_depth(deps_.jobs));
    if (depth >= options_.queue_capacity) {
        if (deps_.metrics != nullptr) {
            ++deps_.metrics->rejected_queue_full;
        }
        Error error{ErrorCode::kResourceExhausted,
                    fmt::format("the job queue is full ({} queued); retry in {} s", depth,
                                options_.retry_after.count()),
                    {},
                    {},
                    options_.retry_after};
        return tl::unexpected(std::move(error));
    }
    NewJob job{deps_.new_id(), brief_json, brief.platforms, idempotency_key};
    SWARM_TRY_ASSIGN(auto created, deps_.jobs.create(workspace, job));
    if (!created.created) {
        if (created.job.brief_json != brief_json) {
            return fail(ErrorCode::kFailedPrecondition,
                        fmt::format("this Idempotency-Key was used for another request (job {}); "
                                    "use a new key for a new brief",
                                    created.job.id),
                        std::string(kIdempotencyKeyField));
        }
        return SubmitOutcome{std::move(created.job), false};
    }
    if (deps_.metrics != nullptr) {
        ++deps_.metrics->submitted;
    }
    deps_.signal.notify_all();
    return SubmitOutcome{std::move(created.job), true};
}

Result<JobRecord> JobService::cancel(const WorkspaceId& workspace, const std::string& id) {
    const std::lock_guard lock(submit_mutex_);  // one cancel at a time: one event per transition
    auto before = deps_.jobs.get(workspace, id);
    if (!before) {
        return before;
    }
    auto after = deps_.jobs.request_cancel(workspace, id);
    if (!after) {
        return after;
    }
    if (before->status == JobStatus::kQueued && after->status == JobStatus::kCancelled) {
        // queued → cancelled never passes through the runner: record the transition here.
        JobEvent event;
        event.type = EventType::kJobFinished;
        event.message = std::string(to_string(JobStatus::kCancelled));
        event.at = deps_.clock.now();
        StoredEventSink sink(id, deps_.events, deps_.hub);
        SWARM_TRY(sink.append(event));
        if (deps_.metrics != nullptr) {
            deps_.metrics->count_finished(JobStatus::kCancelled);
        }
    } else if (after->status == JobStatus::kRunning && after->cancel_requested &&
               deps_.on_cancel_requested) {
        deps_.on_cancel_requested(id);
    }
    return after;
}

}  // namespace swarm::core
