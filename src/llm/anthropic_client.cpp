#include "llm/anthropic_client.hpp"

#include "llm/anthropic_stream.hpp"
#include "llm/provider_errors.hpp"

#include <nlohmann/json.hpp>

namespace swarm::llm {

namespace {

using Json = nlohmann::json;

}  // namespace

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
    Json messages = Json::array();
    for (const auto& message : request.messages) {
        messages.push_back({{"role", message.role == core::LlmRole::kUser ? "user" : "assistant"},
                            {"content", message.text}});
    }
    Json body = {{"model", config_.model},
                 {"max_tokens", request.max_tokens},
                 {"messages", std::move(messages)},
                 {"temperature", request.temperature},
                 {"stream", true}};
    if (!request.system.empty()) {
        body["system"] = request.system;
    }
    if (request.structured) {
        Json schema = Json::parse(request.structured->schema_json, nullptr, false);
        if (schema.is_discarded() || !schema.is_object()) {
            return core::fail(core::ErrorCode::kInvalidArgument, "is not a JSON object",
                              "structured.schema_json");
        }
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
    if (auto invalid = validate_request(request)) {
        return tl::unexpected(std::move(*invalid));
    }
    const auto body = build_body(request);
    if (!body) {
        return tl::unexpected(body.error());
    }
    const auto now = retry_env_.now ? retry_env_.now() : std::chrono::steady_clock::now();
    const auto deadline = call_deadline(request, config_.timeouts.total, now);
    auto result = call_with_retries(
        config_.retry, [&](int) { return attempt(request, *body, on_delta, deadline, stop); }, stop,
        deadline, retry_env_);
    if (result) {
        apply_cost(result->usage, config_.prices.get(), config_.model);
    }
    return result;
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
    if (!request.agent.empty()) {
        http.headers.emplace_back("X-Content-Swarm-Agent", request.agent);
    }
    for (const auto& header : config_.extra_headers) {
        http.headers.push_back(header);
    }
    apply_timeouts(http, config_.timeouts, deadline,
                   retry_env_.now ? retry_env_.now() : std::chrono::steady_clock::now());
    AnthropicStreamDecoder decoder(context, on_delta);
    return run_attempt(*transport_, http, context, decoder, prompt_characters(request), stop);
}

}  // namespace swarm::llm
