// Which language model each agent uses: resolved from environment variables and an optional JSON
// config file (env > file > defaults) into per-agent provider configs, then into core::LlmAgents.
#pragma once

#include "core/ports/llm_agents.hpp"
#include "core/result.hpp"
#include "llm/client_factory.hpp"
#include "llm/http_transport.hpp"
#include "llm/price_table.hpp"

#include <array>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace swarm::app {

/// Looks an environment variable up; nullopt when unset. An empty value counts as unset.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

/// The process environment (std::getenv).
EnvLookup process_env();

inline constexpr std::size_t kAgentCount = 5;
inline constexpr std::size_t kMaxLlmConfigBytes = std::size_t{1} << 20;  // config and price files

/// Everything the settings resolve to; no client is built yet.
struct LlmSettings {
    /// Indexed by core::AgentRole; nullopt: that agent runs offline (built-in).
    std::array<std::optional<llm::ProviderConfig>, kAgentCount> agents;
    core::LlmMode mode = core::LlmMode::kParallel;
    core::JobBudget budget;
    int max_rewrites = 2;
    int max_revisions = 2;
    double critique_threshold = 0.7;
    std::shared_ptr<const llm::PriceTable> prices;  // null: no price table configured

    const std::optional<llm::ProviderConfig>& agent(core::AgentRole role) const;
    bool any() const;

    /// For logs: "research=openai/gpt-4o-mini writer=bedrock/... editor=offline ...; mode=parallel;
    /// budget: ...". Never contains a key, token or URL credentials.
    std::string description() const;
};

/// Reads the settings. `config_path` (the CLI's --llm-config) overrides CONTENT_SWARM_LLM_CONFIG.
/// Errors are kInvalidArgument with `field` naming the variable or config entry at fault, e.g.
/// field "CONTENT_SWARM_LLM_PROVIDER", message `is "gpt"; allowed: offline, openai, ...`.
core::Result<LlmSettings> load_llm_settings(
    const EnvLookup& env, const std::optional<std::filesystem::path>& config_path = std::nullopt);

/// Builds the clients: agents with the same configuration share one client. A null transport is
/// replaced by a CurlTransport when any agent needs one.
core::Result<core::LlmAgents> make_llm_agents(const LlmSettings& settings,
                                              std::shared_ptr<llm::HttpTransport> transport);

/// load_llm_settings + make_llm_agents, with the description for the start-up log.
struct LlmSetup {
    core::LlmAgents agents;
    std::string description;
};

core::Result<LlmSetup> configure_llm(
    const EnvLookup& env, const std::optional<std::filesystem::path>& config_path = std::nullopt,
    std::shared_ptr<llm::HttpTransport> transport = nullptr);

}  // namespace swarm::app
