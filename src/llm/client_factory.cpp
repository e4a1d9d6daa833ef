#include "llm/client_factory.hpp"

#include "llm/anthropic_client.hpp"
#include "llm/bedrock_client.hpp"
#include "llm/openai_client.hpp"

#include <utility>

namespace swarm::llm {
namespace {

using core::ErrorCode;

tl::unexpected<core::Error> missing(const std::string& field, const std::string& provider) {
    return core::fail(ErrorCode::kInvalidArgument, "required for provider " + provider, field);
}

std::shared_ptr<core::LlmClient> make_bedrock(const ProviderConfig& config,
                                              std::shared_ptr<HttpTransport> transport,
                                              std::shared_ptr<const PriceTable> prices) {
    BedrockConfig bedrock;
    bedrock.region = config.region;
    bedrock.model_id = config.model;
    bedrock.endpoint = config.base_url;
    bedrock.access_key_id = config.aws_access_key_id;
    bedrock.secret_access_key = config.aws_secret_access_key;
    bedrock.session_token = config.aws_session_token;
    bedrock.bearer_token = config.api_key;
    bedrock.timeouts = config.timeouts;
    bedrock.retry = config.retry;
    bedrock.prices = std::move(prices);
    return std::make_shared<BedrockClient>(std::move(bedrock), std::move(transport),
                                           config.retry_env);
}

core::Result<std::shared_ptr<core::LlmClient>> make_bedrock_checked(
    const ProviderConfig& config, std::shared_ptr<HttpTransport> transport,
    std::shared_ptr<const PriceTable> prices) {
    if (config.region.empty()) {
        return missing("region", "bedrock");
    }
    if (config.api_key.empty()) {
        if (config.aws_access_key_id.empty()) {
            return core::fail(ErrorCode::kInvalidArgument,
                              "required for provider bedrock unless a Bedrock API key is set",
                              "aws_access_key_id");
        }
        if (config.aws_secret_access_key.empty()) {
            return missing("aws_secret_access_key", "bedrock");
        }
    }
    return make_bedrock(config, std::move(transport), std::move(prices));
}

}  // namespace

std::string ProviderConfig::sharing_key() const {
    // Length-prefixed so no two distinct configurations can produce the same key.
    std::string key;
    for (const std::string* part :
         {&provider, &base_url, &model, &api_key, &region, &aws_access_key_id,
          &aws_secret_access_key, &aws_session_token}) {
        key += std::to_string(part->size()) + ":" + *part + "|";
    }
    key += std::to_string(timeouts.connect.count()) + "|" + std::to_string(timeouts.idle.count()) +
           "|" + std::to_string(timeouts.total.count()) + "|" + std::to_string(retry.max_retries);
    return key;
}

std::string ProviderConfig::label() const {
    return provider + "/" + model;
}

core::Result<std::shared_ptr<core::LlmClient>> make_llm_client(
    const ProviderConfig& config, std::shared_ptr<HttpTransport> transport,
    std::shared_ptr<const PriceTable> prices) {
    if (!transport) {
        return core::fail(ErrorCode::kInvalidArgument, "an HTTP transport is required",
                          "transport");
    }
    if (config.model.empty()) {
        return missing("model", config.provider.empty() ? "(none)" : config.provider);
    }
    if (config.provider == "openai") {
        OpenAiConfig openai;
        openai.base_url =
            config.base_url.empty() ? std::string(kDefaultOpenAiBaseUrl) : config.base_url;
        openai.model = config.model;
        openai.api_key = config.api_key;
        openai.timeouts = config.timeouts;
        openai.retry = config.retry;
        openai.prices = std::move(prices);
        return std::make_shared<OpenAiClient>(std::move(openai), std::move(transport),
                                              config.retry_env);
    }
    if (config.provider == "anthropic") {
        if (config.api_key.empty()) {
            return missing("api_key", "anthropic");
        }
        AnthropicConfig anthropic;
        anthropic.base_url =
            config.base_url.empty() ? std::string(kDefaultAnthropicBaseUrl) : config.base_url;
        anthropic.model = config.model;
        anthropic.api_key = config.api_key;
        anthropic.timeouts = config.timeouts;
        anthropic.retry = config.retry;
        anthropic.prices = std::move(prices);
        return std::make_shared<AnthropicClient>(std::move(anthropic), std::move(transport),
                                                 config.retry_env);
    }
    if (config.provider == "bedrock") {
        return make_bedrock_checked(config, std::move(transport), std::move(prices));
    }
    return core::fail(ErrorCode::kInvalidArgument,
                      "is \"" + config.provider + "\"; allowed: openai, anthropic, bedrock",
                      "provider");
}

}  // namespace swarm::llm
