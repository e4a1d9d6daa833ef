// Decodes an Anthropic Messages answer: the named SSE events (message_start, content blocks with
// text and input_json deltas, message_delta usage, ping, error, message_stop) or a whole Message.
#pragma once

#include "core/ports/llm_client.hpp"
#include "llm/provider_errors.hpp"
#include "llm/retry_policy.hpp"
#include "llm/sse_decoder.hpp"
#include "llm/stream_exchange.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace swarm::llm {

/// One per attempt; not thread-safe. text_delta and input_json_delta go to `on_delta`; thinking,
/// signature and citations deltas are dropped. The response text is the first tool_use block's
/// input JSON when there is one (structured output), else the text blocks joined.
class AnthropicStreamDecoder final : public StreamDecoderBase {
public:
    AnthropicStreamDecoder(ErrorContext context, const core::LlmDeltaSink& on_delta);

    /// Feeds one SSE event; false once the message stopped or an error event arrived.
    bool on_event(const SseEvent& event) override;

    /// A whole `message` JSON document (a server that did not stream).
    AttemptResult parse_whole(std::string_view body, std::size_t prompt_chars) override;

    /// end_turn → "stop", max_tokens → "length", tool_use, refusal; others unchanged.
    static std::string normalize_stop_reason(std::string_view reason);

private:
    bool ended() const override;
    AttemptResult build_response(std::size_t prompt_chars) override;

    std::string text_;
    std::map<long long, std::string> tool_inputs_;  // tool_use blocks by index
    std::string stop_reason_;
    std::optional<std::int64_t> input_tokens_;
    std::optional<std::int64_t> output_tokens_;
    bool stopped_ = false;
};

}  // namespace swarm::llm
