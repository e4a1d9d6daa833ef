#include "core/model/content_item.hpp"
#include "core/model/job.hpp"

namespace swarm::core {

std::string_view to_string(Severity severity) {
    switch (severity) {
        case Severity::kInfo:
            return "info";
        case Severity::kWarning:
            return "warning";
        case Severity::kError:
            return "error";
    }
    return "error";
}

std::string_view to_string(JobStatus status) {
    switch (status) {
        case JobStatus::kQueued:
            return "queued";
        case JobStatus::kRunning:
            return "running";
        case JobStatus::kSucceeded:
            return "succeeded";
        case JobStatus::kPartial:
            return "partial";
        case JobStatus::kFailed:
            return "failed";
        case JobStatus::kCancelled:
            return "cancelled";
    }
    return "failed";
}

std::string_view to_string(EventType type) {
    switch (type) {
        case EventType::kJobStarted:
            return "job_started";
        case EventType::kAgentStarted:
            return "agent_started";
        case EventType::kAgentProgress:
            return "agent_progress";
        case EventType::kAgentFinished:
            return "agent_finished";
        case EventType::kItemReady:
            return "item_ready";
        case EventType::kItemUpdated:
            return "item_updated";
        case EventType::kJobFinished:
            return "job_finished";
        case EventType::kError:
            return "error";
    }
    return "error";
}

bool is_final(JobStatus status) {
    return status != JobStatus::kQueued && status != JobStatus::kRunning;
}

}  // namespace swarm::core
