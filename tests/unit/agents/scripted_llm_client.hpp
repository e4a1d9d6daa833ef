// Test double for core::LlmClient: replies scripted per request.agent and call order, deltas
// emitted in small pieces, errors and hooks on demand, every request recorded, usage counted.
#pragma once

#include "core/ports/llm_client.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace swarm::test {

struct ScriptedReply {
    std::string text;
    std::optional<core::Error> error;  // set: complete() fails with it (after streaming `text`)
    std::function<void()> on_call;     // runs first, e.g. to request a stop mid-call
    std::int64_t input_tokens = 100;
    std::int64_t output_tokens = -1;  // -1: one token per 4 characters of text
    double cost_usd = 0.001;
};

inline ScriptedReply reply(std::string text) {
    return ScriptedReply{std::move(text), std::nullopt, {}};
}

inline ScriptedReply error_reply(core::ErrorCode code, std::string message) {
    return ScriptedReply{{}, core::Error{code, std::move(message), {}, {}}, {}};
}

/// Replies are looked up by the exact request.agent ("writer:twitter"), then by its role
/// ("writer"); the n-th call of an agent gets its n-th reply and the last one repeats. A call for
/// part N of a deck written in parts (its prompt says "Write part N of") is looked up first as
/// "<agent>#partN" (the parts are asked at once, so their order is not the script's). An agent
/// without a script fails with kUpstream "no scripted reply for <agent>".
class ScriptedLlmClient final : public core::LlmClient {
public:
    /// `piece`: characters per delta; 0: the client does not stream (no deltas at all).
    explicit ScriptedLlmClient(bool structured = true, std::size_t piece = 7)
        : structured_(structured), piece_(piece) {}

    void script(const std::string& agent, std::vector<ScriptedReply> replies) {
        const std::lock_guard lock(mutex_);
        scripts_[agent] = std::move(replies);
    }

    core::Result<core::LlmResponse> complete(const core::LlmRequest& request,
                                             const core::LlmDeltaSink& on_delta,
                                             std::stop_token stop) override {
        auto next = take(request);
        if (!next) {
            return core::fail(core::ErrorCode::kUpstream, "no scripted reply for " + request.agent);
        }
        if (next->on_call) {
            next->on_call();
        }
        if (stop.stop_requested()) {
            return core::fail(core::ErrorCode::kCancelled, "scripted: stop requested");
        }
        for (std::size_t at = 0; piece_ > 0 && at < next->text.size(); at += piece_) {
            on_delta(std::string_view(next->text).substr(at, piece_));
        }
        if (next->error) {
            return tl::unexpected(*next->error);
        }
        core::LlmResponse response;
        response.text = next->text;
        response.stop_reason = "stop";
        response.usage.input_tokens = next->input_tokens;
        response.usage.output_tokens = next->output_tokens >= 0
                                           ? next->output_tokens
                                           : static_cast<std::int64_t>(next->text.size() / 4);
        response.usage.cost_usd = next->cost_usd;
        response.provider = "scripted";
        response.model = "scripted-1";
        const std::lock_guard lock(mutex_);
        usage_.input_tokens += response.usage.input_tokens;
        usage_.output_tokens += response.usage.output_tokens;
        usage_.cost_usd += response.usage.cost_usd;
        return response;
    }

    bool supports_structured_output() const override { return structured_; }

    std::string provider() const override { return "scripted"; }

    std::string model() const override { return "scripted-1"; }

    std::vector<core::LlmRequest> requests() const {
        const std::lock_guard lock(mutex_);
        return requests_;
    }

    /// Requests whose agent is `agent` exactly, in call order.
    std::vector<core::LlmRequest> requests_for(const std::string& agent) const {
        std::vector<core::LlmRequest> out;
        for (auto& r : requests()) {
            if (r.agent == agent) {
                out.push_back(std::move(r));
            }
        }
        return out;
    }

    core::LlmUsage usage() const {
        const std::lock_guard lock(mutex_);
        return usage_;
    }

private:
    std::optional<ScriptedReply> take(const core::LlmRequest& request) {
        const std::lock_guard lock(mutex_);
        requests_.push_back(request);
        auto it = scripts_.end();
        const std::string user = request.messages.empty() ? "" : request.messages.back().text;
        if (const auto at = user.find("Write part "); at != std::string::npos) {
            const auto number = user.substr(at + 11, user.find(' ', at + 11) - (at + 11));
            it = scripts_.find(request.agent + "#part" + number);
        }
        if (it == scripts_.end()) {
            it = scripts_.find(request.agent);
        }
        if (it == scripts_.end()) {
            it = scripts_.find(request.agent.substr(0, request.agent.find(':')));
        }
        if (it == scripts_.end() || it->second.empty()) {
            return std::nullopt;
        }
        const auto n = calls_[it->first]++;
        return it->second[std::min(n, it->second.size() - 1)];
    }

    bool structured_;
    std::size_t piece_;
    mutable std::mutex mutex_;
    std::map<std::string, std::vector<ScriptedReply>> scripts_;  // guarded by mutex_
    std::map<std::string, std::size_t> calls_;                   // guarded by mutex_
    std::vector<core::LlmRequest> requests_;                     // guarded by mutex_
    core::LlmUsage usage_;                                       // guarded by mutex_
};

}  // namespace swarm::test
