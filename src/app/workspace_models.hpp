// A workspace's own model API key: jobs of a workspace whose owners stored the secret
// `llm_api_key` call the server's configured providers and models with that key instead of the
// server's. The clients are built once per stored value and reused until the secret changes.
#pragma once

#include "app/llm_settings.hpp"
#include "core/model/workspace.hpp"
#include "core/ports/llm_agents.hpp"
#include "core/ports/workspace_settings_store.hpp"
#include "crypto/secret_box.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace swarm::app {

/// The secret a workspace stores its model API key under.
inline constexpr std::string_view kModelKeySecret = "llm_api_key";

/// Thread-safe.
class WorkspaceModels {
public:
    WorkspaceModels(LlmSettings settings, std::optional<crypto::SecretBox> secrets)
        : settings_(std::move(settings)), secrets_(std::move(secrets)) {}

    /// The clients for the workspace's jobs: null when it stored no key (or the server runs its
    /// agents offline: there is no provider to give a key to), so the server's apply.
    /// kFailedPrecondition (field "llm_api_key") when the stored key cannot be opened (the
    /// server's secret key changed): the job fails saying so rather than spend the server's key.
    core::Result<std::shared_ptr<const core::LlmAgents>> for_workspace(
        core::WorkspaceSettingsStore& store, const core::WorkspaceId& workspace);

private:
    struct Built {
        std::string sealed;  // the stored value these clients were built from
        std::shared_ptr<const core::LlmAgents> agents;
    };

    LlmSettings settings_;
    std::optional<crypto::SecretBox> secrets_;
    std::mutex mutex_;
    std::map<std::string, Built> built_;  // by workspace id
};

}  // namespace swarm::app
