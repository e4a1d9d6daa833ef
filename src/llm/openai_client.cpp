#include "llm/openai_client.hpp"

#include "llm/json_fields.hpp"
#include "llm/openai_stream.hpp"
#include "llm/provider_errors.hpp"

namespace swarm::llm {

namespace {

using json::Json;

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
    Json messages = json::chat_messages(request);
    if (!request.system.empty()) {
        messages.insert(messages.begin(), Json{{"role", "system"}, {"content", request.system}});
    }
    Json body = {{"model", config_.model},
                 {"messages", std::move(messages)},
                 {config_.max_tokens_field, request.max_tokens},
                 {"temperature", request.temperature},
                 {"stream", true},
                 {"stream_options", {{"include_usage", true}}}};
    if (request.structured && supports_structured_output()) {
        SWARM_TRY_ASSIGN(Json schema, json::structured_schema(*request.structured));
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
    const std::string key = make_idempotency_key();
    return complete_call(
        request,
        {config_.retry, config_.timeouts.total, retry_env_, config_.prices.get(), config_.model},
        [&] { return build_body(request); },
        [&](const std::string& body, std::chrono::steady_clock::time_point deadline) {
            return attempt(request, body, key, on_delta, deadline, stop);
        },
        stop);
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
    finish_http_request(http, request, config_.extra_headers, config_.timeouts, deadline,
                        retry_env_);

    OpenAiStreamDecoder decoder(context, on_delta);
    return run_attempt(*transport_, http, context, decoder, prompt_characters(request), stop);
}

}  // namespace swarm::llm
