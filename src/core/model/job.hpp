// A job and its events: the unit of work (one brief, all its platforms) and the ordered record of
// what happened to it. Shared by the CLI pipeline and the server's durable job queue.
#pragma once

#include "core/model/brief.hpp"
#include "core/model/content_item.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace swarm::core {

enum class JobStatus { kQueued, kRunning, kSucceeded, kPartial, kFailed, kCancelled };

enum class EventType {
    kJobStarted,
    kAgentStarted,
    kAgentProgress,
    kAgentFinished,
    kItemReady,
    kItemUpdated,
    kJobFinished,
    kError,
};

struct JobEvent {
    std::int64_t seq = 0;  // 1, 2, 3 ... per job
    EventType type = EventType::kJobStarted;
    std::string agent;  // "research", "writer", "editor", "designer", "scheduler"
    std::optional<Platform> platform;
    std::string message;  // text delta, summary or error message
    std::chrono::system_clock::time_point at;
    std::chrono::milliseconds elapsed{0};  // for agent_finished: how long the step took
};

struct AgentTiming {
    std::string agent;
    std::optional<Platform> platform;
    std::chrono::milliseconds elapsed{0};
};

/// Model usage of a job, summed over every model call (zero for an offline job).
struct JobUsage {
    std::int64_t input_tokens = 0;
    std::int64_t output_tokens = 0;
    double cost_usd = 0;
    int model_calls = 0;  // calls issued, including those that failed

    std::int64_t total_tokens() const { return input_tokens + output_tokens; }
};

struct Job {
    std::string id;
    JobStatus status = JobStatus::kQueued;
    Brief brief;
    std::vector<ContentItem> items;
    std::vector<Platform> missing_platforms;
    std::vector<std::string> notes;  // why a platform is missing, warnings for the user
    std::vector<AgentTiming> timings;
    JobUsage usage;
};

std::string_view to_string(JobStatus status);
std::string_view to_string(EventType type);

/// True for succeeded, partial, failed and cancelled.
bool is_final(JobStatus status);

}  // namespace swarm::core
