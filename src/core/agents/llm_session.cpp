#include "core/agents/llm_session.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace swarm::core::agents {
namespace {

using std::chrono::milliseconds;

constexpr std::string_view kBudgetField = "budget";

/// Coalesces one call's deltas into agent_progress events of at least kProgressFlushChars
/// characters; nothing is dropped or reordered, so the messages concatenate to the call's text.
class ProgressStream {
public:
    ProgressStream(EventSink& events, const Clock& clock, const CallLabel& label)
        : events_(events), clock_(clock), label_(label) {}

    void add(std::string_view delta) {
        text_.append(delta);
        pending_.append(delta);
        if (pending_.size() >= kProgressFlushChars) {
            flush();
        }
    }

    void flush() {
        if (pending_.empty() || !label_.stream_progress) {
            return;
        }
        JobEvent e;
        e.type = EventType::kAgentProgress;
        e.agent = label_.agent;
        e.platform = label_.platform;
        e.message = std::move(pending_);
        e.at = clock_.now();
        pending_.clear();
        events_.publish(std::move(e));
    }

    const std::string& text() const { return text_; }

private:
    EventSink& events_;
    const Clock& clock_;
    const CallLabel& label_;
    std::string text_;     // everything streamed so far
    std::string pending_;  // not yet published
};

}  // namespace

bool is_budget_error(const Error& error) {
    return error.code == ErrorCode::kResourceExhausted && error.field == kBudgetField;
}

LlmSession::LlmSession(LlmSessionDeps deps)
    : deps_(std::move(deps)), started_(deps_.clock.steady_now()) {}

Result<LlmResponse> LlmSession::call(LlmClient& client, LlmRequest request,
                                     const CallLabel& label) {
    if (cancelled()) {
        return fail(ErrorCode::kCancelled, "the job was cancelled");
    }
    {
        const std::lock_guard lock(mutex_);
        if (auto over = check_budget_locked()) {
            return fail(ErrorCode::kResourceExhausted, *over, std::string(kBudgetField));
        }
        ++usage_.model_calls;
    }
    if (const auto wall = deps_.budget.max_wall; wall.count() > 0) {
        // The call may use what is left of the job's wall time, never more.
        const auto left =
            std::chrono::duration_cast<milliseconds>(wall - (deps_.clock.steady_now() - started_));
        const auto bounded = std::max(left, milliseconds{1});
        if (request.deadline.count() == 0 || bounded < request.deadline) {
            request.deadline = bounded;
        }
    }
    ProgressStream progress(deps_.events, deps_.clock, label);
    auto response = client.complete(
        request, [&progress](std::string_view delta) { progress.add(delta); }, deps_.stop);
    if (response && progress.text().empty()) {
        progress.add(response->text);  // a provider that did not stream still shows its text
    }
    progress.flush();
    if (!response) {
        if (!progress.text().empty()) {
            store(request, label, progress.text(),
                  fmt::format(" error={}", to_string(response.error().code)));
        }
        return response;
    }
    store(request, label, response->text, "");
    const std::lock_guard lock(mutex_);
    usage_.input_tokens += response->usage.input_tokens;
    usage_.output_tokens += response->usage.output_tokens;
    usage_.cost_usd += response->usage.cost_usd;
    check_budget_locked();
    return response;
}

void LlmSession::publish_progress(const CallLabel& label, std::string_view text) {
    auto streamed = label;
    streamed.stream_progress = true;
    ProgressStream progress(deps_.events, deps_.clock, streamed);
    progress.add(text);  // one event: cutting it could split a UTF-8 sequence
    progress.flush();
}

void LlmSession::store(const LlmRequest& request, const CallLabel& label, const std::string& text,
                       std::string_view suffix) {
    if (deps_.raw_outputs == nullptr) {
        return;
    }
    const auto agent = fmt::format("{} prompt={}{}", request.agent, label.prompt_ids, suffix);
    auto stored = deps_.raw_outputs->append(deps_.job_id, agent, label.platform, text);
    if (!stored) {
        const std::lock_guard lock(mutex_);
        notes_.push_back(fmt::format("raw output of {} not stored: {}", request.agent,
                                     describe(stored.error())));
    }
}

std::optional<std::string> LlmSession::check_budget_locked() {
    if (over_) {
        return over_;
    }
    const auto& b = deps_.budget;
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::seconds>(deps_.clock.steady_now() - started_);
    if (b.max_tokens > 0 && usage_.total_tokens() > b.max_tokens) {
        over_ = fmt::format("budget exceeded: tokens {} > {}", usage_.total_tokens(), b.max_tokens);
    } else if (b.max_cost_usd > 0 && usage_.cost_usd > b.max_cost_usd) {
        over_ =
            fmt::format("budget exceeded: cost ${:.4f} > ${:.4f}", usage_.cost_usd, b.max_cost_usd);
    } else if (b.max_wall.count() > 0 && elapsed >= b.max_wall) {
        over_ = fmt::format("budget exceeded: wall time {}s >= {}s", elapsed.count(),
                            b.max_wall.count());
    }
    if (over_) {
        notes_.push_back(*over_);
    }
    return over_;
}

std::optional<std::string> LlmSession::budget_exceeded() const {
    const std::lock_guard lock(mutex_);
    return over_;
}

JobUsage LlmSession::usage() const {
    const std::lock_guard lock(mutex_);
    return usage_;
}

std::vector<std::string> LlmSession::take_notes() {
    const std::lock_guard lock(mutex_);
    return std::exchange(notes_, {});
}

}  // namespace swarm::core::agents
