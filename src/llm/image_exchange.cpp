#include "llm/image_exchange.hpp"

#include "core/text/utf8.hpp"
#include "llm/base64.hpp"

#include <utility>

namespace swarm::llm {

core::Result<core::GeneratedImage> call_image_with_retries(
    const RetryPolicy& policy, const ImageAttempt& attempt, const std::stop_token& stop,
    std::chrono::steady_clock::time_point deadline, const RetryEnv& env) {
    core::GeneratedImage image;
    SWARM_TRY(call_with_retries(
        policy, [&](int /*number*/) { return attempt(image); }, stop, deadline, env));
    return image;
}

std::optional<core::Error> validate_image_call(const core::ImageRequest& request,
                                               const HttpTransport* transport) {
    if (request.prompt.empty()) {
        return core::Error{core::ErrorCode::kInvalidArgument, "must not be empty", "prompt", {}};
    }
    if (transport == nullptr) {
        return core::Error{
            core::ErrorCode::kInvalidArgument, "an HTTP transport is required", "transport", {}};
    }
    return std::nullopt;
}

AttemptResult image_attempt_done() {
    AttemptResult done;
    done.response = core::LlmResponse{};
    return done;
}

std::chrono::steady_clock::time_point image_deadline(const core::ImageRequest& request,
                                                     std::chrono::milliseconds fallback,
                                                     std::chrono::steady_clock::time_point now) {
    return now + (request.deadline.count() > 0 ? request.deadline : fallback);
}

void apply_image_timeouts(HttpRequest& http, const CallTimeouts& timeouts,
                          std::chrono::steady_clock::time_point deadline,
                          std::chrono::steady_clock::time_point now) {
    apply_timeouts(http, timeouts, deadline, now);
    http.idle_timeout = http.total_timeout;
}

std::size_t json_limit_for(const ImageLimits& limits) {
    return limits.max_bytes / 3 * 4 + 4 + (std::size_t{64} << 10);
}

WholeAnswer exchange_whole(HttpTransport& transport, const HttpRequest& http,
                           const ErrorContext& context, const std::stop_token& stop,
                           const StatusClassifier& classify_status) {
    WholeAnswer answer;
    std::string body;
    HttpStreamHandlers handlers;
    handlers.on_head = [&answer](const HttpResponseHead& head) {
        answer.head = head;
    };
    handlers.on_body = [&body](std::string_view bytes) {
        body.append(bytes);
        return true;
    };
    const HttpOutcome outcome = transport.post_stream(http, handlers, stop);
    if (answer.head.status == 0) {
        answer.head = outcome.head;
    }
    const long status = answer.head.status;
    if (status != 0 && (status < 200 || status >= 300) && !stop.stop_requested()) {
        answer.failure = classify_status ? classify_status(context, answer.head, body)
                                         : classify_http_error(context, answer.head, body);
        return answer;
    }
    if (outcome.error) {
        answer.failure = classify_transport_error(context, *outcome.error, false);
        return answer;
    }
    if (status == 0) {
        answer.failure = final_error(context, core::ErrorCode::kUpstream, "no response", false);
        return answer;
    }
    answer.body = std::move(body);
    return answer;
}

AttemptResult accept_image_bytes(const ErrorContext& context, std::string bytes,
                                 const ImageLimits& limits, core::GeneratedImage& out) {
    const auto info = check_image(bytes, limits);
    if (!info) {
        return final_error(context, core::ErrorCode::kUpstream, info.error().message, false);
    }
    out.bytes = std::move(bytes);
    out.content_type = std::string(info->content_type);
    out.width = info->width;
    out.height = info->height;
    out.model = context.model;
    return image_attempt_done();
}

AttemptResult accept_base64_image(const ErrorContext& context, std::string_view base64,
                                  const ImageLimits& limits, core::GeneratedImage& out) {
    auto bytes = base64_decode(base64, limits.max_bytes);
    if (!bytes) {
        return final_error(context, core::ErrorCode::kUpstream,
                           "image payload: " + bytes.error().message, false);
    }
    return accept_image_bytes(context, std::move(*bytes), limits, out);
}

std::string clip_prompt(std::string_view text, std::size_t max_chars) {
    if (max_chars == 0 || core::text::length(text) <= max_chars) {
        return std::string(text);
    }
    auto points = core::text::decode(text);
    points.resize(max_chars);
    return core::text::encode(points);
}

std::string url_for_messages(std::string_view url) {
    return clip_text(url.substr(0, url.find_first_of("?#")), 200);
}

AttemptResult download_image(HttpTransport& transport, const std::string& url,
                             const ErrorContext& context, const ImageLimits& limits,
                             const CallTimeouts& timeouts,
                             std::chrono::steady_clock::time_point deadline,
                             std::chrono::steady_clock::time_point now, const std::stop_token& stop,
                             core::GeneratedImage& out) {
    if (!url.starts_with("https://") && !url.starts_with("http://")) {
        return final_error(context, core::ErrorCode::kUpstream,
                           "image URL is not http(s): " + url_for_messages(url), false);
    }
    HttpRequest http;
    http.url = url;
    http.method = "GET";
    http.headers = {{"Accept", "image/png, image/jpeg"}};
    http.max_response_bytes = limits.max_bytes;
    apply_image_timeouts(http, timeouts, deadline, now);
    ErrorContext download = context;
    download.provider += " image download (" + url_for_messages(url) + ") for";
    auto answer = exchange_whole(transport, http, download, stop);
    if (!answer.body) {
        return std::move(answer.failure);
    }
    return accept_image_bytes(context, std::move(*answer.body), limits, out);
}

}  // namespace swarm::llm
