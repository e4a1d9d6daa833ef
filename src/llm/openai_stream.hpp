// Decodes an OpenAI-compatible Chat Completions answer: the `chat.completion.chunk` SSE stream
// (content, refusal, tool-call deltas, finish reason, usage chunk, [DONE]) or a whole completion.
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

/// One per attempt; not thread-safe. Text deltas (content, else the first tool call's arguments)
/// go to `on_delta` as they arrive.
class OpenAiStreamDecoder final : public StreamDecoderBase {
public:
    OpenAiStreamDecoder(ErrorContext context, const core::LlmDeltaSink& on_delta);

    /// Feeds one SSE event; false once the stream is finished ([DONE]) or failed.
    bool on_event(const SseEvent& event) override;

    /// A server that ignored `stream: true` and sent one `chat.completion` JSON document.
    AttemptResult parse_whole(std::string_view body, std::size_t prompt_chars) override;

    /// "stop", "length", "tool_use", "content_filter", else the provider's value.
    static std::string normalize_finish_reason(std::string_view reason);

private:
    bool ended() const override;
    AttemptResult build_response(std::size_t prompt_chars) override;

    std::string content_;
    std::string refusal_;
    std::map<long long, std::string> tool_arguments_;  // by tool-call index
    std::string finish_reason_;
    std::optional<core::LlmUsage> usage_;
    bool done_ = false;
};

}  // namespace swarm::llm
