// Internal to llm_settings: every LLM setting as text with its source, read from the environment
// or the JSON config file, before llm_settings.cpp merges (env wins), parses and validates it.
#pragma once

#include "app/llm_settings.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace swarm::app::llm_settings_detail {

inline constexpr std::array<core::AgentRole, kAgentCount> kRoles = {
    core::AgentRole::kResearch, core::AgentRole::kWriter, core::AgentRole::kEditor,
    core::AgentRole::kDesigner, core::AgentRole::kScheduler};
inline constexpr std::array<std::string_view, 4> kProviders = {"offline", "openai", "anthropic",
                                                               "bedrock"};
inline constexpr std::array<std::string_view, 3> kModes = {"parallel", "single-call", "sequential"};

/// A setting's value and where it came from (an environment variable or a config-file path),
/// so errors can name the place to fix.
struct Sourced {
    std::string value;
    std::string source;
};

using Opt = std::optional<Sourced>;

struct ProviderFields {
    Opt provider, base_url, model, api_key, region;
};

/// Every setting as text with its source, before parsing; env and file each fill one, then they
/// merge field by field (env wins) and are parsed once, so errors name where a value came from.
struct RawSettings {
    ProviderFields global;
    std::array<ProviderFields, kAgentCount> agents;
    Opt mode, timeout_seconds, max_retries, prices, max_tokens, max_cost_usd, max_seconds,
        max_rewrites, max_revisions, critique_threshold;
};

tl::unexpected<core::Error> invalid(std::string field, std::string message);

/// A URL for logs and descriptions: no query, fragment or user info (they carry credentials).
std::string loggable_url(std::string_view url);

template <std::size_t N>
std::string joined(const std::array<std::string_view, N>& names) {
    std::string out;
    for (const auto name : names) {
        out += (out.empty() ? "" : ", ") + std::string(name);
    }
    return out;
}

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view value) {
    return std::find(names.begin(), names.end(), value) != names.end();
}

/// The value itself when it is one of `allowed`, else `<source>: is "x"; allowed: a, b`.
template <std::size_t N>
core::Result<Opt> choice(Opt value, const std::array<std::string_view, N>& allowed) {
    if (value && !contains(allowed, value->value)) {
        return invalid(value->source, "is \"" + value->value + "\"; allowed: " + joined(allowed));
    }
    return value;
}

/// "CONTENT_SWARM_WRITER_LLM_" + field.
std::string agent_env(core::AgentRole role, std::string_view field);

/// A set, non-empty variable with its name as the source.
Opt env_value(const EnvLookup& env, const std::string& name);

/// AWS_REGION, else AWS_DEFAULT_REGION.
Opt env_aws_region(const EnvLookup& env);

/// Bedrock credentials from the environment: the API key falls back to AWS_BEARER_TOKEN_BEDROCK;
/// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN are copied.
void apply_aws_env(llm::ProviderConfig& config, const EnvLookup& env);

/// nullopt when unset; else an integer in [min, max] or `is "x"; must be an integer from ...`
/// naming the value's source.
core::Result<std::optional<std::int64_t>> parse_integer(const Opt& value, std::int64_t min,
                                                        std::int64_t max);

/// nullopt when unset; else a finite number in [min, max] or an error naming the source.
core::Result<std::optional<double>> parse_number(const Opt& value, double min, double max);

/// A file of at most kMaxLlmConfigBytes; errors name `field`.
core::Result<std::string> read_bounded(const std::filesystem::path& path, const std::string& field);

/// Everything the environment sets (CONTENT_SWARM_LLM_PRICES is read here).
core::Result<RawSettings> env_settings(const EnvLookup& env);

/// Everything the config file sets; `field` names where the path came from. api_key_env entries
/// are looked up in `env`; a prices path is relative to the file's folder.
core::Result<RawSettings> file_settings(const std::filesystem::path& path, const std::string& field,
                                        const EnvLookup& env);

}  // namespace swarm::app::llm_settings_detail
