#include "llm/openai_client.hpp"

#include "llm/openai_stream.hpp"
#include "llm/provider_errors.hpp"

#include <nlohmann/json.hpp>

namespace swarm::llm {

namespace {

using Json = nlohmann::json;

std::string strip_trailing_slash(std::string url) {
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    return url;
}

}  // namespace

OpenAiClient::OpenAiClient(OpenAiConfig config, std::shared_ptr<HttpTransport> transport,
                           RetryEnv retry_env)
    : config_(std::move(config)),
      transport_(std::move(transport)),
      retry_env_(std::move(retry_env)) {
    config_.base_url = strip_trailing_slash(std::move(config_.base_url));
}

bool OpenAiClient::supports_structured_output() const {
    return config_.structured_output != StructuredOutputMode::kOff;
}

core::Result<std::string> OpenAiClient::build_body(const core::LlmRequest& request) const {
    Json messages = Json::array();
    if (!request.system.empty()) {
        messages.push_back({{"role", "system"}, {"content", request.system}});
    }
    for (const auto& message : request.messages) {
        messages.push_back({{"role", message.role == core::LlmRole::kUser ? "user" : "assistant"},
                            {"content", message.text}});
    }
    Json body = {{"model", config_.model},
                 {"messages", std::move(messages)},
                 {config_.max_tokens_field, request.max_tokens},
                 {"temperature", request.temperature},
                 {"stream", true},
                 {"stream_options", {{"include_usage", true}}}};
    if (request.structured && supports_structured_output()) {
        Json schema = Json::parse(request.structured->schema_json, nullptr, false);
        if (schema.is_discarded() || !schema.is_object()) {
            return core::fail(core::ErrorCode::kInvalidArgument, "is not a JSON object",
                              "structured.schema_json");
        }
        body["response_format"] = {{"type", "json_schema"},
                                   {"json_schema",
                                    {{"name", request.structured->name},
                                     {"schema", std::move(schema)},
                                     {"strict", true}}}};
    }
    return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

core::Result<core::LlmResponse> OpenAiClient::complete(const core::LlmRequest& request,
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
    const std::string key = make_idempotency_key();
    auto result = call_with_retries(
        config_.retry, [&](int) { return attempt(request, *body, key, on_delta, deadline, stop); },
        stop, deadline, retry_env_);
    if (result) {
        apply_cost(result->usage, config_.prices.get(), config_.model);
    }
    return result;
}

AttemptResult OpenAiClient::attempt(const core::LlmRequest& request, const std::string& body,
                                    const std::string& idempotency_key,
                                    const core::LlmDeltaSink& on_delta,
                                    std::chrono::steady_clock::time_point deadline,
                                    const std::stop_token& stop) {
    const ErrorContext context{provider(), config_.model, config_.api_key};
    HttpRequest http;
    http.url = config_.base_url + "/chat/completions";
    http.body = body;
    http.headers = {{"Content-Type", "application/json"},
                    {"Accept", "text/event-stream"},
                    {"Idempotency-Key", idempotency_key}};
    if (!config_.api_key.empty()) {
        http.headers.emplace_back("Authorization", "Bearer " + config_.api_key);
    }
    if (!request.agent.empty()) {
        http.headers.emplace_back("X-Content-Swarm-Agent", request.agent);
    }
    for (const auto& header : config_.extra_headers) {
        http.headers.push_back(header);
    }
    apply_timeouts(http, config_.timeouts, deadline,
                   retry_env_.now ? retry_env_.now() : std::chrono::steady_clock::now());

    OpenAiStreamDecoder decoder(context, on_delta);
    return run_attempt(*transport_, http, context, decoder, prompt_characters(request), stop);
}

}  // namespace swarm::llm
