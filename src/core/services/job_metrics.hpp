// Counters of the job machinery the app reads for /metrics: jobs started and finished by status,
// requeues and store failures. Queue depth comes from the store (queue_depth below).
#pragma once

#include "core/model/job.hpp"
#include "core/ports/job_store.hpp"
#include "core/result.hpp"

#include <atomic>
#include <cstdint>

namespace swarm::core {

/// Plain atomics: any thread increments, any thread reads (relaxed; figures, not sync points).
struct JobMetrics {
    std::atomic<std::int64_t> submitted{0};
    std::atomic<std::int64_t> rejected_queue_full{0};
    std::atomic<std::int64_t> started{0};  // runs begun (a requeued job counts again)
    std::atomic<std::int64_t> succeeded{0};
    std::atomic<std::int64_t> partial{0};
    std::atomic<std::int64_t> failed{0};
    std::atomic<std::int64_t> cancelled{0};
    std::atomic<std::int64_t> requeued{0};         // recovery at start and drain
    std::atomic<std::int64_t> store_errors{0};     // a store call the runner could not complete
    std::atomic<std::int64_t> running{0};          // jobs this process runs right now
    std::atomic<std::int64_t> events_streamed{0};  // job events written to SSE/WebSocket clients
    // Language-model use by the jobs this process ran (added when each run ends).
    std::atomic<std::int64_t> model_calls{0};
    std::atomic<std::int64_t> model_input_tokens{0};
    std::atomic<std::int64_t> model_output_tokens{0};
    std::atomic<std::int64_t> model_cost_microdollars{0};

    void count_finished(JobStatus status) {
        switch (status) {
            case JobStatus::kSucceeded:
                ++succeeded;
                break;
            case JobStatus::kPartial:
                ++partial;
                break;
            case JobStatus::kFailed:
                ++failed;
                break;
            case JobStatus::kCancelled:
                ++cancelled;
                break;
            case JobStatus::kQueued:
            case JobStatus::kRunning:
                break;
        }
    }
};

/// Queued jobs across every process sharing the store.
inline Result<std::int64_t> queue_depth(JobStore& jobs) {
    auto counts = jobs.count_by_status();
    if (!counts) {
        return tl::unexpected(counts.error());
    }
    const auto it = counts->find(JobStatus::kQueued);
    return it == counts->end() ? 0 : it->second;
}

}  // namespace swarm::core
