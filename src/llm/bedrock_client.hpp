// core::LlmClient over AWS Bedrock ConverseStream: JSON request, SigV4 (signing name "bedrock")
// or a Bedrock API key, and the application/vnd.amazon.eventstream answer decoded incrementally.
#pragma once

#include "core/ports/llm_client.hpp"
#include "llm/http_transport.hpp"
#include "llm/price_table.hpp"
#include "llm/provider_errors.hpp"
#include "llm/retry_policy.hpp"
#include "llm/stream_exchange.hpp"

#include <cstddef>
#include <memory>
#include <stop_token>
#include <string>
#include <string_view>

namespace swarm::llm {

struct BedrockConfig {
    std::string region;    // e.g. "us-east-1"
    std::string model_id;  // model or inference-profile id, or an ARN
    /// Empty: https://bedrock-runtime.{region}.amazonaws.com. Tests: http://127.0.0.1:PORT.
    std::string endpoint;
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;  // temporary credentials; empty: none
    /// A Bedrock API key (AWS_BEARER_TOKEN_BEDROCK): sent as `Authorization: Bearer`, no SigV4.
    std::string bearer_token;
    CallTimeouts timeouts;
    RetryPolicy retry;
    std::shared_ptr<const PriceTable> prices;  // null: costs unknown
    std::size_t max_error_body = std::size_t{64} << 10;
    std::size_t max_response_bytes = std::size_t{8} << 20;  // text + tool input of one answer
};

/// Thread-safe: complete() holds no mutable state beyond its own call.
class BedrockClient final : public core::LlmClient {
public:
    /// The transport is required; tests inject a sleeper and a clock through `retry_env`.
    BedrockClient(BedrockConfig config, std::shared_ptr<HttpTransport> transport,
                  RetryEnv retry_env = {});

    core::Result<core::LlmResponse> complete(const core::LlmRequest& request,
                                             const core::LlmDeltaSink& on_delta,
                                             std::stop_token stop) override;

    bool supports_structured_output() const override { return true; }

    std::string provider() const override { return "bedrock"; }

    std::string model() const override { return config_.model_id; }

    /// {endpoint}/model/{percent-encoded model id}/converse-stream.
    std::string url() const;

    /// The request for one call (body, headers, signing); timeouts are set per attempt.
    core::Result<HttpRequest> build_request(const core::LlmRequest& request) const;

private:
    AttemptResult attempt(const HttpRequest& http, const core::LlmRequest& request,
                          const core::LlmDeltaSink& on_delta, const std::stop_token& stop) const;

    BedrockConfig config_;
    std::shared_ptr<HttpTransport> transport_;
    RetryEnv retry_env_;
};

/// https://bedrock-runtime.{region}.amazonaws.com, or the configured endpoint (no trailing '/').
std::string bedrock_endpoint(const BedrockConfig& config);

/// The Bedrock API key as `Authorization: Bearer`, else SigV4 (signing name "bedrock") with the
/// access keys; kInvalidArgument (field "credentials") when neither is configured.
core::Result<void> apply_bedrock_auth(HttpRequest& http, const BedrockConfig& config);

/// For messages: provider "bedrock", the model id, the credential to redact.
ErrorContext bedrock_error_context(const BedrockConfig& config);

/// A non-2xx answer (`{"message"}` plus x-amzn-errortype or `__type`): classify_http_error with the
/// AWS error type named; ServiceQuotaExceededException → kResourceExhausted.
AttemptResult classify_bedrock_http_error(const ErrorContext& context, const HttpResponseHead& head,
                                          std::string_view body);

/// Removes every credential of `config` (secret key, session token, API key) from an error.
void scrub_bedrock_credentials(core::Error& error, const BedrockConfig& config);

/// RFC 3986 percent-encoding of everything but unreserved characters (':' → "%3A", '/' → "%2F").
std::string percent_encode_path_segment(std::string_view text);

/// The ConverseStream JSON body: messages, system (when non-empty), inferenceConfig and, for
/// structured output, a forced tool whose input schema is the request's schema.
core::Result<std::string> bedrock_request_body(const core::LlmRequest& request);

/// end_turn/stop_sequence → "stop", max_tokens → "length", tool_use → "tool_use",
/// content_filtered/guardrail_intervened → "content_filter", anything else unchanged.
std::string normalize_bedrock_stop_reason(std::string_view reason);

}  // namespace swarm::llm
