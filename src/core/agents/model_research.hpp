// The research agent with a model: the offline, extractive fact sheet stays the base (every fact
// is a knowledge-base sentence); the model only ranks the facts and adds an angle and a summary,
// and those are dropped when they hold a number no passage contains.
#pragma once

#include "core/agents/fact_sheet.hpp"
#include "core/agents/llm_session.hpp"
#include "core/model/brief.hpp"
#include "core/ports/knowledge_base.hpp"

#include <span>
#include <string>
#include <vector>

namespace swarm::core::agents {

struct ResearchRefinement {
    bool applied = false;            // the model's ranking was used
    std::vector<std::string> notes;  // why something was dropped or the call failed
};

/// Reorders sheet.facts by the model's ranking (unranked facts keep their order after the
/// ranked ones) and sets the angle and summary when they are grounded.
ResearchRefinement refine_fact_sheet(LlmSession& session, LlmClient& client, const Brief& brief,
                                     std::span<const Passage> passages, FactSheet& sheet);

}  // namespace swarm::core::agents
