// One streamed POST shared by the SSE providers: routes the body to an SSE decoder (2xx event
// stream) or a bounded buffer (a JSON answer or an error body), plus call-level helpers.
#pragma once

#include "core/ports/llm_client.hpp"
#include "llm/http_transport.hpp"
#include "llm/price_table.hpp"
#include "llm/provider_errors.hpp"
#include "llm/retry_policy.hpp"
#include "llm/sse_decoder.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <utility>
#include <vector>

namespace swarm::llm {

struct CallTimeouts {
    std::chrono::milliseconds connect{5'000};
    std::chrono::milliseconds idle{60'000};
    std::chrono::milliseconds total{600'000};  // also the default deadline of a whole call
};

struct ExchangeLimits {
    std::size_t max_error_body = std::size_t{64} << 10;  // non-2xx bodies kept for the message
    std::size_t max_json_body = std::size_t{8} << 20;    // a non-streamed 2xx JSON answer
    std::size_t max_event = std::size_t{1} << 20;        // one SSE event
};

/// How one exchange went, before the provider interprets it.
struct ExchangeResult {
    HttpOutcome outcome;  // outcome.error is cleared when the consumer itself ended the stream
    bool success_status = false;              // a 2xx head arrived
    bool json_body = false;                   // 2xx answered with application/json: see `body`
    std::string body;                         // the error body or the JSON answer (bounded)
    std::optional<core::Error> decode_error;  // the SSE framing failed (event too large)
};

/// Posts `request`. For a 2xx text/event-stream answer each event goes to `on_event` (return
/// false once the stream is finished or failed: the transfer then ends without waiting).
ExchangeResult run_exchange(HttpTransport& transport, const HttpRequest& request,
                            const SseDecoder::EventHandler& on_event, const std::stop_token& stop,
                            const ExchangeLimits& limits = {});

/// A provider's decoder of one attempt's answer (an SSE stream or a whole JSON document).
class ReplyDecoder {
public:
    virtual ~ReplyDecoder() = default;
    /// One SSE event; false once the stream is finished or failed.
    virtual bool on_event(const SseEvent& event) = 0;
    /// The stream ended without a transport error: the response or the classified failure.
    virtual AttemptResult finish(std::size_t prompt_chars) = 0;
    /// A 2xx application/json answer (a server that ignored `stream: true`).
    virtual AttemptResult parse_whole(std::string_view body, std::size_t prompt_chars) = 0;
    virtual bool delta_emitted() const = 0;
};

/// What the SSE decoders share: text deltas published through `on_delta` (delta_emitted() once
/// one went out), the first failure kept, and finish(): that failure, else "stream ended early"
/// (retryable while nothing was published) unless the stream ended, else the response.
class StreamDecoderBase : public ReplyDecoder {
public:
    AttemptResult finish(std::size_t prompt_chars) final;

    bool delta_emitted() const final { return delta_emitted_; }

protected:
    StreamDecoderBase(ErrorContext context, const core::LlmDeltaSink& on_delta);

    /// Publishes `text` unless it is empty.
    void emit(std::string_view text);
    /// Keeps `failure` (with delta_emitted set) for finish(); false, to end the stream.
    bool fail(AttemptResult failure);
    /// The stream reached its end: the end marker or a finish/stop reason arrived.
    virtual bool ended() const = 0;
    /// The response from what was received (or a provider's refusal error).
    virtual AttemptResult build_response(std::size_t prompt_chars) = 0;

    const ErrorContext& context() const { return context_; }

private:
    ErrorContext context_;
    const core::LlmDeltaSink& on_delta_;
    std::optional<AttemptResult> failure_;
    bool delta_emitted_ = false;
};

/// Runs one attempt: run_exchange, then classify a non-2xx status, a transport error or a
/// framing error, else let the decoder finish.
AttemptResult run_attempt(HttpTransport& transport, const HttpRequest& request,
                          const ErrorContext& context, ReplyDecoder& decoder,
                          std::size_t prompt_chars, const std::stop_token& stop);

/// What complete_call needs of a provider's configuration.
struct CallPlan {
    const RetryPolicy& retry;
    std::chrono::milliseconds total;  // the call's deadline when the request sets none
    const RetryEnv& env;
    const PriceTable* prices;  // null: costs unknown
    const std::string& model;
};

using BodyBuilder = std::function<core::Result<std::string>()>;
using BodyAttempt = std::function<AttemptResult(const std::string& body,
                                                std::chrono::steady_clock::time_point deadline)>;

/// A provider's complete(): validates the request, builds its body once, runs `attempt` under
/// call_with_retries until the call's deadline and prices the usage.
core::Result<core::LlmResponse> complete_call(const core::LlmRequest& request, const CallPlan& plan,
                                              const BodyBuilder& build_body,
                                              const BodyAttempt& attempt,
                                              const std::stop_token& stop);

/// env.now() when injected, else the steady clock.
std::chrono::steady_clock::time_point now_of(const RetryEnv& env);

/// What every SSE provider adds to its own request: the agent's name (X-Content-Swarm-Agent),
/// the configured extra headers and the attempt's timeouts.
void finish_http_request(HttpRequest& http, const core::LlmRequest& request,
                         const std::vector<std::pair<std::string, std::string>>& extra_headers,
                         const CallTimeouts& timeouts,
                         std::chrono::steady_clock::time_point deadline, const RetryEnv& env);

/// A random 32-hex-digit key for one logical call (reused by its retries).
std::string make_idempotency_key();

/// About four characters per token, at least 1 for non-empty text.
std::int64_t estimate_tokens(std::size_t characters);

/// A finished attempt: `usage` as the provider reported it, else estimated from the prompt and
/// reply characters and marked usage_estimated; provider and model from `context`.
AttemptResult completed_attempt(core::LlmResponse response,
                                const std::optional<core::LlmUsage>& usage,
                                std::size_t prompt_chars, const ErrorContext& context,
                                bool delta_emitted);

/// Characters of the system prompt and every message.
std::size_t prompt_characters(const core::LlmRequest& request);

/// Fills usage.cost_usd / cost_known from `prices` (null: unknown).
void apply_cost(core::LlmUsage& usage, const PriceTable* prices, const std::string& model);

/// The request's own deadline, else `fallback`, measured from `now`.
std::chrono::steady_clock::time_point call_deadline(const core::LlmRequest& request,
                                                    std::chrono::milliseconds fallback,
                                                    std::chrono::steady_clock::time_point now);

/// The transport timeouts for one attempt: the total is clamped to what is left of the deadline.
void apply_timeouts(HttpRequest& http, const CallTimeouts& timeouts,
                    std::chrono::steady_clock::time_point deadline,
                    std::chrono::steady_clock::time_point now);

/// An empty conversation or a non-positive max_tokens cannot be sent (kInvalidArgument).
std::optional<core::Error> validate_request(const core::LlmRequest& request);

}  // namespace swarm::llm
