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
class OpenAiStreamDecoder final : public ReplyDecoder {
public:
    OpenAiStreamDecoder(ErrorContext context, const core::LlmDeltaSink& on_delta);

    /// Feeds one SSE event; false once the stream is finished ([DONE]) or failed.
    bool on_event(const SseEvent& event) override;

    /// After the transfer ended without a transport error: the response or the classified error
    /// (refusal, mid-stream error, malformed chunk, a stream that ended early).
    AttemptResult finish(std::size_t prompt_chars) override;

    /// A server that ignored `stream: true` and sent one `chat.completion` JSON document.
    AttemptResult parse_whole(std::string_view body, std::size_t prompt_chars) override;

    bool delta_emitted() const override { return delta_emitted_; }

    /// "stop", "length", "tool_use", "content_filter", else the provider's value.
    static std::string normalize_finish_reason(std::string_view reason);

private:
    void emit(std::string_view text);
    bool fail(AttemptResult failure);
    AttemptResult build_response(std::size_t prompt_chars);

    ErrorContext context_;
    const core::LlmDeltaSink& on_delta_;
    std::string content_;
    std::string refusal_;
    std::map<long long, std::string> tool_arguments_;  // by tool-call index
    std::string finish_reason_;
    std::optional<core::LlmUsage> usage_;
    std::optional<AttemptResult> failure_;
    bool done_ = false;
    bool delta_emitted_ = false;
};

}  // namespace swarm::llm
