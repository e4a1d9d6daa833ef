#include "llm/image_client_factory.hpp"

#include "llm/nova_canvas_client.hpp"
#include "llm/openai_image_client.hpp"

#include <charconv>
#include <utility>

namespace swarm::llm {
namespace {

using core::ErrorCode;

std::optional<int> parse_side(std::string_view text) {
    int value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || value < 1 || value > 8192) {
        return std::nullopt;
    }
    return value;
}

std::string model_or_default(const ImageProviderConfig& config) {
    if (!config.connection.model.empty()) {
        return config.connection.model;
    }
    return std::string(config.connection.provider == "bedrock" ? kDefaultNovaCanvasModel
                                                               : kDefaultOpenAiImageModel);
}

core::Result<std::shared_ptr<core::ImageModel>> make_nova(
    const ImageProviderConfig& config, std::shared_ptr<HttpTransport> transport) {
    const ProviderConfig& c = config.connection;
    if (c.region.empty()) {
        return core::fail(ErrorCode::kInvalidArgument, "required for image provider bedrock",
                          "region");
    }
    if (c.api_key.empty() && c.aws_access_key_id.empty()) {
        return core::fail(ErrorCode::kInvalidArgument,
                          "required for image provider bedrock unless a Bedrock API key is set",
                          "aws_access_key_id");
    }
    if (c.api_key.empty() && c.aws_secret_access_key.empty()) {
        return core::fail(ErrorCode::kInvalidArgument, "required for image provider bedrock",
                          "aws_secret_access_key");
    }
    NovaCanvasConfig nova;
    nova.bedrock.region = c.region;
    nova.bedrock.model_id = model_or_default(config);
    nova.bedrock.endpoint = c.base_url;
    nova.bedrock.access_key_id = c.aws_access_key_id;
    nova.bedrock.secret_access_key = c.aws_secret_access_key;
    nova.bedrock.session_token = c.aws_session_token;
    nova.bedrock.bearer_token = c.api_key;
    nova.bedrock.timeouts = c.timeouts;
    nova.bedrock.retry = c.retry;
    nova.limits = config.limits;
    return std::make_shared<NovaCanvasClient>(std::move(nova), std::move(transport), c.retry_env);
}

}  // namespace

std::string ImageProviderConfig::label() const {
    return connection.provider + "/" + model_or_default(*this);
}

std::optional<std::pair<int, int>> parse_image_size(std::string_view text) {
    const auto x = text.find('x');
    if (x == std::string_view::npos) {
        return std::nullopt;
    }
    const auto width = parse_side(text.substr(0, x));
    const auto height = parse_side(text.substr(x + 1));
    if (!width || !height) {
        return std::nullopt;
    }
    return std::pair{*width, *height};
}

core::Result<std::shared_ptr<core::ImageModel>> make_image_model(
    const ImageProviderConfig& config, std::shared_ptr<HttpTransport> transport) {
    if (!transport) {
        return core::fail(ErrorCode::kInvalidArgument, "an HTTP transport is required",
                          "transport");
    }
    const ProviderConfig& c = config.connection;
    if (c.provider == "bedrock") {
        return make_nova(config, std::move(transport));
    }
    if (c.provider != "openai") {
        return core::fail(ErrorCode::kInvalidArgument,
                          "is \"" + c.provider + "\"; allowed: openai, bedrock", "provider");
    }
    if (!parse_image_size(config.default_size)) {
        return core::fail(ErrorCode::kInvalidArgument,
                          "is \"" + config.default_size + "\"; must be WIDTHxHEIGHT",
                          "default_size");
    }
    OpenAiImageConfig openai;
    openai.base_url = c.base_url.empty() ? std::string(kDefaultOpenAiBaseUrl) : c.base_url;
    openai.model = model_or_default(config);
    openai.api_key = c.api_key;
    openai.default_size = config.default_size;
    openai.timeouts = c.timeouts;
    openai.retry = c.retry;
    openai.limits = config.limits;
    return std::make_shared<OpenAiImageClient>(std::move(openai), std::move(transport),
                                               c.retry_env);
}

}  // namespace swarm::llm
