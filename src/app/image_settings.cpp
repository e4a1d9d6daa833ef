#include "app/image_settings.hpp"

#include "app/llm_settings_sources.hpp"
#include "llm/curl_transport.hpp"
#include "llm/image_exchange.hpp"

#include <array>
#include <cmath>
#include <utility>

namespace swarm::app {
namespace {

using llm_settings_detail::apply_aws_env;
using llm_settings_detail::choice;
using llm_settings_detail::env_aws_region;
using llm_settings_detail::env_value;
using llm_settings_detail::invalid;
using llm_settings_detail::loggable_url;
using llm_settings_detail::Opt;
using llm_settings_detail::parse_integer;
using llm_settings_detail::parse_number;

constexpr std::array<std::string_view, 3> kImageProviders = {"none", "openai", "bedrock"};
constexpr std::string_view kPrefix = "CONTENT_SWARM_IMAGE_";

std::string var(std::string_view name) {
    return std::string(kPrefix) + std::string(name);
}

std::string text_of(const Opt& value) {
    return value ? value->value : std::string();
}

/// The image base URL as the provider would use it (openai: the default when unset).
std::string resolved_base_url(const std::string& provider, const std::string& base_url) {
    if (base_url.empty() && provider == "openai") {
        return std::string(llm::kDefaultOpenAiBaseUrl);
    }
    return base_url;
}

/// CONTENT_SWARM_IMAGE_API_KEY, else the LLM key when it was meant for the same server.
std::string api_key_for(const EnvLookup& env, const llm::ProviderConfig& config) {
    if (const Opt own = env_value(env, var("API_KEY"))) {
        return own->value;
    }
    const Opt llm_provider = env_value(env, "CONTENT_SWARM_LLM_PROVIDER");
    if (!llm_provider || llm_provider->value != config.provider) {
        return {};
    }
    const std::string llm_url =
        resolved_base_url(config.provider, text_of(env_value(env, "CONTENT_SWARM_LLM_BASE_URL")));
    if (llm_url != resolved_base_url(config.provider, config.base_url)) {
        return {};
    }
    return text_of(env_value(env, "CONTENT_SWARM_LLM_API_KEY"));
}

core::Result<void> apply_knobs(const EnvLookup& env, llm::ImageProviderConfig& config) {
    auto timeout = parse_number(env_value(env, var("TIMEOUT_SECONDS")), 1, 3'600);
    auto retries = parse_integer(env_value(env, var("MAX_RETRIES")), 0, 10);
    auto max_bytes = parse_integer(env_value(env, var("MAX_BYTES")), 1'024, 100 << 20);
    for (const core::Error* error :
         {timeout ? nullptr : &timeout.error(), retries ? nullptr : &retries.error(),
          max_bytes ? nullptr : &max_bytes.error()}) {
        if (error != nullptr) {
            return tl::unexpected(*error);
        }
    }
    auto& c = config.connection;
    c.timeouts = llm::kDefaultImageTimeouts;
    if (*timeout) {
        c.timeouts.total = std::chrono::milliseconds(std::llround(**timeout * 1000));
        c.timeouts.idle = c.timeouts.total;
    }
    c.retry.max_retries = static_cast<int>(retries->value_or(c.retry.max_retries));
    config.limits.max_bytes =
        static_cast<std::size_t>(max_bytes->value_or(llm::kDefaultMaxImageBytes));
    if (const Opt size = env_value(env, var("SIZE"))) {
        if (!llm::parse_image_size(size->value)) {
            return invalid(size->source,
                           "is \"" + size->value + "\"; must be WIDTHxHEIGHT, e.g. 1024x1024");
        }
        config.default_size = size->value;
    }
    return {};
}

core::Result<void> check_bedrock_needs(const llm::ProviderConfig& config) {
    const std::string needed = "required for image provider bedrock";
    if (config.region.empty()) {
        return invalid(var("REGION"), needed + " (or AWS_REGION, or AWS_DEFAULT_REGION)");
    }
    if (config.api_key.empty() && config.aws_access_key_id.empty()) {
        return invalid("AWS_ACCESS_KEY_ID", needed + " unless a Bedrock API key is set (" +
                                                var("API_KEY") + " or AWS_BEARER_TOKEN_BEDROCK)");
    }
    if (config.api_key.empty() && config.aws_secret_access_key.empty()) {
        return invalid("AWS_SECRET_ACCESS_KEY", needed);
    }
    return {};
}

}  // namespace

std::string ImageSettings::description() const {
    if (!model) {
        return "none";
    }
    const auto& c = model->connection;
    if (c.provider == "bedrock") {
        return model->label() + " (" + c.region +
               (c.base_url.empty() ? "" : ", " + loggable_url(c.base_url)) + ")";
    }
    return model->label() + " (" + loggable_url(c.base_url) + ")";
}

core::Result<ImageSettings> load_image_settings(const EnvLookup& env) {
    SWARM_TRY_ASSIGN(auto provider, choice(env_value(env, var("PROVIDER")), kImageProviders));
    const Opt model = env_value(env, var("MODEL"));
    ImageSettings settings;
    if (!provider) {
        if (model) {
            return invalid(var("PROVIDER"), "required when " + model->source +
                                                " is set; allowed: none, openai, bedrock");
        }
        return settings;
    }
    if (provider->value == "none") {
        return settings;
    }
    llm::ImageProviderConfig config;
    auto& c = config.connection;
    c.provider = provider->value;
    c.model = text_of(model);
    c.base_url = text_of(env_value(env, var("BASE_URL")));
    if (!c.base_url.empty() && !c.base_url.starts_with("http://") &&
        !c.base_url.starts_with("https://")) {
        return invalid(var("BASE_URL"), "is \"" + llm::url_for_messages(c.base_url) +
                                            "\"; must start with http:// or https://");
    }
    c.api_key = api_key_for(env, c);
    SWARM_TRY(apply_knobs(env, config));
    if (c.provider == "openai") {
        c.base_url = resolved_base_url(c.provider, c.base_url);
    } else {
        const Opt region = env_value(env, var("REGION"));
        c.region = text_of(region ? region : env_aws_region(env));
        apply_aws_env(c, env);
        SWARM_TRY(check_bedrock_needs(c));
    }
    settings.model = std::move(config);
    return settings;
}

core::Result<std::shared_ptr<core::ImageModel>> make_image_model(
    const ImageSettings& settings, std::shared_ptr<llm::HttpTransport> transport) {
    if (!settings.model) {
        return std::shared_ptr<core::ImageModel>();
    }
    if (!transport) {
        transport = std::make_shared<llm::CurlTransport>();
    }
    auto made = llm::make_image_model(*settings.model, std::move(transport));
    if (!made) {
        core::Error error = made.error();
        error.field = "image." + error.field;
        return tl::unexpected(std::move(error));
    }
    return made;
}

core::Result<ImageSetup> configure_image_model(const EnvLookup& env,
                                               std::shared_ptr<llm::HttpTransport> transport) {
    SWARM_TRY_ASSIGN(auto settings, load_image_settings(env));
    SWARM_TRY_ASSIGN(auto model, make_image_model(settings, std::move(transport)));
    return ImageSetup{std::move(model), settings.description()};
}

}  // namespace swarm::app
