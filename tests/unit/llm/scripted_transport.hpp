// Test double for HttpTransport: replays scripted replies (head, body pieces, a trailing transport
// error) in order and records every request; plus a fake clock and sleeper for retry tests.
#pragma once

#include "llm/http_transport.hpp"
#include "llm/retry_policy.hpp"

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace swarm::test {

struct ScriptedReply {
    long status = 200;  // 0: no response head at all (a connection failure)
    std::vector<std::pair<std::string, std::string>> headers;
    std::vector<std::string> pieces;
    std::optional<core::Error> error_after;  // the transport error after the pieces
    std::function<void()> after_pieces;      // e.g. request a stop
};

inline ScriptedReply sse_reply(std::vector<std::string> pieces) {
    return ScriptedReply{200, {{"content-type", "text/event-stream"}}, std::move(pieces), {}, {}};
}

inline ScriptedReply json_reply(long status, std::string body,
                                std::vector<std::pair<std::string, std::string>> extra = {}) {
    extra.emplace_back("content-type", "application/json");
    return ScriptedReply{status, std::move(extra), {std::move(body)}, {}, {}};
}

inline ScriptedReply connection_error(core::ErrorCode code = core::ErrorCode::kUnavailable) {
    return ScriptedReply{0, {}, {}, core::Error{code, "connection reset", {}, {}}, {}};
}

class ScriptedTransport final : public llm::HttpTransport {
public:
    explicit ScriptedTransport(std::vector<ScriptedReply> replies) : replies_(std::move(replies)) {}

    llm::HttpOutcome post_stream(const llm::HttpRequest& request,
                                 const llm::HttpStreamHandlers& handlers,
                                 std::stop_token stop) override {
        ScriptedReply reply;
        {
            const std::lock_guard lock(mutex_);
            requests_.push_back(request);
            if (next_ >= replies_.size()) {
                llm::HttpOutcome none;
                none.error = core::Error{core::ErrorCode::kInternal, "no scripted reply", {}, {}};
                return none;
            }
            reply = replies_[next_++];
        }
        llm::HttpOutcome outcome;
        if (reply.status != 0) {
            outcome.head.status = reply.status;
            outcome.head.headers = reply.headers;
            handlers.on_head(outcome.head);
        }
        for (const auto& piece : reply.pieces) {
            if (stop.stop_requested()) {
                outcome.error = core::Error{core::ErrorCode::kCancelled, "stopped", {}, {}};
                return outcome;
            }
            outcome.body_started = true;
            if (!handlers.on_body(piece)) {
                outcome.error = core::Error{core::ErrorCode::kCancelled, "consumer", {}, {}};
                return outcome;
            }
        }
        if (reply.after_pieces) {
            reply.after_pieces();
        }
        if (stop.stop_requested()) {
            outcome.error = core::Error{core::ErrorCode::kCancelled, "stopped", {}, {}};
        } else if (reply.error_after) {
            outcome.error = reply.error_after;
        }
        return outcome;
    }

    std::vector<llm::HttpRequest> requests() const {
        const std::lock_guard lock(mutex_);
        return requests_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<ScriptedReply> replies_;
    std::size_t next_ = 0;
    std::vector<llm::HttpRequest> requests_;
};

/// A steady clock that only moves when the recording sleeper "sleeps".
struct FakeTime {
    std::chrono::steady_clock::time_point now{std::chrono::hours(1)};
    std::vector<std::chrono::milliseconds> sleeps;
    std::function<bool()> on_sleep;  // returning false simulates a stop during the wait

    llm::RetryEnv env() {
        llm::RetryEnv out;
        out.now = [this] {
            return now;
        };
        out.sleep = [this](std::chrono::milliseconds delay, std::stop_token) {
            sleeps.push_back(delay);
            now += delay;
            return on_sleep ? on_sleep() : true;
        };
        out.jitter_seed = 42;
        return out;
    }
};

inline std::optional<std::string> header_of(const llm::HttpRequest& request,
                                            const std::string& name) {
    for (const auto& [key, value] : request.headers) {
        if (key == name) {
            return value;
        }
    }
    return std::nullopt;
}

}  // namespace swarm::test
