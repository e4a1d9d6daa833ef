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
#include <memory>
#include <optional>
#include <stop_token>
#include <string>

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

/// Runs one attempt: run_exchange, then classify a non-2xx status, a transport error or a
/// framing error, else let the decoder finish.
AttemptResult run_attempt(HttpTransport& transport, const HttpRequest& request,
                          const ErrorContext& context, ReplyDecoder& decoder,
                          std::size_t prompt_chars, const std::stop_token& stop);

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
