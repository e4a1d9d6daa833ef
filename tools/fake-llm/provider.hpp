// The per-provider wire encoders of the fake model server: the bytes of one streamed reply (SSE
// events or Bedrock event-stream frames), the non-streamed body, and errors in each real shape.
#pragma once

#include "llm_request.hpp"
#include "script.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace swarm::fake_llm {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// A complete non-streamed answer (success or error).
struct HttpAnswer {
    int status = 200;
    std::string content_type = "application/json";
    HeaderList headers;
    std::string body;
};

struct Usage {
    std::size_t input_tokens = 0;
    std::size_t output_tokens = 0;
};

enum class Finish { kStop, kLength, kToolUse };

/// What every encoder needs to know about the reply it writes.
struct ReplyContext {
    std::uint64_t seq = 0;  // request number: ids are derived from it, so they are unique
    std::string model;
    std::optional<std::string> tool_name;  // reply as a tool call with this name
    bool include_usage = false;
    std::size_t input_tokens = 1;  // Anthropic sends it in message_start
};

/// Encodes one streamed reply; each call returns the bytes to write (possibly empty).
class StreamEncoder {
public:
    virtual ~StreamEncoder() = default;
    StreamEncoder() = default;
    StreamEncoder(const StreamEncoder&) = delete;
    StreamEncoder& operator=(const StreamEncoder&) = delete;

    virtual std::string content_type() const = 0;
    virtual HeaderList headers() const = 0;
    /// Before the first token (OpenAI role chunk, Anthropic message_start, Bedrock messageStart).
    virtual std::string begin() = 0;
    virtual std::string token(std::string_view piece) = 0;
    /// After the last token: stop events, usage, the end marker.
    virtual std::string end(Finish finish, Usage usage) = 0;
    /// A chunk that is not valid JSON (Bedrock: a valid frame whose payload is not JSON).
    virtual std::string malformed() = 0;
    /// A token frame with a corrupted message CRC (SSE providers: same as malformed()).
    virtual std::string bad_crc(std::string_view piece) = 0;
    /// The provider's error event in the middle of a stream; the stream ends after it.
    virtual std::string mid_stream_error() = 0;

    /// A keep-alive event, sent now and then while tokens flow (empty when the provider has none).
    virtual std::string ping() { return {}; }
};

std::unique_ptr<StreamEncoder> make_stream_encoder(Provider provider, ReplyContext context);

/// The non-streamed success body (OpenAI chat.completion, Anthropic message).
HttpAnswer complete_answer(Provider provider, const ReplyContext& context, std::string_view text,
                           Finish finish, Usage usage);

/// Non-streamed answer for a fault that happens "after N tokens" (malformed: a cut-off body,
/// mid-stream error: the provider's overload/server error).
HttpAnswer late_fault_answer(Provider provider, const ReplyContext& context, const Fault& fault,
                             std::string_view text);

/// The answer for a status fault or insufficient_quota, in the provider's error shape.
HttpAnswer fault_answer(Provider provider, const Fault& fault);

/// A request the provider would refuse: `status` 400 (bad body), 401/403 (credentials), 404.
HttpAnswer request_error(Provider provider, int status, std::string_view message,
                         std::string_view aws_error_type = {});

// Per-provider halves of the functions above.
std::unique_ptr<StreamEncoder> make_openai_encoder(ReplyContext context);
std::unique_ptr<StreamEncoder> make_anthropic_encoder(ReplyContext context);
std::unique_ptr<StreamEncoder> make_bedrock_encoder(ReplyContext context);
HttpAnswer openai_complete(const ReplyContext& context, std::string_view text, Finish finish,
                           Usage usage);
HttpAnswer anthropic_complete(const ReplyContext& context, std::string_view text, Finish finish,
                              Usage usage);

// Error bodies in each provider's shape (`retry_after_s` adds retry-after and retry-after-ms).
HttpAnswer openai_error(int status, std::string_view type, std::string_view code,
                        std::string_view message, std::optional<double> retry_after_s = {});
HttpAnswer anthropic_error(int status, std::string_view type, std::string_view message,
                           std::optional<double> retry_after_s = {});
HttpAnswer bedrock_error(int status, std::string_view aws_type, std::string_view message,
                         std::optional<double> retry_after_s = {});

/// retry-after (whole seconds, rounded up) and retry-after-ms, when `seconds` is set.
void add_retry_after(HeaderList& headers, std::optional<double> seconds);

/// A JSON document with one string slot, rendered once and filled per token: the hot path of a
/// thousand paced streams should not build a JSON tree per token.
class JsonTemplate {
public:
    /// The string value that marks the slot in the document given to the constructor.
    static constexpr std::string_view kSlot = "\x01slot\x01";

    explicit JsonTemplate(const std::string& dumped);

    /// The document with the slot replaced by `value` as a JSON string.
    std::string fill(std::string_view value) const;

private:
    std::string prefix_;
    std::string suffix_;
};

/// One SSE event: optional "event:" line, one "data:" line, blank line.
std::string sse_event(std::string_view event, std::string_view data);

}  // namespace swarm::fake_llm
