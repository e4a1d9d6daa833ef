// One job's model calls: streams each call's deltas as coalesced agent_progress events, stores
// every output before anyone parses it, sums usage, enforces the job budget and cancellation.
#pragma once

#include "core/model/job.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/event_sink.hpp"
#include "core/ports/llm_agents.hpp"
#include "core/ports/llm_client.hpp"
#include "core/ports/raw_output_store.hpp"

#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

namespace swarm::core::agents {

/// Progress events carry at least this many characters, except a call's last one.
inline constexpr std::size_t kProgressFlushChars = 48;

struct LlmSessionDeps {
    EventSink& events;
    const Clock& clock;
    RawOutputStore* raw_outputs = nullptr;  // null: outputs are not stored
    std::string job_id;
    std::stop_token stop;
    JobBudget budget;
};

/// Who makes a call: the event agent ("writer", "research", "editor"), the platform (writers and
/// per-item editors), and the prompt files used ("writer_system@1+writer_linkedin@1").
struct CallLabel {
    std::string agent;
    std::optional<Platform> platform;
    std::string prompt_ids;
    /// false: no progress events while the call runs; the caller publishes its text later with
    /// publish_progress (calls made at once for one platform, so its text streams in order).
    bool stream_progress = true;
};

/// Thread-safe: writer threads share one session.
class LlmSession {
public:
    explicit LlmSession(LlmSessionDeps deps);

    /// One streamed call. Refused without calling when the job is cancelled (kCancelled) or over
    /// budget (kResourceExhausted, field "budget"). The output is stored (agent field
    /// "<request.agent> prompt=<ids>") before this returns; a storage failure becomes a note.
    Result<LlmResponse> call(LlmClient& client, LlmRequest request, const CallLabel& label);

    /// `text` as the label's agent_progress event, now (one event).
    void publish_progress(const CallLabel& label, std::string_view text);

    bool cancelled() const { return deps_.stop.stop_requested(); }

    /// "budget exceeded: tokens 12034 > 10000" once a limit is passed, else empty.
    std::optional<std::string> budget_exceeded() const;
    JobUsage usage() const;
    /// Notes gathered so far (storage failures, the budget note), each once.
    std::vector<std::string> take_notes();

private:
    std::optional<std::string> check_budget_locked();
    void store(const LlmRequest& request, const CallLabel& label, const std::string& text,
               std::string_view suffix);

    LlmSessionDeps deps_;
    std::chrono::steady_clock::time_point started_;
    mutable std::mutex mutex_;
    JobUsage usage_;                   // guarded by mutex_
    std::optional<std::string> over_;  // guarded by mutex_
    std::vector<std::string> notes_;   // guarded by mutex_
};

/// True for the session's own budget refusal (not a provider's quota error).
bool is_budget_error(const Error& error);

}  // namespace swarm::core::agents
