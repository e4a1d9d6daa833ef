#include "app/llm_settings_sources.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <utility>

#include <nlohmann/json.hpp>

namespace swarm::app::llm_settings_detail {
namespace {

using core::ErrorCode;
using Json = nlohmann::json;

constexpr std::array<std::string_view, 15> kTopFields = {
    "provider",      "base_url",           "model",       "api_key", "api_key_env", "region",
    "mode",          "timeout_seconds",    "max_retries", "prices",  "budget",      "max_rewrites",
    "max_revisions", "critique_threshold", "agents"};
constexpr std::array<std::string_view, 6> kAgentFields = {"provider", "base_url",    "model",
                                                          "api_key",  "api_key_env", "region"};
constexpr std::array<std::string_view, 3> kBudgetFields = {"max_tokens", "max_cost_usd",
                                                           "max_seconds"};
constexpr std::string_view kFilePrefix = "llm config ";

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

}  // namespace

tl::unexpected<core::Error> invalid(std::string field, std::string message) {
    return core::fail(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

std::string loggable_url(std::string_view url) {
    std::string out(url.substr(0, url.find_first_of("?#")));
    const auto scheme = out.find("://");
    const auto host_start = scheme == std::string::npos ? 0 : scheme + 3;
    const auto at = out.find('@', host_start);
    if (at != std::string::npos && at < out.find('/', host_start)) {
        out.erase(host_start, at + 1 - host_start);
    }
    return out;
}

std::string agent_env(core::AgentRole role, std::string_view field) {
    return "CONTENT_SWARM_" + upper(core::to_string(role)) + "_LLM_" + std::string(field);
}

core::Result<std::string> read_bounded(const std::filesystem::path& path,
                                       const std::string& field) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        return invalid(field, "cannot read " + path.string() + ": " + ec.message());
    }
    if (size > kMaxLlmConfigBytes) {
        return invalid(field, path.string() + " is larger than " +
                                  std::to_string(kMaxLlmConfigBytes) + " bytes");
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
        return invalid(field, "cannot read " + path.string());
    }
    return text.str();
}

core::Result<std::optional<std::int64_t>> parse_integer(const Opt& value, std::int64_t min,
                                                        std::int64_t max) {
    if (!value) {
        return std::nullopt;
    }
    std::int64_t parsed = 0;
    const auto* end = value->value.data() + value->value.size();
    const auto [ptr, ec] = std::from_chars(value->value.data(), end, parsed);
    if (ec != std::errc() || ptr != end || parsed < min || parsed > max) {
        return invalid(value->source, "is \"" + value->value + "\"; must be an integer from " +
                                          std::to_string(min) + " to " + std::to_string(max));
    }
    return parsed;
}

core::Result<std::optional<double>> parse_number(const Opt& value, double min, double max) {
    if (!value) {
        return std::nullopt;
    }
    double parsed = 0;
    const auto* end = value->value.data() + value->value.size();
    const auto [ptr, ec] = std::from_chars(value->value.data(), end, parsed);
    if (ec != std::errc() || ptr != end || !std::isfinite(parsed) || parsed < min || parsed > max) {
        std::ostringstream range;
        range << min << " to " << max;
        return invalid(value->source,
                       "is \"" + value->value + "\"; must be a number from " + range.str());
    }
    return parsed;
}

// ---- environment ------------------------------------------------------------------------------

Opt env_value(const EnvLookup& env, const std::string& name) {
    auto value = env(name);
    if (!value || value->empty()) {
        return std::nullopt;
    }
    return Sourced{std::move(*value), name};
}

Opt env_aws_region(const EnvLookup& env) {
    auto region = env_value(env, "AWS_REGION");
    return region ? region : env_value(env, "AWS_DEFAULT_REGION");
}

void apply_aws_env(llm::ProviderConfig& config, const EnvLookup& env) {
    const auto value = [&env](const char* name) {
        return env_value(env, name).value_or(Sourced{}).value;
    };
    if (config.api_key.empty()) {
        config.api_key = value("AWS_BEARER_TOKEN_BEDROCK");
    }
    config.aws_access_key_id = value("AWS_ACCESS_KEY_ID");
    config.aws_secret_access_key = value("AWS_SECRET_ACCESS_KEY");
    config.aws_session_token = value("AWS_SESSION_TOKEN");
}

namespace {

ProviderFields env_provider_fields(const EnvLookup& env, const std::string& prefix) {
    return {env_value(env, prefix + "PROVIDER"), env_value(env, prefix + "BASE_URL"),
            env_value(env, prefix + "MODEL"), env_value(env, prefix + "API_KEY"), std::nullopt};
}

}  // namespace

core::Result<RawSettings> env_settings(const EnvLookup& env) {
    RawSettings raw;
    raw.global = env_provider_fields(env, "CONTENT_SWARM_LLM_");
    raw.global.region = env_aws_region(env);
    for (std::size_t i = 0; i < kAgentCount; ++i) {
        raw.agents[i] = env_provider_fields(env, agent_env(kRoles[i], ""));
    }
    raw.mode = env_value(env, "CONTENT_SWARM_LLM_MODE");
    raw.timeout_seconds = env_value(env, "CONTENT_SWARM_LLM_TIMEOUT_SECONDS");
    raw.max_retries = env_value(env, "CONTENT_SWARM_LLM_MAX_RETRIES");
    raw.max_tokens = env_value(env, "CONTENT_SWARM_JOB_MAX_TOKENS");
    raw.max_cost_usd = env_value(env, "CONTENT_SWARM_JOB_MAX_COST_USD");
    raw.max_seconds = env_value(env, "CONTENT_SWARM_JOB_MAX_SECONDS");
    if (auto path = env_value(env, "CONTENT_SWARM_LLM_PRICES")) {
        SWARM_TRY_ASSIGN(auto text, read_bounded(path->value, path->source));
        raw.prices = Sourced{std::move(text), path->source};
    }
    return raw;
}

namespace {

// ---- config file ------------------------------------------------------------------------------

enum class Kind { kString, kNumber };

/// `object[key]` as text: absent → nullopt; a string must be non-empty, a number is kept as its
/// JSON spelling (parsed later with the environment's rules).
core::Result<Opt> file_scalar(const Json& object, const char* key, const std::string& path,
                              Kind kind) {
    const auto it = object.find(key);
    if (it == object.end()) {
        return std::nullopt;
    }
    const std::string field = std::string(kFilePrefix) + path + key;
    if (kind == Kind::kString) {
        if (!it->is_string() || it->get<std::string>().empty()) {
            return invalid(field, "must be a non-empty string");
        }
        return Sourced{it->get<std::string>(), field};
    }
    if (!it->is_number()) {
        return invalid(field, "must be a number");
    }
    return Sourced{it->dump(), field};
}

template <std::size_t N>
core::Result<void> check_keys(const Json& object, const std::string& path,
                              const std::array<std::string_view, N>& allowed) {
    if (!object.is_object()) {
        return invalid(
            std::string(kFilePrefix) + (path.empty() ? "" : path.substr(0, path.size() - 1)),
            "must be an object");
    }
    for (const auto& [key, value] : object.items()) {
        if (!contains(allowed, key)) {
            return invalid(std::string(kFilePrefix) + path + key,
                           "unknown field; allowed: " + joined(allowed));
        }
    }
    return {};
}

/// provider, base_url, model, api_key or api_key_env, region of one object (`path` ends in '.').
core::Result<ProviderFields> file_provider_fields(const Json& object, const std::string& path,
                                                  const EnvLookup& env) {
    ProviderFields fields;
    const std::array<std::pair<const char*, Opt*>, 5> strings = {
        std::pair{"provider", &fields.provider}, std::pair{"base_url", &fields.base_url},
        std::pair{"model", &fields.model}, std::pair{"api_key", &fields.api_key},
        std::pair{"region", &fields.region}};
    for (const auto& [key, target] : strings) {
        SWARM_TRY_ASSIGN(auto value, file_scalar(object, key, path, Kind::kString));
        *target = std::move(value);
    }
    SWARM_TRY_ASSIGN(auto key_env, file_scalar(object, "api_key_env", path, Kind::kString));
    if (key_env) {
        if (fields.api_key) {
            return invalid(key_env->source, "set api_key or api_key_env, not both");
        }
        fields.api_key = env_value(env, key_env->value);
        if (!fields.api_key) {
            return invalid(key_env->source, "names " + key_env->value + ", which is not set");
        }
    }
    return fields;
}

core::Result<void> file_knobs(const Json& root, const std::filesystem::path& dir,
                              RawSettings& raw) {
    const std::array<std::pair<const char*, Opt*>, 5> numbers = {
        std::pair{"timeout_seconds", &raw.timeout_seconds},
        std::pair{"max_retries", &raw.max_retries}, std::pair{"max_rewrites", &raw.max_rewrites},
        std::pair{"max_revisions", &raw.max_revisions},
        std::pair{"critique_threshold", &raw.critique_threshold}};
    for (const auto& [key, target] : numbers) {
        SWARM_TRY_ASSIGN(auto value, file_scalar(root, key, "", Kind::kNumber));
        *target = std::move(value);
    }
    SWARM_TRY_ASSIGN(auto mode, file_scalar(root, "mode", "", Kind::kString));
    raw.mode = std::move(mode);
    if (const auto budget = root.find("budget"); budget != root.end()) {
        SWARM_TRY(check_keys(*budget, "budget.", kBudgetFields));
        const std::array<std::pair<const char*, Opt*>, 3> limits = {
            std::pair{"max_tokens", &raw.max_tokens}, std::pair{"max_cost_usd", &raw.max_cost_usd},
            std::pair{"max_seconds", &raw.max_seconds}};
        for (const auto& [key, target] : limits) {
            SWARM_TRY_ASSIGN(auto value, file_scalar(*budget, key, "budget.", Kind::kNumber));
            *target = std::move(value);
        }
    }
    if (const auto prices = root.find("prices"); prices != root.end()) {
        const std::string field = std::string(kFilePrefix) + "prices";
        if (prices->is_object()) {
            raw.prices = Sourced{prices->dump(), field};
        } else if (prices->is_string()) {
            SWARM_TRY_ASSIGN(auto text, read_bounded(dir / prices->get<std::string>(), field));
            raw.prices = Sourced{std::move(text), field};
        } else {
            return invalid(field, "must be a price table object or the path of one");
        }
    }
    return {};
}

}  // namespace

core::Result<RawSettings> file_settings(const std::filesystem::path& path, const std::string& field,
                                        const EnvLookup& env) {
    SWARM_TRY_ASSIGN(auto text, read_bounded(path, field));
    Json root;
    try {
        root = Json::parse(text);
    } catch (const Json::parse_error& e) {
        return invalid(field, path.string() + " is not valid JSON: " + e.what());
    }
    RawSettings raw;
    SWARM_TRY(check_keys(root, "", kTopFields));
    SWARM_TRY(file_knobs(root, path.parent_path(), raw));
    SWARM_TRY_ASSIGN(raw.global, file_provider_fields(root, "", env));
    const auto agents = root.find("agents");
    if (agents == root.end()) {
        return raw;
    }
    std::array<std::string_view, kAgentCount> names{};
    for (std::size_t i = 0; i < kAgentCount; ++i) {
        names[i] = core::to_string(kRoles[i]);
    }
    SWARM_TRY(check_keys(*agents, "agents.", names));
    for (std::size_t i = 0; i < kAgentCount; ++i) {
        const std::string agent_path = "agents." + std::string(names[i]) + ".";
        const auto it = agents->find(names[i]);
        if (it == agents->end()) {
            continue;
        }
        SWARM_TRY(check_keys(*it, agent_path, kAgentFields));
        SWARM_TRY_ASSIGN(auto fields, file_provider_fields(*it, agent_path, env));
        raw.agents[i] = std::move(fields);
    }
    return raw;
}

}  // namespace swarm::app::llm_settings_detail
