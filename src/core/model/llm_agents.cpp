#include "core/ports/llm_agents.hpp"

#include <array>
#include <utility>

namespace swarm::core {
namespace {

constexpr std::array<std::pair<AgentRole, std::string_view>, 5> kRoles{{
    {AgentRole::kResearch, "research"},
    {AgentRole::kWriter, "writer"},
    {AgentRole::kEditor, "editor"},
    {AgentRole::kDesigner, "designer"},
    {AgentRole::kScheduler, "scheduler"},
}};

constexpr std::array<std::pair<LlmMode, std::string_view>, 3> kModes{{
    {LlmMode::kParallel, "parallel"},
    {LlmMode::kSingleCall, "single-call"},
    {LlmMode::kSequential, "sequential"},
}};

}  // namespace

const std::shared_ptr<LlmClient>& LlmAgents::client(AgentRole role) const {
    switch (role) {
        case AgentRole::kResearch:
            return research;
        case AgentRole::kWriter:
            return writer;
        case AgentRole::kEditor:
            return editor;
        case AgentRole::kDesigner:
            return designer;
        case AgentRole::kScheduler:
            return scheduler;
    }
    return writer;
}

std::string_view to_string(AgentRole role) {
    for (const auto& [value, name] : kRoles) {
        if (value == role) {
            return name;
        }
    }
    return "unknown";
}

std::string_view to_string(LlmMode mode) {
    for (const auto& [value, name] : kModes) {
        if (value == mode) {
            return name;
        }
    }
    return "unknown";
}

std::optional<AgentRole> agent_role_from_string(std::string_view name) {
    for (const auto& [value, role_name] : kRoles) {
        if (role_name == name) {
            return value;
        }
    }
    return std::nullopt;
}

std::optional<LlmMode> llm_mode_from_string(std::string_view name) {
    for (const auto& [value, mode_name] : kModes) {
        if (mode_name == name) {
            return value;
        }
    }
    return std::nullopt;
}

}  // namespace swarm::core
