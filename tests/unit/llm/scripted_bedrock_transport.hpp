// Test double for the Bedrock provider tests: an HttpTransport that records each HttpRequest and
// answers with scripted heads and bodies delivered in chosen pieces, never touching a network.
#pragma once

#include "llm/http_transport.hpp"

#include <algorithm>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace swarm::llm::testing {

inline core::Error scripted_error(core::ErrorCode code, std::string message) {
    core::Error error;
    error.code = code;
    error.message = std::move(message);
    return error;
}

struct ScriptedExchange {
    long status = 200;
    std::vector<std::pair<std::string, std::string>> headers{
        {"content-type", "application/vnd.amazon.eventstream"}};
    std::string body;
    std::vector<std::size_t> cuts;     // body split positions; empty: see piece_size
    std::size_t piece_size = 0;        // 0: the whole body at once
    std::optional<core::Error> error;  // reported after the body (e.g. a reset connection)
    std::optional<core::Error> error_before_head;  // no response at all (e.g. refused)
};

class ScriptedBedrockTransport final : public HttpTransport {
public:
    explicit ScriptedBedrockTransport(std::vector<ScriptedExchange> script)
        : script_(std::move(script)) {}

    HttpOutcome post_stream(const HttpRequest& request, const HttpStreamHandlers& handlers,
                            std::stop_token stop) override {
        std::unique_lock lock(mutex_);
        requests_.push_back(request);
        if (next_ >= script_.size()) {
            ADD_FAILURE() << "unscripted request " << requests_.size() << " to " << request.url;
            return HttpOutcome{
                {}, false, scripted_error(core::ErrorCode::kUnavailable, "unscripted")};
        }
        const ScriptedExchange exchange = script_[next_++];
        lock.unlock();
        HttpOutcome outcome;
        if (exchange.error_before_head) {
            outcome.error = exchange.error_before_head;
            return outcome;
        }
        outcome.head.status = exchange.status;
        outcome.head.headers = exchange.headers;
        if (handlers.on_head) {
            handlers.on_head(outcome.head);
        }
        for (const std::string& piece : pieces(exchange)) {
            if (stop.stop_requested()) {
                outcome.error = scripted_error(core::ErrorCode::kCancelled, "stop requested");
                return outcome;
            }
            outcome.body_started = true;
            if (!handlers.on_body(piece)) {
                outcome.error = scripted_error(core::ErrorCode::kCancelled, "aborted by on_body");
                return outcome;
            }
        }
        outcome.error = exchange.error;
        return outcome;
    }

    std::vector<HttpRequest> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }

    std::size_t calls() const {
        std::lock_guard lock(mutex_);
        return requests_.size();
    }

private:
    static std::vector<std::string> pieces(const ScriptedExchange& exchange) {
        std::vector<std::string> out;
        const std::string& body = exchange.body;
        std::size_t from = 0;
        if (!exchange.cuts.empty()) {
            for (std::size_t cut : exchange.cuts) {
                cut = std::min(cut, body.size());
                out.push_back(body.substr(from, cut - from));
                from = cut;
            }
        } else if (exchange.piece_size > 0) {
            for (; from + exchange.piece_size < body.size(); from += exchange.piece_size) {
                out.push_back(body.substr(from, exchange.piece_size));
            }
        }
        out.push_back(body.substr(from));
        // Empty pieces are legal for a transport but say nothing.
        out.erase(std::remove_if(out.begin(), out.end(), [](const auto& p) { return p.empty(); }),
                  out.end());
        return out;
    }

    mutable std::mutex mutex_;
    std::vector<ScriptedExchange> script_;
    std::size_t next_ = 0;
    std::vector<HttpRequest> requests_;
};

}  // namespace swarm::llm::testing
