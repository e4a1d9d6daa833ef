#include "app/workspace_models.hpp"

namespace swarm::app {

core::Result<std::shared_ptr<const core::LlmAgents>> WorkspaceModels::for_workspace(
    core::WorkspaceSettingsStore& store, const core::WorkspaceId& workspace) {
    using Agents = std::shared_ptr<const core::LlmAgents>;
    if (!settings_.any()) {
        return Agents();
    }
    SWARM_TRY_ASSIGN(const auto secret, store.secret(workspace, std::string(kModelKeySecret)));
    if (!secret) {
        return Agents();
    }
    {
        const std::lock_guard lock(mutex_);
        const auto it = built_.find(workspace.str());
        if (it != built_.end() && it->second.sealed == secret->sealed) {
            return it->second.agents;
        }
    }
    if (!secrets_) {
        return core::fail(core::ErrorCode::kFailedPrecondition,
                          "the workspace's llm_api_key is stored but this server has no secret "
                          "key to open it (CONTENT_SWARM_SECRET_KEY)",
                          std::string(kModelKeySecret));
    }
    auto key = secrets_->open(secret->sealed);
    if (!key) {
        return core::fail(core::ErrorCode::kFailedPrecondition,
                          "the workspace's llm_api_key cannot be opened with this server's secret "
                          "key (was the key changed?); store it again",
                          std::string(kModelKeySecret));
    }
    auto settings = settings_;
    for (auto& agent : settings.agents) {
        if (agent) {
            agent->api_key = *key;
        }
    }
    SWARM_TRY_ASSIGN(auto agents, make_llm_agents(settings, nullptr));
    auto shared = std::make_shared<const core::LlmAgents>(std::move(agents));
    const std::lock_guard lock(mutex_);
    built_[workspace.str()] = Built{secret->sealed, shared};
    return Agents(shared);
}

}  // namespace swarm::app
