// LlmClient for the Anthropic Messages API: streamed POST {base_url}/v1/messages; structured
// output as one forced tool whose input_schema is the requested schema.
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

struct AnthropicConfig {
    std::string base_url = "https://api.anthropic.com";  // a trailing '/' is ignored
    std::string model;
    std::string api_key;
    std::string anthropic_version = "2023-06-01";
    CallTimeouts timeouts;
    RetryPolicy retry;
    std::shared_ptr<const PriceTable> prices;  // null: costs unknown
    std::vector<std::pair<std::string, std::string>> extra_headers;
};

/// Thread-safe: complete() keeps no state between calls.
class AnthropicClient final : public core::LlmClient {
public:
    AnthropicClient(AnthropicConfig config, std::shared_ptr<HttpTransport> transport,
                    RetryEnv retry_env = {});

    core::Result<core::LlmResponse> complete(const core::LlmRequest& request,
                                             const core::LlmDeltaSink& on_delta,
                                             std::stop_token stop) override;

    bool supports_structured_output() const override { return true; }

    std::string provider() const override { return "anthropic"; }

    std::string model() const override { return config_.model; }

    /// The JSON request body (exposed for request-shape tests).
    core::Result<std::string> build_body(const core::LlmRequest& request) const;

private:
    AttemptResult attempt(const core::LlmRequest& request, const std::string& body,
                          const core::LlmDeltaSink& on_delta,
                          std::chrono::steady_clock::time_point deadline,
                          const std::stop_token& stop);

    AnthropicConfig config_;
    std::shared_ptr<HttpTransport> transport_;
    RetryEnv retry_env_;
};

}  // namespace swarm::llm
