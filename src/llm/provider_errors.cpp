#include "llm/provider_errors.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <nlohmann/json.hpp>

namespace swarm::llm {

namespace {

using Json = nlohmann::json;

std::string string_field(const Json& object, const char* name) {
    const auto it = object.find(name);
    if (it == object.end()) {
        return {};
    }
    if (it->is_string()) {
        return it->get<std::string>();
    }
    if (it->is_number_integer()) {
        return std::to_string(it->get<long long>());
    }
    return {};
}

bool is_retryable_stream_type(std::string_view type) {
    static constexpr std::array kTypes = {
        std::string_view("overloaded_error"),  std::string_view("api_error"),
        std::string_view("rate_limit_error"),  std::string_view("timeout_error"),
        std::string_view("server_error"),      std::string_view("rate_limit_exceeded"),
        std::string_view("unavailable_error"),
    };
    return std::ranges::any_of(kTypes,
                               [type](std::string_view candidate) { return candidate == type; });
}

std::string describe_body(const ProviderErrorBody& body) {
    std::string detail;
    const auto add = [&detail](std::string_view name, const std::string& value) {
        if (!value.empty()) {
            detail += (detail.empty() ? "" : ", ") + std::string(name) + "=" + value;
        }
    };
    add("type", body.type);
    add("code", body.code);
    add("details.error_code", body.details_code);
    return detail;
}

AttemptResult make_error(const ErrorContext& context, core::ErrorCode code, std::string message,
                         std::string detail, bool retryable) {
    core::Error error{code,
                      redact_secret(std::move(message), context.secret),
                      {},
                      redact_secret(std::move(detail), context.secret)};
    AttemptResult result;
    result.response = tl::unexpected(std::move(error));
    result.retryable = retryable;
    return result;
}

}  // namespace

ProviderErrorBody parse_error_body(std::string_view body) {
    ProviderErrorBody out;
    const Json json = Json::parse(body, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        return out;
    }
    const auto error = json.find("error");
    if (error != json.end() && error->is_object()) {
        out.type = string_field(*error, "type");
        out.code = string_field(*error, "code");
        out.message = string_field(*error, "message");
        const auto details = error->find("details");
        if (details != error->end() && details->is_object()) {
            out.details_code = string_field(*details, "error_code");
        }
    } else if (error != json.end() && error->is_string()) {
        out.message = error->get<std::string>();
    } else {
        out.message = string_field(json, "message");
        if (out.message.empty()) {
            out.message = string_field(json, "Message");
        }
    }
    return out;
}

bool is_quota_exhausted(const ProviderErrorBody& body) {
    return body.code == "insufficient_quota" || body.type == "insufficient_quota" ||
           body.type == "billing_error" || body.details_code == "enforced_spend_limit_reached";
}

std::string redact_secret(std::string text, std::string_view secret) {
    if (secret.size() < 4) {
        return text;
    }
    static constexpr std::string_view kMask = "[redacted]";
    for (auto at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + kMask.size())) {
        text.replace(at, secret.size(), kMask);
    }
    return text;
}

std::string clip_text(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) {
        return std::string(text);
    }
    std::size_t cut = max_bytes;
    // Step back over UTF-8 continuation bytes so no character is split.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) {
        --cut;
    }
    return std::string(text.substr(0, cut)) + "...";
}

std::string error_prefix(const ErrorContext& context) {
    return context.provider + " model \"" + context.model + "\"";
}

AttemptResult classify_http_error(const ErrorContext& context, const HttpResponseHead& head,
                                  std::string_view body) {
    const ProviderErrorBody parsed = parse_error_body(body);
    // Clip after redaction so a key straddling the cut cannot leak a fragment.
    std::string provider_message =
        parsed.message.empty() ? std::string(body.substr(0, 2'000)) : parsed.message;
    provider_message = clip_text(redact_secret(std::move(provider_message), context.secret));
    std::string message = error_prefix(context) + ": HTTP " + std::to_string(head.status);
    if (!provider_message.empty()) {
        message += ": " + provider_message;
    }
    const std::string detail = describe_body(parsed);
    if (is_quota_exhausted(parsed)) {
        return make_error(context, core::ErrorCode::kResourceExhausted, std::move(message), detail,
                          false);
    }
    if (should_retry_response(head)) {
        auto result =
            make_error(context, core::ErrorCode::kUnavailable, std::move(message), detail, true);
        result.retry_after = parse_retry_after(head);
        return result;
    }
    return make_error(context, core::ErrorCode::kUpstream, std::move(message), detail, false);
}

AttemptResult classify_stream_error(const ErrorContext& context, const ProviderErrorBody& error,
                                    bool delta_emitted) {
    std::string message = error_prefix(context) + ": stream error";
    if (!error.type.empty()) {
        message += " " + error.type;
    }
    if (!error.message.empty()) {
        message += ": " + clip_text(redact_secret(error.message, context.secret));
    }
    AttemptResult result;
    if (is_quota_exhausted(error)) {
        result = make_error(context, core::ErrorCode::kResourceExhausted, std::move(message),
                            describe_body(error), false);
    } else if (is_retryable_stream_type(error.type) || is_retryable_stream_type(error.code)) {
        result = make_error(context, core::ErrorCode::kUnavailable, std::move(message),
                            describe_body(error), !delta_emitted);
    } else {
        result = make_error(context, core::ErrorCode::kUpstream, std::move(message),
                            describe_body(error), false);
    }
    result.delta_emitted = delta_emitted;
    return result;
}

AttemptResult classify_transport_error(const ErrorContext& context, const core::Error& error,
                                       bool delta_emitted) {
    const bool retryable = !delta_emitted && (error.code == core::ErrorCode::kUnavailable ||
                                              error.code == core::ErrorCode::kDeadlineExceeded);
    auto result = make_error(context, error.code, error_prefix(context) + ": " + error.message,
                             error.detail, retryable);
    result.delta_emitted = delta_emitted;
    return result;
}

AttemptResult final_error(const ErrorContext& context, core::ErrorCode code, std::string_view what,
                          bool delta_emitted) {
    auto result =
        make_error(context, code, error_prefix(context) + ": " + std::string(what), {}, false);
    result.delta_emitted = delta_emitted;
    return result;
}

}  // namespace swarm::llm
