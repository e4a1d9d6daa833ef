// Which image model the designer may ask (none by default): resolved from CONTENT_SWARM_IMAGE_*
// environment variables, reusing the LLM settings' readers and AWS credential handling.
#pragma once

#include "app/llm_settings.hpp"
#include "core/ports/image_model.hpp"
#include "core/result.hpp"
#include "llm/http_transport.hpp"
#include "llm/image_client_factory.hpp"

#include <memory>
#include <optional>
#include <string>

namespace swarm::app {

/// Everything the variables resolve to; no client is built yet.
struct ImageSettings {
    std::optional<llm::ImageProviderConfig> model;  // nullopt: no image model

    /// "none", or e.g. "openai/gpt-image-1 (https://api.openai.com/v1)", "bedrock/amazon.nova-
    /// canvas-v1:0 (us-east-1)". Never a key.
    std::string description() const;
};

/// Reads CONTENT_SWARM_IMAGE_PROVIDER (none | openai | bedrock; default none), _MODEL (default
/// gpt-image-1 / amazon.nova-canvas-v1:0), _BASE_URL, _API_KEY, _REGION (else AWS_REGION, else
/// AWS_DEFAULT_REGION), _SIZE (openai, models without a known size set; default 1024x1024),
/// _TIMEOUT_SECONDS (default 180), _MAX_RETRIES (default 2), _MAX_BYTES (default 20 MiB), and
/// for bedrock the AWS credentials like the language models (AWS_ACCESS_KEY_ID, ...,
/// AWS_BEARER_TOKEN_BEDROCK). The API key falls back to CONTENT_SWARM_LLM_API_KEY only when
/// CONTENT_SWARM_LLM_PROVIDER names the same provider and the base URLs are the same, so a key
/// never reaches another server. Errors: kInvalidArgument, field = the variable at fault.
core::Result<ImageSettings> load_image_settings(const EnvLookup& env);

/// The client, or null when no image model is configured. A null transport is replaced by a
/// CurlTransport when one is needed.
core::Result<std::shared_ptr<core::ImageModel>> make_image_model(
    const ImageSettings& settings, std::shared_ptr<llm::HttpTransport> transport);

/// load_image_settings + make_image_model, with the description for the start-up log.
struct ImageSetup {
    std::shared_ptr<core::ImageModel> model;  // null: none configured
    std::string description;
};

core::Result<ImageSetup> configure_image_model(
    const EnvLookup& env, std::shared_ptr<llm::HttpTransport> transport = nullptr);

}  // namespace swarm::app
