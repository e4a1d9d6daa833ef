#include "app/llm_settings.hpp"

#include "app/llm_settings_sources.hpp"
#include "llm/curl_transport.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>
#include <utility>

namespace swarm::app {
namespace {

using llm_settings_detail::agent_env;
using llm_settings_detail::apply_aws_env;
using llm_settings_detail::choice;
using llm_settings_detail::env_settings;
using llm_settings_detail::env_value;
using llm_settings_detail::file_settings;
using llm_settings_detail::invalid;
using llm_settings_detail::kModes;
using llm_settings_detail::kProviders;
using llm_settings_detail::kRoles;
using llm_settings_detail::loggable_url;
using llm_settings_detail::Opt;
using llm_settings_detail::parse_integer;
using llm_settings_detail::parse_number;
using llm_settings_detail::ProviderFields;
using llm_settings_detail::RawSettings;

// ---- resolution -------------------------------------------------------------------------------

ProviderFields merge(const ProviderFields& env, const ProviderFields& file) {
    const auto pick = [](const Opt& a, const Opt& b) {
        return a ? a : b;
    };
    return {pick(env.provider, file.provider), pick(env.base_url, file.base_url),
            pick(env.model, file.model), pick(env.api_key, file.api_key),
            pick(env.region, file.region)};
}

RawSettings merge(const RawSettings& env, const RawSettings& file) {
    RawSettings out = env;
    out.global = merge(env.global, file.global);
    for (std::size_t i = 0; i < kAgentCount; ++i) {
        out.agents[i] = merge(env.agents[i], file.agents[i]);
    }
    for (Opt RawSettings::*member :
         {&RawSettings::mode, &RawSettings::timeout_seconds, &RawSettings::max_retries,
          &RawSettings::prices, &RawSettings::max_tokens, &RawSettings::max_cost_usd,
          &RawSettings::max_seconds, &RawSettings::max_rewrites, &RawSettings::max_revisions,
          &RawSettings::critique_threshold}) {
        if (!(out.*member)) {
            out.*member = file.*member;
        }
    }
    return out;
}

/// Parses the merged knobs into `out` and the call settings every provider shares.
core::Result<void> apply_knobs(const RawSettings& raw, LlmSettings& out,
                               llm::ProviderConfig& call) {
    auto mode = choice(raw.mode, kModes);
    auto timeout = parse_number(raw.timeout_seconds, 1, 86'400);
    auto retries = parse_integer(raw.max_retries, 0, 10);
    auto tokens = parse_integer(raw.max_tokens, 0, INT64_MAX);
    auto cost = parse_number(raw.max_cost_usd, 0, 1e9);
    auto seconds = parse_integer(raw.max_seconds, 0, 31'536'000);
    auto rewrites = parse_integer(raw.max_rewrites, 0, 10);
    auto revisions = parse_integer(raw.max_revisions, 0, 10);
    auto threshold = parse_number(raw.critique_threshold, 0, 1);
    for (const core::Error* error :
         {mode ? nullptr : &mode.error(), timeout ? nullptr : &timeout.error(),
          retries ? nullptr : &retries.error(), tokens ? nullptr : &tokens.error(),
          cost ? nullptr : &cost.error(), seconds ? nullptr : &seconds.error(),
          rewrites ? nullptr : &rewrites.error(), revisions ? nullptr : &revisions.error(),
          threshold ? nullptr : &threshold.error()}) {
        if (error != nullptr) {
            return tl::unexpected(*error);
        }
    }
    if (*mode) {
        out.mode = *core::llm_mode_from_string((*mode)->value);
    }
    if (*timeout) {
        call.timeouts.total = std::chrono::milliseconds(std::llround(**timeout * 1000));
    }
    call.retry.max_retries = static_cast<int>(retries->value_or(call.retry.max_retries));
    out.budget.max_tokens = tokens->value_or(0);
    out.budget.max_cost_usd = cost->value_or(0);
    out.budget.max_wall = std::chrono::seconds(seconds->value_or(0));
    out.max_rewrites = static_cast<int>(rewrites->value_or(out.max_rewrites));
    out.max_revisions = static_cast<int>(revisions->value_or(out.max_revisions));
    out.critique_threshold = threshold->value_or(out.critique_threshold);
    if (raw.prices) {
        auto table = llm::PriceTable::parse(raw.prices->value);
        if (!table) {
            return invalid(raw.prices->source + " " + table.error().field, table.error().message);
        }
        out.prices = std::make_shared<const llm::PriceTable>(std::move(*table));
    }
    return {};
}

core::Result<void> check_provider_needs(const llm::ProviderConfig& config, const std::string& where,
                                        const std::string& who) {
    const std::string needed = "required for provider " + config.provider + who;
    if (!config.base_url.empty() && config.base_url.rfind("http://", 0) != 0 &&
        config.base_url.rfind("https://", 0) != 0) {
        return invalid(where + "BASE_URL",
                       "is \"" + config.base_url + "\"; must start with http:// or https://");
    }
    if (config.model.empty()) {
        return invalid(where + "MODEL", needed);
    }
    if (config.provider == "anthropic" && config.api_key.empty()) {
        return invalid(where + "API_KEY", needed);
    }
    if (config.provider != "bedrock") {
        return {};
    }
    if (config.region.empty()) {
        return invalid("AWS_REGION", needed + " (or AWS_DEFAULT_REGION, or region in the config)");
    }
    if (config.api_key.empty() && config.aws_access_key_id.empty()) {
        return invalid("AWS_ACCESS_KEY_ID", needed +
                                                " unless a Bedrock API key is set "
                                                "(AWS_BEARER_TOKEN_BEDROCK or " +
                                                where + "API_KEY)");
    }
    if (config.api_key.empty() && config.aws_secret_access_key.empty()) {
        return invalid("AWS_SECRET_ACCESS_KEY", needed);
    }
    return {};
}

/// The agent's own fields win; the global ones fill the gaps only when the agent keeps the global
/// provider (an OpenAI key or URL must never reach another provider). Region always inherits.
core::Result<std::optional<llm::ProviderConfig>> resolve_agent(std::size_t index,
                                                               const RawSettings& raw,
                                                               const EnvLookup& env,
                                                               const llm::ProviderConfig& call) {
    const ProviderFields& own = raw.agents[index];
    const ProviderFields& global = raw.global;
    SWARM_TRY_ASSIGN(auto provider,
                     choice(own.provider ? own.provider : global.provider, kProviders));
    if (!provider || provider->value == "offline") {
        return std::nullopt;
    }
    const bool inherit =
        !own.provider || (global.provider && global.provider->value == own.provider->value);
    const auto value = [&](Opt ProviderFields::*member) {
        const Opt& chosen = own.*member ? own.*member : (inherit ? global.*member : Opt{});
        return chosen ? chosen->value : std::string();
    };
    llm::ProviderConfig config = call;
    config.provider = provider->value;
    config.base_url = value(&ProviderFields::base_url);
    config.model = value(&ProviderFields::model);
    config.api_key = value(&ProviderFields::api_key);
    const Opt& region = own.region ? own.region : global.region;
    config.region = region ? region->value : std::string();
    if (config.provider == "openai" && config.base_url.empty()) {
        config.base_url = std::string(llm::kDefaultOpenAiBaseUrl);
    }
    if (config.provider == "bedrock") {
        apply_aws_env(config, env);
    }
    const core::AgentRole role = kRoles[index];
    const std::string where = own.provider ? agent_env(role, "") : "CONTENT_SWARM_LLM_";
    const std::string who = " (agent " + std::string(core::to_string(role)) + ")";
    SWARM_TRY(check_provider_needs(config, where, who));
    return config;
}

}  // namespace

EnvLookup process_env() {
    return [](std::string_view name) -> std::optional<std::string> {
        // Read at start-up and by request-free code; nothing in the process sets variables.
        const char* value =
            std::getenv(std::string(name).c_str());  // NOLINT(concurrency-mt-unsafe)
        return value == nullptr ? std::nullopt : std::optional<std::string>(value);
    };
}

const std::optional<llm::ProviderConfig>& LlmSettings::agent(core::AgentRole role) const {
    return agents.at(static_cast<std::size_t>(role));
}

bool LlmSettings::any() const {
    return std::any_of(agents.begin(), agents.end(), [](const auto& a) { return a.has_value(); });
}

std::string LlmSettings::description() const {
    std::ostringstream out;
    for (std::size_t i = 0; i < kAgentCount; ++i) {
        out << (i == 0 ? "" : ", ") << core::to_string(kRoles[i]) << "=";
        if (!agents[i]) {
            out << "offline";
            continue;
        }
        out << agents[i]->label();
        if (!agents[i]->base_url.empty()) {
            out << " (" << loggable_url(agents[i]->base_url) << ")";
        } else if (agents[i]->provider == "bedrock") {
            out << " (" << agents[i]->region << ")";
        }
    }
    out << "; mode=" << core::to_string(mode) << "; budget: tokens=" << budget.max_tokens
        << " cost_usd=" << budget.max_cost_usd << " seconds=" << budget.max_wall.count()
        << " (0 = unlimited); prices=" << (prices ? "configured" : "none");
    return out.str();
}

core::Result<LlmSettings> load_llm_settings(
    const EnvLookup& env, const std::optional<std::filesystem::path>& config_path) {
    SWARM_TRY_ASSIGN(auto from_env, env_settings(env));
    RawSettings from_file;
    std::optional<std::filesystem::path> path = config_path;
    std::string path_field = "--llm-config";
    if (const Opt named = env_value(env, "CONTENT_SWARM_LLM_CONFIG"); !path && named) {
        path = named->value;
        path_field = named->source;
    }
    if (path) {
        SWARM_TRY_ASSIGN(auto loaded, file_settings(*path, path_field, env));
        from_file = std::move(loaded);
    }
    const RawSettings raw = merge(from_env, from_file);
    LlmSettings settings;
    llm::ProviderConfig call;
    SWARM_TRY(apply_knobs(raw, settings, call));
    for (std::size_t i = 0; i < kAgentCount; ++i) {
        SWARM_TRY_ASSIGN(auto agent, resolve_agent(i, raw, env, call));
        settings.agents[i] = std::move(agent);
    }
    return settings;
}

core::Result<core::LlmAgents> make_llm_agents(const LlmSettings& settings,
                                              std::shared_ptr<llm::HttpTransport> transport) {
    static constexpr std::array<std::shared_ptr<core::LlmClient> core::LlmAgents::*, kAgentCount>
        kMembers = {&core::LlmAgents::research, &core::LlmAgents::writer, &core::LlmAgents::editor,
                    &core::LlmAgents::designer, &core::LlmAgents::scheduler};
    core::LlmAgents agents;
    std::map<std::string, std::shared_ptr<core::LlmClient>> built;  // by sharing key
    for (std::size_t i = 0; i < kAgentCount; ++i) {
        const auto& config = settings.agents[i];
        if (!config) {
            continue;
        }
        if (!transport) {
            transport = std::make_shared<llm::CurlTransport>();
        }
        auto& client = built[config->sharing_key()];
        if (!client) {
            auto made = llm::make_llm_client(*config, transport, settings.prices);
            if (!made) {
                core::Error error = made.error();
                error.field =
                    "agents." + std::string(core::to_string(kRoles[i])) + "." + error.field;
                return tl::unexpected(std::move(error));
            }
            client = std::move(*made);
        }
        agents.*kMembers[i] = client;
    }
    agents.mode = settings.mode;
    agents.budget = settings.budget;
    agents.max_rewrites = settings.max_rewrites;
    agents.max_revisions = settings.max_revisions;
    agents.critique_threshold = settings.critique_threshold;
    return agents;
}

core::Result<LlmSetup> configure_llm(const EnvLookup& env,
                                     const std::optional<std::filesystem::path>& config_path,
                                     std::shared_ptr<llm::HttpTransport> transport) {
    SWARM_TRY_ASSIGN(auto settings, load_llm_settings(env, config_path));
    SWARM_TRY_ASSIGN(auto agents, make_llm_agents(settings, std::move(transport)));
    return LlmSetup{std::move(agents), settings.description()};
}

}  // namespace swarm::app
