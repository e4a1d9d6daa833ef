#include "llm/openai_image_client.hpp"

#include "llm/json_fields.hpp"
#include "llm/provider_errors.hpp"

#include <array>
#include <cmath>
#include <utility>

#include <nlohmann/json.hpp>

namespace swarm::llm {
namespace {

using Json = nlohmann::json;

struct Size {
    int width;
    int height;
};

constexpr std::array kGptImageSizes = {Size{1536, 1024}, Size{1024, 1536}, Size{1024, 1024}};
constexpr std::array kDallE3Sizes = {Size{1792, 1024}, Size{1024, 1792}, Size{1024, 1024}};
constexpr std::array kDallE2Sizes = {Size{256, 256}, Size{512, 512}, Size{1024, 1024}};

bool is_gpt_image(std::string_view model) {
    return model.starts_with("gpt-image-");
}

std::string to_text(Size size) {
    return std::to_string(size.width) + "x" + std::to_string(size.height);
}

template <std::size_t N>
Size nearest_aspect(const std::array<Size, N>& sizes, int width, int height) {
    const double wanted = std::log(static_cast<double>(width) / height);
    Size best = sizes.back();
    double best_error = INFINITY;
    for (const Size size : sizes) {
        const double error =
            std::abs(std::log(static_cast<double>(size.width) / size.height) - wanted);
        if (error < best_error) {
            best = size;
            best_error = error;
        }
    }
    return best;
}

std::string without_trailing_slashes(std::string url) {
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    return url;
}

}  // namespace

std::string openai_image_size(std::string_view model, int width, int height,
                              std::string_view fallback) {
    if (width <= 0 || height <= 0) {
        width = height = 1;
    }
    if (is_gpt_image(model)) {
        return to_text(nearest_aspect(kGptImageSizes, width, height));
    }
    if (model.starts_with("dall-e-3")) {
        return to_text(nearest_aspect(kDallE3Sizes, width, height));
    }
    if (model.starts_with("dall-e-2")) {
        for (const Size size : kDallE2Sizes) {
            if (size.width >= std::max(width, height)) {
                return to_text(size);
            }
        }
        return to_text(kDallE2Sizes.back());
    }
    return std::string(fallback);
}

bool sends_response_format(std::string_view model, ImageResponseFormat format) {
    switch (format) {
        case ImageResponseFormat::kB64Json:
            return true;
        case ImageResponseFormat::kOmit:
            return false;
        case ImageResponseFormat::kAuto:
            break;
    }
    return !is_gpt_image(model);
}

std::size_t openai_prompt_limit(std::string_view model) {
    if (is_gpt_image(model)) {
        return 32'000;
    }
    if (model.starts_with("dall-e-3")) {
        return 4'000;
    }
    if (model.starts_with("dall-e-2")) {
        return 1'000;
    }
    return 0;
}

OpenAiImageClient::OpenAiImageClient(OpenAiImageConfig config,
                                     std::shared_ptr<HttpTransport> transport, RetryEnv retry_env)
    : config_(std::move(config)),
      transport_(std::move(transport)),
      retry_env_(std::move(retry_env)) {
    config_.base_url = without_trailing_slashes(std::move(config_.base_url));
}

std::chrono::steady_clock::time_point OpenAiImageClient::now() const {
    return retry_env_.now ? retry_env_.now() : std::chrono::steady_clock::now();
}

std::string OpenAiImageClient::build_body(const core::ImageRequest& request) const {
    Json body = {{"model", config_.model},
                 {"prompt", clip_prompt(request.prompt, openai_prompt_limit(config_.model))},
                 {"n", 1},
                 {"size", openai_image_size(config_.model, request.width, request.height,
                                            config_.default_size)}};
    if (sends_response_format(config_.model, config_.response_format)) {
        body["response_format"] = "b64_json";
    }
    if (is_gpt_image(config_.model)) {
        body["output_format"] = "png";  // never webp, which the checks refuse
    }
    return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

AttemptResult OpenAiImageClient::attempt(const core::ImageRequest& request, const std::string& body,
                                         std::chrono::steady_clock::time_point deadline,
                                         const std::stop_token& stop, core::GeneratedImage& out,
                                         std::string& url) const {
    const ErrorContext context{"openai", config_.model, config_.api_key};
    HttpRequest http;
    http.url = config_.base_url + "/images/generations";
    http.body = body;
    http.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
    if (!config_.api_key.empty()) {
        http.headers.emplace_back("Authorization", "Bearer " + config_.api_key);
    }
    if (!request.agent.empty()) {
        http.headers.emplace_back("X-Content-Swarm-Agent", request.agent);
    }
    http.max_response_bytes = json_limit_for(config_.limits);
    apply_image_timeouts(http, config_.timeouts, deadline, now());
    auto answer = exchange_whole(*transport_, http, context, stop);
    if (!answer.body) {
        return std::move(answer.failure);
    }
    const Json doc = Json::parse(*answer.body, nullptr, false);
    const auto data = doc.is_object() ? doc.find("data") : doc.end();
    if (doc.is_discarded() || !doc.is_object() || data == doc.end() || !data->is_array() ||
        data->empty() || !data->front().is_object()) {
        return final_error(context, core::ErrorCode::kUpstream,
                           "answer has no data[0] object: " + clip_text(*answer.body, 200), false);
    }
    const Json& first = data->front();
    if (const std::string b64 = std::string(llm::json::string_member(first, "b64_json"));
        !b64.empty()) {
        return accept_base64_image(context, b64, config_.limits, out);
    }
    url = std::string(llm::json::string_member(first, "url"));
    if (url.empty()) {
        return final_error(context, core::ErrorCode::kUpstream,
                           "data[0] has neither b64_json nor url", false);
    }
    return image_attempt_done();
}

core::Result<core::GeneratedImage> OpenAiImageClient::generate(const core::ImageRequest& request,
                                                               std::stop_token stop) {
    if (auto invalid = validate_image_call(request, transport_.get())) {
        return tl::unexpected(std::move(*invalid));
    }
    const std::string body = build_body(request);
    const auto deadline = image_deadline(request, config_.timeouts.total, now());
    std::string url;
    auto image = call_image_with_retries(
        config_.retry,
        [&](core::GeneratedImage& out) {
            url.clear();
            return attempt(request, body, deadline, stop, out, url);
        },
        stop, deadline, retry_env_);
    if (!image || url.empty()) {
        return image;
    }
    // The link is valid for a while: download it with retries of its own, not a new generation.
    const ErrorContext context{"openai", config_.model, config_.api_key};
    return call_image_with_retries(
        config_.retry,
        [&](core::GeneratedImage& out) {
            return download_image(*transport_, url, context, config_.limits, config_.timeouts,
                                  deadline, now(), stop, out);
        },
        stop, deadline, retry_env_);
}

}  // namespace swarm::llm
