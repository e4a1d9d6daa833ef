#include "llm/nova_canvas_client.hpp"

#include "llm/provider_errors.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <nlohmann/json.hpp>

namespace swarm::llm {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kNovaPromptLimit = 1'024;  // characters, text and negativeText alike

int clamp_side(int side) {
    return std::clamp(side, kNovaMinSide, kNovaMaxSide);
}

/// The best valid size with sides in [low, high] (multiples of 16), by aspect then area.
std::optional<ImageSize> best_in_box(int w_low, int w_high, int h_low, int h_high,
                                     double log_aspect, double area) {
    std::optional<ImageSize> best;
    double best_aspect = INFINITY;
    double best_area = INFINITY;
    for (int w = w_low; w <= w_high; w += kNovaStep) {
        for (int h = h_low; h <= h_high; h += kNovaStep) {
            if (!is_valid_nova_canvas_size(w, h)) {
                continue;
            }
            const double aspect_error = std::abs(std::log(static_cast<double>(w) / h) - log_aspect);
            const double area_error = std::abs(static_cast<double>(w) * h - area);
            // Aspect errors closer than 1e-12 are ties (floating-point noise).
            if (aspect_error < best_aspect - 1e-12 ||
                (aspect_error <= best_aspect + 1e-12 && area_error < best_area)) {
                best = ImageSize{w, h};
                best_aspect = aspect_error;
                best_area = area_error;
            }
        }
    }
    return best;
}

}  // namespace

bool is_valid_nova_canvas_size(int width, int height) {
    const auto in_range = [](int side) {
        return side >= kNovaMinSide && side <= kNovaMaxSide && side % kNovaStep == 0;
    };
    return in_range(width) && in_range(height) && std::int64_t{width} * height <= kNovaMaxPixels &&
           std::int64_t{width} <= std::int64_t{kNovaMaxAspect} * height &&
           std::int64_t{height} <= std::int64_t{kNovaMaxAspect} * width;
}

ImageSize nova_canvas_size(int width, int height) {
    double w = std::clamp(width, 1, 1'000'000);
    double h = std::clamp(height, 1, 1'000'000);
    const double aspect = std::clamp(w / h, 1.0 / kNovaMaxAspect, double{kNovaMaxAspect});
    if (aspect != w / h) {  // keep the area, take the nearest allowed aspect
        const double area = w * h;
        w = std::sqrt(area * aspect);
        h = std::sqrt(area / aspect);
    }
    double scale = 1.0;
    if (w * h > static_cast<double>(kNovaMaxPixels)) {
        scale = std::sqrt(static_cast<double>(kNovaMaxPixels) / (w * h));
    }
    scale = std::min(scale, kNovaMaxSide / std::max(w, h));
    scale = std::max(scale, kNovaMinSide / std::min(w, h));
    if (scale != 1.0) {
        w *= scale;
        h *= scale;
    }
    const double log_aspect = std::log(aspect);
    const auto floor16 = [](double side) {
        return clamp_side(static_cast<int>(std::floor(side / kNovaStep)) * kNovaStep);
    };
    const auto ceil16 = [](double side) {
        return clamp_side(static_cast<int>(std::ceil(side / kNovaStep)) * kNovaStep);
    };
    // The floor/ceil box; widened step by step in the rare case none of its corners is valid.
    for (int ring = 0; ring <= kNovaMaxSide / kNovaStep; ++ring) {
        const int spread = ring * kNovaStep;
        if (auto best = best_in_box(clamp_side(floor16(w) - spread), clamp_side(ceil16(w) + spread),
                                    clamp_side(floor16(h) - spread), clamp_side(ceil16(h) + spread),
                                    log_aspect, w * h)) {
            return *best;
        }
    }
    return ImageSize{1024, 1024};  // unreachable: the widest box holds valid sizes
}

std::int64_t nova_seed_for(std::string_view prompt) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const char c : prompt) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return static_cast<std::int64_t>(hash % static_cast<std::uint64_t>(kNovaMaxSeed + 1));
}

NovaCanvasConfig::NovaCanvasConfig() {
    bedrock.model_id = std::string(kDefaultNovaCanvasModel);
    bedrock.timeouts = kDefaultImageTimeouts;
}

NovaCanvasClient::NovaCanvasClient(NovaCanvasConfig config,
                                   std::shared_ptr<HttpTransport> transport, RetryEnv retry_env)
    : config_(std::move(config)),
      transport_(std::move(transport)),
      retry_env_(std::move(retry_env)) {
    if (config_.bedrock.model_id.empty()) {
        config_.bedrock.model_id = std::string(kDefaultNovaCanvasModel);
    }
}

std::chrono::steady_clock::time_point NovaCanvasClient::now() const {
    return retry_env_.now ? retry_env_.now() : std::chrono::steady_clock::now();
}

std::string NovaCanvasClient::url() const {
    return bedrock_endpoint(config_.bedrock) + "/model/" +
           percent_encode_path_segment(config_.bedrock.model_id) + "/invoke";
}

std::string NovaCanvasClient::build_body(const core::ImageRequest& request) const {
    const ImageSize size = nova_canvas_size(request.width, request.height);
    Json text_params = {{"text", clip_prompt(request.prompt, kNovaPromptLimit)}};
    if (!config_.negative_text.empty()) {
        text_params["negativeText"] = clip_prompt(config_.negative_text, kNovaPromptLimit);
    }
    const std::int64_t seed = std::clamp<std::int64_t>(
        config_.seed.value_or(nova_seed_for(request.prompt)), 0, kNovaMaxSeed);
    const Json body = {{"taskType", "TEXT_IMAGE"},
                       {"textToImageParams", std::move(text_params)},
                       {"imageGenerationConfig",
                        {{"numberOfImages", 1},
                         {"width", size.width},
                         {"height", size.height},
                         {"quality", config_.quality},
                         {"cfgScale", config_.cfg_scale},
                         {"seed", seed}}}};
    return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

AttemptResult NovaCanvasClient::attempt(const HttpRequest& prepared,
                                        std::chrono::steady_clock::time_point deadline,
                                        const std::stop_token& stop,
                                        core::GeneratedImage& out) const {
    const ErrorContext context = bedrock_error_context(config_.bedrock);
    HttpRequest http = prepared;
    apply_image_timeouts(http, config_.bedrock.timeouts, deadline, now());
    auto answer = exchange_whole(*transport_, http, context, stop, classify_bedrock_http_error);
    if (!answer.body) {
        return std::move(answer.failure);
    }
    const Json json = Json::parse(*answer.body, nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        return final_error(context, core::ErrorCode::kUpstream,
                           "answer is not a JSON object: " + clip_text(*answer.body, 200), false);
    }
    if (const auto error = json.find("error");
        error != json.end() && error->is_string() && !error->get<std::string>().empty()) {
        return final_error(context, core::ErrorCode::kUpstream,
                           "refused: " + clip_text(error->get<std::string>()), false);
    }
    const auto images = json.find("images");
    if (images == json.end() || !images->is_array() || images->empty() ||
        !images->front().is_string()) {
        return final_error(context, core::ErrorCode::kUpstream, "answer has no images[0]", false);
    }
    return accept_base64_image(context, images->front().get_ref<const std::string&>(),
                               config_.limits, out);
}

core::Result<core::GeneratedImage> NovaCanvasClient::generate(const core::ImageRequest& request,
                                                              std::stop_token stop) {
    if (auto invalid = validate_image_call(request, transport_.get())) {
        return tl::unexpected(std::move(*invalid));
    }
    HttpRequest http;
    http.url = url();
    http.body = build_body(request);
    http.headers = {{"content-type", "application/json"}, {"accept", "application/json"}};
    if (!request.agent.empty()) {
        http.headers.emplace_back("X-Content-Swarm-Agent", request.agent);
    }
    http.max_response_bytes = json_limit_for(config_.limits);
    SWARM_TRY(apply_bedrock_auth(http, config_.bedrock));
    const auto deadline = image_deadline(request, config_.bedrock.timeouts.total, now());
    auto image = call_image_with_retries(
        config_.bedrock.retry,
        [&](core::GeneratedImage& out) { return attempt(http, deadline, stop, out); }, stop,
        deadline, retry_env_);
    if (!image) {
        scrub_bedrock_credentials(image.error(), config_.bedrock);
    }
    return image;
}

}  // namespace swarm::llm
