// Builds one core::ImageModel (OpenAI-compatible images or Bedrock Nova Canvas) from the same
// provider-neutral connection settings the language models use, plus the image-only knobs.
#pragma once

#include "core/ports/image_model.hpp"
#include "core/result.hpp"
#include "llm/client_factory.hpp"
#include "llm/http_transport.hpp"
#include "llm/image_check.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace swarm::llm {

inline constexpr std::string_view kDefaultOpenAiImageModel = "gpt-image-1";

struct ImageProviderConfig {
    /// provider "openai" or "bedrock"; model empty: gpt-image-1 / amazon.nova-canvas-v1:0;
    /// base_url, api_key, region and AWS credentials as for the language models.
    ProviderConfig connection;
    std::string default_size = "1024x1024";  // openai: models without a known size set
    ImageLimits limits;

    /// "openai/gpt-image-1" for logs; never a key.
    std::string label() const;
};

/// Fills the provider's default model, validates what it needs (kInvalidArgument naming the
/// field: provider, region, aws_access_key_id, aws_secret_access_key, default_size) and builds
/// the client.
core::Result<std::shared_ptr<core::ImageModel>> make_image_model(
    const ImageProviderConfig& config, std::shared_ptr<HttpTransport> transport);

/// "WxH" with both sides from 1 to 8192, e.g. "1024x1024"; nullopt otherwise.
std::optional<std::pair<int, int>> parse_image_size(std::string_view text);

}  // namespace swarm::llm
