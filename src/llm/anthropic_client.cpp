#include "llm/anthropic_client.hpp"

#include "llm/anthropic_stream.hpp"
#include "llm/json_fields.hpp"
#include "llm/provider_errors.hpp"

namespace swarm::llm {

using json::Json;

AnthropicClient::AnthropicClient(AnthropicConfig config, std::shared_ptr<HttpTransport> transport,
                                 RetryEnv retry_env)
    : config_(std::move(config)),
      transport_(std::move(transport)),
      retry_env_(std::move(retry_env)) {
    while (!config_.base_url.empty() && config_.base_url.back() == '/') {
        config_.base_url.pop_back();
    }
}

core::Result<std::string> AnthropicClient::build_body(const core::LlmRequest& request) const {
    Json body = {{"model", config_.model},
                 {"max_tokens", request.max_tokens},
                 {"messages", json::chat_messages(request)},
                 {"temperature", request.temperature},
                 {"stream", true}};
    if (!request.system.empty()) {
        body["system"] = request.system;
    }
    if (request.structured) {
        SWARM_TRY_ASSIGN(Json schema, json::structured_schema(*request.structured));
        body["tools"] = Json::array(
            {{{"name", request.structured->name},
              {"description", "Give the answer as this tool's input, matching its schema."},
              {"input_schema", std::move(schema)}}});
        body["tool_choice"] = {{"type", "tool"}, {"name", request.structured->name}};
    }
    return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

core::Result<core::LlmResponse> AnthropicClient::complete(const core::LlmRequest& request,
                                                          const core::LlmDeltaSink& on_delta,
                                                          std::stop_token stop) {
    return complete_call(
        request,
        {config_.retry, config_.timeouts.total, retry_env_, config_.prices.get(), config_.model},
        [&] { return build_body(request); },
        [&](const std::string& body, std::chrono::steady_clock::time_point deadline) {
            return attempt(request, body, on_delta, deadline, stop);
        },
        stop);
}

AttemptResult AnthropicClient::attempt(const core::LlmRequest& request, const std::string& body,
                                       const core::LlmDeltaSink& on_delta,
                                       std::chrono::steady_clock::time_point deadline,
                                       const std::stop_token& stop) {
    const ErrorContext context{provider(), config_.model, config_.api_key};
    HttpRequest http;
    http.url = config_.base_url + "/v1/messages";
    http.body = body;
    http.headers = {{"content-type", "application/json"},
                    {"accept", "text/event-stream"},
                    {"anthropic-version", config_.anthropic_version},
                    {"x-api-key", config_.api_key}};
    finish_http_request(http, request, config_.extra_headers, config_.timeouts, deadline,
                        retry_env_);
    AnthropicStreamDecoder decoder(context, on_delta);
    return run_attempt(*transport_, http, context, decoder, prompt_characters(request), stop);
}

}  // namespace swarm::llm
