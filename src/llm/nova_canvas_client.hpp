// core::ImageModel for Amazon Nova Canvas on Bedrock (InvokeModel, TEXT_IMAGE): asks for the
// nearest size the model accepts, signs like BedrockClient, checks the base64 PNG it returns.
#pragma once

#include "core/ports/image_model.hpp"
#include "llm/bedrock_client.hpp"
#include "llm/image_check.hpp"
#include "llm/image_exchange.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

namespace swarm::llm {

inline constexpr std::string_view kDefaultNovaCanvasModel = "amazon.nova-canvas-v1:0";

// Nova Canvas resolution rules (Nova user guide): each side a multiple of 16 from 320 to 4096,
// at most 4,194,304 pixels, aspect ratio from 1:4 to 4:1. Old system failure F17: 1200x627.
inline constexpr int kNovaStep = 16;
inline constexpr int kNovaMinSide = 320;
inline constexpr int kNovaMaxSide = 4096;
inline constexpr std::int64_t kNovaMaxPixels = 4'194'304;
inline constexpr int kNovaMaxAspect = 4;
inline constexpr std::int64_t kNovaMaxSeed = 858'993'459;

struct NovaCanvasConfig {
    NovaCanvasConfig();

    /// Region, model id, endpoint override, credentials (SigV4 or API key), timeouts, retries.
    /// Its prices and max_response_bytes are not used here.
    BedrockConfig bedrock;
    std::string quality = "standard";  // or "premium"
    double cfg_scale = 6.5;
    std::string negative_text = "text, letters, watermark, logo";
    /// nullopt: derived from the prompt (FNV-1a), so the same prompt draws the same picture.
    std::optional<std::int64_t> seed;
    ImageLimits limits;
};

struct ImageSize {
    int width = 0;
    int height = 0;
    friend bool operator==(const ImageSize&, const ImageSize&) = default;
};

/// True when Nova Canvas accepts width x height (the rules above).
bool is_valid_nova_canvas_size(int width, int height);

/// The valid size nearest to a wanted one. Rule: clamp the aspect ratio to 1:4..4:1 (keeping the
/// area); scale down to at most 4,194,304 pixels and 4096 px a side, or up to 320 px a side;
/// then round each side down and up to a multiple of 16 and, of the (at most four) combinations
/// that are valid, take the one closest in aspect ratio (ties: closest in area). So 1200x627 →
/// 1200x624, 1200x675 → 1200x672, 1920x1080 → 1920x1088, 5000x5000 → 2048x2048. Always valid;
/// non-positive inputs count as 1.
ImageSize nova_canvas_size(int width, int height);

/// Thread-safe: generate() keeps no state between calls.
class NovaCanvasClient final : public core::ImageModel {
public:
    NovaCanvasClient(NovaCanvasConfig config, std::shared_ptr<HttpTransport> transport,
                     RetryEnv retry_env = {});

    /// Retries throttling, 5xx and connection failures within the deadline; a refusal (the
    /// answer's "error", e.g. the content filter) or a payload that is not an image is kUpstream.
    core::Result<core::GeneratedImage> generate(const core::ImageRequest& request,
                                                std::stop_token stop) override;

    std::string describe() const override { return "bedrock/" + config_.bedrock.model_id; }

    /// {endpoint}/model/{percent-encoded model id}/invoke.
    std::string url() const;

    /// The InvokeModel body for a request (size already snapped; request-shape tests).
    std::string build_body(const core::ImageRequest& request) const;

private:
    AttemptResult attempt(const HttpRequest& prepared,
                          std::chrono::steady_clock::time_point deadline,
                          const std::stop_token& stop, core::GeneratedImage& out) const;

    std::chrono::steady_clock::time_point now() const;

    NovaCanvasConfig config_;
    std::shared_ptr<HttpTransport> transport_;
    RetryEnv retry_env_;
};

/// The seed used when none is configured: FNV-1a of the prompt modulo kNovaMaxSeed + 1.
std::int64_t nova_seed_for(std::string_view prompt);

}  // namespace swarm::llm
