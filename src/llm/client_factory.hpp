// Builds one core::LlmClient from a provider-neutral configuration (openai, anthropic, bedrock);
// the app's settings layer resolves environment and config file into ProviderConfig values.
#pragma once

#include "core/ports/llm_client.hpp"
#include "core/result.hpp"
#include "llm/http_transport.hpp"
#include "llm/price_table.hpp"
#include "llm/retry_policy.hpp"
#include "llm/stream_exchange.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace swarm::llm {

struct ProviderConfig {
    std::string provider;  // "openai", "anthropic" or "bedrock"
    /// openai/anthropic: the API base URL (empty: the provider's default); bedrock: the endpoint
    /// override (empty: https://bedrock-runtime.{region}.amazonaws.com).
    std::string base_url;
    std::string model;    // bedrock: the model or inference-profile id
    std::string api_key;  // bedrock: a Bedrock API key (bearer), used instead of SigV4 when set
    std::string region;   // bedrock only
    std::string aws_access_key_id;
    std::string aws_secret_access_key;
    std::string aws_session_token;
    CallTimeouts timeouts;
    RetryPolicy retry;
    RetryEnv retry_env;  // tests inject a sleeper and a clock

    /// Identity of the client this configuration builds (agents with equal keys share one
    /// client). Contains secrets: compare it, never log it.
    std::string sharing_key() const;
    /// "provider/model" for logs; never a key.
    std::string label() const;
};

inline constexpr std::string_view kDefaultOpenAiBaseUrl = "https://api.openai.com/v1";
inline constexpr std::string_view kDefaultAnthropicBaseUrl = "https://api.anthropic.com";

/// Validates what each provider needs (kInvalidArgument naming the ProviderConfig field: model,
/// api_key, region, aws_access_key_id, ...) and builds the client. `prices` may be null.
core::Result<std::shared_ptr<core::LlmClient>> make_llm_client(
    const ProviderConfig& config, std::shared_ptr<HttpTransport> transport,
    std::shared_ptr<const PriceTable> prices);

}  // namespace swarm::llm
