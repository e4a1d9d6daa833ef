// Port: one streamed call to a language model. Implemented per provider in src/llm (OpenAiClient,
// AnthropicClient, BedrockClient); the swarm's agents speak only this, so tests script replies.
#pragma once

#include "core/result.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core {

enum class LlmRole { kUser, kAssistant };

struct LlmMessage {
    LlmRole role = LlmRole::kUser;
    std::string text;
};

/// Ask for JSON matching a schema (OpenAI `response_format: json_schema` strict, Anthropic and
/// Bedrock a forced tool whose input is the schema). Strict subset: every object has
/// `additionalProperties: false` and lists every property in `required`.
struct LlmStructuredOutput {
    std::string name;         // [A-Za-z0-9_-], at most 64 characters
    std::string schema_json;  // the JSON Schema document as text
};

struct LlmRequest {
    std::string system;  // system prompt; may be empty
    std::vector<LlmMessage> messages;
    int max_tokens = 1024;
    double temperature = 0.7;
    std::optional<LlmStructuredOutput> structured;  // ignored when !supports_structured_output()
    /// Who is calling, e.g. "writer:linkedin" or "research". Sent as the X-Content-Swarm-Agent
    /// header (providers ignore it; the fake model server scripts replies by it) and logged.
    std::string agent;
    /// Total deadline for this call including retries; zero: the client's default.
    std::chrono::milliseconds deadline{0};
};

struct LlmUsage {
    std::int64_t input_tokens = 0;
    std::int64_t output_tokens = 0;
    double cost_usd = 0;           // estimated from the configured price table; 0 when unknown
    bool cost_known = false;       // the price table had the model
    bool usage_estimated = false;  // the provider sent no counts: about 4 characters per token
};

struct LlmResponse {
    /// The assistant's text; for structured output, the JSON document (tool input or content).
    std::string text;
    /// Normalized finish reason: "stop", "length", "tool_use", "content_filter", "refusal", or the
    /// provider's own value when it is none of these.
    std::string stop_reason;
    LlmUsage usage;
    int attempts = 1;  // 1 + retries
    std::string provider;
    std::string model;
};

/// Receives text deltas in arrival order, on the calling thread, before complete() returns.
using LlmDeltaSink = std::function<void(std::string_view delta)>;

/// Thread-safety: complete() may be called concurrently from several threads.
/// Errors (the message names provider, model and HTTP status; never an API key):
///   kUpstream           non-retryable provider answer (400/401/403/404, malformed stream, refusal)
///   kResourceExhausted  quota or spend limit reached (never retried)
///   kUnavailable        retryable failures that persisted past the retry budget
///   kDeadlineExceeded   the call's deadline or an idle (no byte) timeout passed
///   kCancelled          `stop` was requested
///   kInvalidArgument    the request cannot be sent (e.g. empty messages)
class LlmClient {
public:
    virtual ~LlmClient() = default;

    virtual Result<LlmResponse> complete(const LlmRequest& request, const LlmDeltaSink& on_delta,
                                         std::stop_token stop) = 0;

    virtual bool supports_structured_output() const = 0;
    virtual std::string provider() const = 0;  // "openai", "anthropic", "bedrock"
    virtual std::string model() const = 0;
};

}  // namespace swarm::core
