// Which language model each agent of a job uses, how the writers are organized, and the job's
// budget. Built by the app from configuration (src/app/llm_settings); read by the pipeline.
#pragma once

#include "core/ports/llm_client.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

namespace swarm::core {

enum class AgentRole { kResearch, kWriter, kEditor, kDesigner, kScheduler };

/// parallel: one writer call per platform, concurrently (default). single-call: one call writes
/// every platform and the engine's parser splits it. sequential: the parallel graph run one call
/// after another, for comparison.
enum class LlmMode { kParallel, kSingleCall, kSequential };

/// Limits per job; zero means unlimited. Exceeding one stops the job cleanly with a note.
struct JobBudget {
    std::int64_t max_tokens = 0;  // input + output over every call of the job
    double max_cost_usd = 0;
    std::chrono::seconds max_wall{0};
};

/// A null client: that agent runs built-in (offline). All null: the offline pipeline.
struct LlmAgents {
    std::shared_ptr<LlmClient> research;
    std::shared_ptr<LlmClient> writer;
    std::shared_ptr<LlmClient> editor;
    std::shared_ptr<LlmClient> designer;
    std::shared_ptr<LlmClient> scheduler;
    LlmMode mode = LlmMode::kParallel;
    JobBudget budget;
    int max_rewrites = 2;   // targeted rewrites per platform (completeness guarantee)
    int max_revisions = 2;  // editor critique revisions per item
    double critique_threshold = 0.7;

    const std::shared_ptr<LlmClient>& client(AgentRole role) const;

    bool any() const { return research || writer || editor || designer || scheduler; }
};

std::string_view to_string(AgentRole role);  // "research", "writer", ...
std::string_view to_string(LlmMode mode);    // "parallel", "single-call", "sequential"
std::optional<AgentRole> agent_role_from_string(std::string_view name);
std::optional<LlmMode> llm_mode_from_string(std::string_view name);

}  // namespace swarm::core
