// core::ImageModel for OpenAI-compatible image generation: POST {base_url}/images/generations,
// answered with data[0].b64_json or data[0].url (downloaded), checked as a real PNG/JPEG.
#pragma once

#include "core/ports/image_model.hpp"
#include "llm/http_transport.hpp"
#include "llm/image_check.hpp"
#include "llm/image_exchange.hpp"
#include "llm/retry_policy.hpp"

#include <memory>
#include <stop_token>
#include <string>
#include <string_view>

namespace swarm::llm {

/// kAuto: omitted for gpt-image-* (always base64, the parameter is refused), b64_json otherwise.
enum class ImageResponseFormat { kAuto, kB64Json, kOmit };

struct OpenAiImageConfig {
    std::string base_url = "https://api.openai.com/v1";  // a trailing '/' is ignored
    std::string model = "gpt-image-1";
    std::string api_key;  // empty: no Authorization header (local servers)
    /// The size asked of models this client does not know (not gpt-image-*, dall-e-2/3).
    std::string default_size = "1024x1024";
    ImageResponseFormat response_format = ImageResponseFormat::kAuto;
    CallTimeouts timeouts = kDefaultImageTimeouts;
    RetryPolicy retry;
    ImageLimits limits;
};

/// Thread-safe: generate() keeps no state between calls.
class OpenAiImageClient final : public core::ImageModel {
public:
    OpenAiImageClient(OpenAiImageConfig config, std::shared_ptr<HttpTransport> transport,
                      RetryEnv retry_env = {});

    /// Retries 408/409/429/5xx and connection failures (Retry-After honoured) within the
    /// deadline; an answer that is not a real image is kUpstream, not retried. A URL answer is
    /// downloaded with its own retries.
    core::Result<core::GeneratedImage> generate(const core::ImageRequest& request,
                                                std::stop_token stop) override;

    std::string describe() const override { return "openai/" + config_.model; }

    /// The JSON request body (request-shape tests).
    std::string build_body(const core::ImageRequest& request) const;

private:
    /// One generation; sets `url` instead of `out` when the server answered with a link.
    AttemptResult attempt(const core::ImageRequest& request, const std::string& body,
                          std::chrono::steady_clock::time_point deadline,
                          const std::stop_token& stop, core::GeneratedImage& out,
                          std::string& url) const;

    std::chrono::steady_clock::time_point now() const;

    OpenAiImageConfig config_;
    std::shared_ptr<HttpTransport> transport_;
    RetryEnv retry_env_;
};

/// The size an OpenAI model accepts that is nearest in aspect ratio to width x height:
/// gpt-image-*: 1536x1024, 1024x1536, 1024x1024; dall-e-3: 1792x1024, 1024x1792, 1024x1024;
/// dall-e-2: the smallest of 256x256, 512x512, 1024x1024 covering the longer side (else
/// 1024x1024); any other model: `fallback`.
std::string openai_image_size(std::string_view model, int width, int height,
                              std::string_view fallback);

/// Whether `response_format: b64_json` is sent to `model` under `format`.
bool sends_response_format(std::string_view model, ImageResponseFormat format);

/// Prompt length limits in characters (gpt-image 32000, dall-e-3 4000, dall-e-2 1000); 0: none.
std::size_t openai_prompt_limit(std::string_view model);

}  // namespace swarm::llm
