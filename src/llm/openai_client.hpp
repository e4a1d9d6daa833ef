// LlmClient for OpenAI-compatible Chat Completions servers (OpenAI, llama.cpp server, Ollama /v1,
// vLLM): streamed POST {base_url}/chat/completions with json_schema structured output.
#pragma once

#include "core/ports/llm_client.hpp"
#include "llm/http_transport.hpp"
#include "llm/price_table.hpp"
#include "llm/retry_policy.hpp"
#include "llm/stream_exchange.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace swarm::llm {

/// kAuto and kOn both send `response_format: json_schema` when a request asks for structure;
/// kOff never does and makes supports_structured_output() false (for servers without it).
enum class StructuredOutputMode { kAuto, kOn, kOff };

struct OpenAiConfig {
    std::string base_url = "https://api.openai.com/v1";  // a trailing '/' is ignored
    std::string model;
    std::string api_key;  // empty: no Authorization header (local servers)
    StructuredOutputMode structured_output = StructuredOutputMode::kAuto;
    std::string max_tokens_field = "max_tokens";  // or "max_completion_tokens"
    CallTimeouts timeouts;
    RetryPolicy retry;
    std::shared_ptr<const PriceTable> prices;  // null: costs unknown
    std::vector<std::pair<std::string, std::string>> extra_headers;
};

/// Thread-safe: complete() keeps no state between calls.
class OpenAiClient final : public core::LlmClient {
public:
    OpenAiClient(OpenAiConfig config, std::shared_ptr<HttpTransport> transport,
                 RetryEnv retry_env = {});

    core::Result<core::LlmResponse> complete(const core::LlmRequest& request,
                                             const core::LlmDeltaSink& on_delta,
                                             std::stop_token stop) override;

    bool supports_structured_output() const override;

    std::string provider() const override { return "openai"; }

    std::string model() const override { return config_.model; }

    /// The JSON request body (exposed for request-shape tests).
    core::Result<std::string> build_body(const core::LlmRequest& request) const;

private:
    AttemptResult attempt(const core::LlmRequest& request, const std::string& body,
                          const std::string& idempotency_key, const core::LlmDeltaSink& on_delta,
                          std::chrono::steady_clock::time_point deadline,
                          const std::stop_token& stop);

    OpenAiConfig config_;
    std::shared_ptr<HttpTransport> transport_;
    RetryEnv retry_env_;
};

}  // namespace swarm::llm
