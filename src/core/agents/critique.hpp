// The editor's model critique: scores an item {score 0..1, issues[]} and, below the threshold or
// when grounding issues remain, has the writer revise it with the critique and the relevant
// knowledge-base passages, at most max_revisions times. A revision that breaks a hard rule is
// discarded, so a critique can only improve a publishable item.
#pragma once

#include "core/agents/model_writer.hpp"
#include "core/model/content_item.hpp"

#include <optional>
#include <string>
#include <vector>

namespace swarm::core::agents {

struct CritiqueContext {
    const Brief& brief;
    const FactSheet& sheet;
    std::span<const Passage> passages;
    KnowledgeBase& kb;
    LlmSession& session;
    LlmClient& editor;
    LlmClient* writer = nullptr;  // null: no revisions, the critique is only recorded
    double threshold = 0.7;
    int max_revisions = 2;
    int max_rewrites = 2;
};

struct CritiqueOutcome {
    std::optional<double> score;  // the last critique's score
    int revisions = 0;            // revisions accepted
    std::vector<std::string> notes;
    std::optional<Error> error;  // the last call failed (budget, cancelled, provider)
};

/// Critiques the edited item and revises it in place when needed. The item stays publishable.
CritiqueOutcome critique_and_revise(const CritiqueContext& ctx, ContentItem& item);

}  // namespace swarm::core::agents
