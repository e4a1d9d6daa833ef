#include "llm/bedrock_client.hpp"

#include "llm/event_stream.hpp"
#include "llm/json_fields.hpp"
#include "llm/provider_errors.hpp"

#include <array>
#include <optional>
#include <utility>

namespace swarm::llm {
namespace {

using core::ErrorCode;
using json::Json;

constexpr std::string_view kEventStreamType = "application/vnd.amazon.eventstream";

/// ConverseStream's in-stream exceptions (service-2.json) and the HTTP status each stands for.
struct StreamException {
    std::string_view type;
    long status;
    bool retryable;  // before any delta reached the caller
};

constexpr std::array kStreamExceptions = {
    StreamException{"throttlingException", 429, true},
    StreamException{"serviceUnavailableException", 503, true},
    StreamException{"internalServerException", 500, true},
    StreamException{"modelStreamErrorException", 424, false},
    StreamException{"validationException", 400, false},
};

bool valid_tool_name(std::string_view name) {
    if (name.empty() || name.size() > 64) {
        return false;
    }
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

/// Interprets one attempt's event stream; not thread-safe. Text and tool-input fragments go to
/// `on_delta` as they arrive.
class BedrockStream {
public:
    BedrockStream(ErrorContext context, const core::LlmDeltaSink& on_delta, std::size_t max_bytes)
        : context_(std::move(context)), on_delta_(on_delta), max_bytes_(max_bytes) {}

    /// Feeds body bytes; false once the stream failed (the transfer should end).
    bool on_bytes(std::string_view bytes) {
        if (failure_) {
            return false;
        }
        std::vector<EventStreamMessage> messages;
        const auto framing_error = decoder_.feed(bytes, messages);
        for (const auto& message : messages) {
            if (!on_message(message)) {
                return false;
            }
        }
        if (framing_error) {
            // Before any delta a garbled frame is worth another attempt; after one it is final.
            return fail(corrupt_frame(framing_error->message));
        }
        return true;
    }

    /// After the transfer ended without a transport error: the response or the failure.
    AttemptResult finish(std::size_t prompt_chars) {
        if (failure_) {
            return std::move(*failure_);
        }
        if (!stopped_) {
            std::string what = "stream ended early";
            if (!decoder_.idle()) {
                what += " (partial frame of " + std::to_string(decoder_.buffered()) + " bytes)";
            }
            auto result = final_error(context_, ErrorCode::kUnavailable, what, delta_emitted_);
            result.retryable = !delta_emitted_;
            return result;
        }
        core::LlmResponse response;
        response.text = tool_use_ && !tool_input_.empty() ? tool_input_ : text_;
        response.stop_reason = stop_reason_;
        return completed_attempt(std::move(response), usage_, prompt_chars, context_,
                                 delta_emitted_);
    }

    bool delta_emitted() const { return delta_emitted_; }

private:
    AttemptResult corrupt_frame(const std::string& what) const {
        auto result = final_error(context_, ErrorCode::kUpstream, what, delta_emitted_);
        result.retryable = !delta_emitted_;
        return result;
    }

    bool fail(AttemptResult failure) {
        failure_ = std::move(failure);
        return false;
    }

    bool on_message(const EventStreamMessage& message) {
        const auto type = message.string_header(":message-type");
        if (type == "event") {
            return on_event(message.string_header(":event-type").value_or(""), message.payload);
        }
        if (type == "exception") {
            return on_exception(message.string_header(":exception-type").value_or("unknown"),
                                message.payload);
        }
        if (type == "error") {
            const std::string what =
                "stream error " +
                std::string(message.string_header(":error-code").value_or("unknown")) + ": " +
                clip_text(message.string_header(":error-message").value_or(""));
            return fail(final_error(context_, ErrorCode::kUpstream, what, delta_emitted_));
        }
        return fail(final_error(context_, ErrorCode::kUpstream,
                                "event-stream message without a known :message-type",
                                delta_emitted_));
    }

    bool on_exception(std::string_view type, std::string_view payload) {
        const ProviderErrorBody body = parse_error_body(payload);
        const StreamException* known = nullptr;
        for (const auto& candidate : kStreamExceptions) {
            if (candidate.type == type) {
                known = &candidate;
            }
        }
        std::string what = "stream exception " + clip_text(type, 100);
        if (known != nullptr) {
            what = "HTTP " + std::to_string(known->status) + " " + what;
        }
        if (!body.message.empty()) {
            what += ": " + clip_text(body.message);
        }
        const bool retryable = known != nullptr && known->retryable;
        auto result =
            final_error(context_, retryable ? ErrorCode::kUnavailable : ErrorCode::kUpstream, what,
                        delta_emitted_);
        result.retryable = retryable && !delta_emitted_;
        return fail(std::move(result));
    }

    bool on_event(std::string_view event, std::string_view payload) {
        const Json json = Json::parse(payload, nullptr, false);
        if (json.is_discarded() || !json.is_object()) {
            return fail(final_error(context_, ErrorCode::kUpstream,
                                    "malformed " + clip_text(event, 100) + " payload",
                                    delta_emitted_));
        }
        if (event == "contentBlockStart") {
            const auto start = json.find("start");
            tool_use_ = tool_use_ ||
                        (start != json.end() && start->is_object() && start->contains("toolUse"));
        } else if (event == "contentBlockDelta") {
            return on_delta(json);
        } else if (event == "messageStop") {
            stop_reason_ =
                normalize_bedrock_stop_reason(std::string(json::string_member(json, "stopReason")));
            stopped_ = true;
        } else if (event == "metadata") {
            const auto usage = json.find("usage");
            if (usage != json.end() && usage->is_object()) {
                core::LlmUsage counted;
                counted.input_tokens = json::int_member(&*usage, "inputTokens").value_or(0);
                counted.output_tokens = json::int_member(&*usage, "outputTokens").value_or(0);
                usage_ = counted;
            }
        }
        // messageStart, contentBlockStop and event types added later need nothing.
        return true;
    }

    bool on_delta(const Json& json) {
        const auto delta = json.find("delta");
        if (delta == json.end() || !delta->is_object()) {
            return true;
        }
        std::string fragment = std::string(json::string_member(*delta, "text"));
        if (!fragment.empty()) {
            text_ += fragment;
        } else if (const auto tool = delta->find("toolUse");
                   tool != delta->end() && tool->is_object()) {
            fragment = json::string_member(*tool, "input");
            tool_input_ += fragment;
        }
        if (text_.size() + tool_input_.size() > max_bytes_) {
            return fail(final_error(context_, ErrorCode::kUpstream,
                                    "answer larger than " + std::to_string(max_bytes_) + " bytes",
                                    delta_emitted_));
        }
        if (!fragment.empty()) {
            delta_emitted_ = true;
            if (on_delta_) {
                on_delta_(fragment);
            }
        }
        return true;
    }

    ErrorContext context_;
    const core::LlmDeltaSink& on_delta_;
    std::size_t max_bytes_;
    EventStreamDecoder decoder_;
    std::string text_;
    std::string tool_input_;
    bool tool_use_ = false;
    std::string stop_reason_;
    bool stopped_ = false;
    std::optional<core::LlmUsage> usage_;
    std::optional<AttemptResult> failure_;
    bool delta_emitted_ = false;
};

}  // namespace

std::string bedrock_endpoint(const BedrockConfig& config) {
    std::string endpoint = config.endpoint.empty()
                               ? "https://bedrock-runtime." + config.region + ".amazonaws.com"
                               : config.endpoint;
    while (!endpoint.empty() && endpoint.back() == '/') {
        endpoint.pop_back();
    }
    return endpoint;
}

core::Result<void> apply_bedrock_auth(HttpRequest& http, const BedrockConfig& config) {
    if (!config.bearer_token.empty()) {
        http.headers.emplace_back("Authorization", "Bearer " + config.bearer_token);
    } else if (!config.access_key_id.empty() && !config.secret_access_key.empty()) {
        http.sigv4 = AwsSigV4{config.region, "bedrock", config.access_key_id,
                              config.secret_access_key, config.session_token};
    } else {
        return core::fail(ErrorCode::kInvalidArgument,
                          "bedrock needs AWS access keys or a Bedrock API key", "credentials");
    }
    return {};
}

ErrorContext bedrock_error_context(const BedrockConfig& config) {
    return {"bedrock", config.model_id,
            config.bearer_token.empty() ? config.secret_access_key : config.bearer_token};
}

AttemptResult classify_bedrock_http_error(const ErrorContext& context, const HttpResponseHead& head,
                                          std::string_view body) {
    AttemptResult result = classify_http_error(context, head, body);
    std::string type = head.header("x-amzn-errortype").value_or("");
    if (type.empty()) {
        const Json json = Json::parse(body, nullptr, false);
        type = json.is_object() ? std::string(json::string_member(json, "__type")) : std::string();
    }
    type = clip_text(type.substr(0, type.find(':')), 100);  // "ThrottlingException:http://..."
    if (type == "ServiceQuotaExceededException" && !result.response) {
        // Bedrock's quota answer (HTTP 400, `{"message"}` only): the body alone cannot say so.
        result.response.error().code = ErrorCode::kResourceExhausted;
        result.retryable = false;
        result.retry_after.reset();
    }
    if (!type.empty() && !result.response) {
        std::string& message = result.response.error().message;
        const std::string status = "HTTP " + std::to_string(head.status);
        if (const auto at = message.find(status); at != std::string::npos) {
            message.insert(at + status.size(), " " + type);
        }
    }
    return result;
}

// The helpers know only one secret per context: remove all three.
void scrub_bedrock_credentials(core::Error& error, const BedrockConfig& config) {
    for (const std::string* secret :
         {&config.secret_access_key, &config.session_token, &config.bearer_token}) {
        error.message = redact_secret(std::move(error.message), *secret);
        error.detail = redact_secret(std::move(error.detail), *secret);
    }
}

std::string percent_encode_path_segment(std::string_view text) {
    static constexpr std::string_view kHex = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                c == '~';
        if (unreserved) {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(kHex[byte >> 4U]);
            out.push_back(kHex[byte & 0x0FU]);
        }
    }
    return out;
}

std::string normalize_bedrock_stop_reason(std::string_view reason) {
    if (reason == "end_turn" || reason == "stop_sequence") {
        return "stop";
    }
    if (reason == "max_tokens") {
        return "length";
    }
    if (reason == "content_filtered" || reason == "guardrail_intervened") {
        return "content_filter";
    }
    return std::string(reason);  // tool_use stays; newer values stay opaque
}

core::Result<std::string> bedrock_request_body(const core::LlmRequest& request) {
    Json messages = Json::array();
    for (const auto& message : request.messages) {
        messages.push_back({{"role", message.role == core::LlmRole::kUser ? "user" : "assistant"},
                            {"content", Json::array({{{"text", message.text}}})}});
    }
    Json body = {{"messages", std::move(messages)},
                 {"inferenceConfig",
                  {{"maxTokens", request.max_tokens}, {"temperature", request.temperature}}}};
    if (!request.system.empty()) {
        body["system"] = Json::array({{{"text", request.system}}});
    }
    if (request.structured) {
        const auto& structured = *request.structured;
        if (!valid_tool_name(structured.name)) {
            return core::fail(ErrorCode::kInvalidArgument,
                              "must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -",
                              "structured.name");
        }
        Json schema = Json::parse(structured.schema_json, nullptr, false);
        if (schema.is_discarded() || !schema.is_object()) {
            return core::fail(ErrorCode::kInvalidArgument, "must be a JSON object",
                              "structured.schema_json");
        }
        Json spec = {{"name", structured.name},
                     {"description", "Give the answer as this tool's input, matching the schema."},
                     {"inputSchema", {{"json", std::move(schema)}}}};
        body["toolConfig"] = {{"tools", Json::array({{{"toolSpec", std::move(spec)}}})},
                              {"toolChoice", {{"tool", {{"name", structured.name}}}}}};
    }
    return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

BedrockClient::BedrockClient(BedrockConfig config, std::shared_ptr<HttpTransport> transport,
                             RetryEnv retry_env)
    : config_(std::move(config)),
      transport_(std::move(transport)),
      retry_env_(std::move(retry_env)) {}

std::string BedrockClient::url() const {
    return bedrock_endpoint(config_) + "/model/" + percent_encode_path_segment(config_.model_id) +
           "/converse-stream";
}

core::Result<HttpRequest> BedrockClient::build_request(const core::LlmRequest& request) const {
    HttpRequest http;
    SWARM_TRY_ASSIGN(http.body, bedrock_request_body(request));
    http.url = url();
    http.headers = {{"content-type", "application/json"},
                    {"accept", std::string(kEventStreamType)}};
    if (!request.agent.empty()) {
        http.headers.emplace_back("X-Content-Swarm-Agent", request.agent);
    }
    SWARM_TRY(apply_bedrock_auth(http, config_));
    return http;
}

AttemptResult BedrockClient::attempt(const HttpRequest& http, const core::LlmRequest& request,
                                     const core::LlmDeltaSink& on_delta,
                                     const std::stop_token& stop) const {
    const ErrorContext context = bedrock_error_context(config_);
    BedrockStream stream(context, on_delta, config_.max_response_bytes);
    HttpResponseHead head;
    bool success = false;
    bool ended_by_us = false;
    std::string error_body;
    HttpStreamHandlers handlers;
    handlers.on_head = [&](const HttpResponseHead& received) {
        head = received;
        success = received.status >= 200 && received.status < 300;
    };
    handlers.on_body = [&](std::string_view bytes) {
        if (success) {
            ended_by_us = !stream.on_bytes(bytes);
            return !ended_by_us;
        }
        const std::size_t room = config_.max_error_body - error_body.size();
        error_body.append(bytes.substr(0, room));
        ended_by_us = bytes.size() > room;  // enough to explain the failure
        return !ended_by_us;
    };
    HttpOutcome outcome = transport_->post_stream(http, handlers, stop);
    // Ending the transfer ourselves (a failed stream, a long error body) is not a transport error.
    if (outcome.error && (!ended_by_us || stop.stop_requested())) {
        return classify_transport_error(context, *outcome.error, stream.delta_emitted());
    }
    if (head.status == 0) {
        head = outcome.head;
    }
    if (!success) {
        return classify_bedrock_http_error(context, head, error_body);
    }
    return stream.finish(prompt_characters(request));
}

core::Result<core::LlmResponse> BedrockClient::complete(const core::LlmRequest& request,
                                                        const core::LlmDeltaSink& on_delta,
                                                        std::stop_token stop) {
    if (auto invalid = validate_request(request)) {
        return tl::unexpected(std::move(*invalid));
    }
    SWARM_TRY_ASSIGN(auto http, build_request(request));
    const auto deadline = call_deadline(request, config_.timeouts.total, now_of(retry_env_));
    auto result = call_with_retries(
        config_.retry,
        [&](int /*attempt*/) {
            apply_timeouts(http, config_.timeouts, deadline, now_of(retry_env_));
            return attempt(http, request, on_delta, stop);
        },
        stop, deadline, retry_env_);
    if (!result) {
        scrub_bedrock_credentials(result.error(), config_);
        return result;
    }
    apply_cost(result->usage, config_.prices.get(), config_.model_id);
    return result;
}

}  // namespace swarm::llm
