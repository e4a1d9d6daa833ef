// The validators: per-platform rules (DESIGN.md's table), brand rules, leaked reasoning and
// placeholders, and grounding against the knowledge base. Pure functions; the editor agent, the
// `validate` command and the API's content edit path all call validate_item.
#pragma once

#include "core/model/brief.hpp"
#include "core/model/content_item.hpp"
#include "core/ports/knowledge_base.hpp"

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace swarm::core {

struct ValidationContext {
    const BrandRules* brand = nullptr;            // null: brand rules are skipped
    std::span<const Passage> grounding_passages;  // empty: grounding is skipped
    std::string_view hook_subject{};  // what the brief announces; empty: the hook is unchecked
};

/// Runs every rule that applies to the item's platform and returns the issues and the score.
Quality validate_item(const ContentItem& item, const ValidationContext& context);

/// X weighted length by the twitter-text v3 rules: NFC first, URLs count 23, emoji sequences 2,
/// code points in the light ranges 1, everything else 2.
std::size_t x_weighted_length(std::string_view text);

/// "2027": a four-digit year, which alone says nothing new about a fact.
bool is_year(std::string_view number);

/// A figure that identifies a fact: a share or an amount ("18%", "$2.1M") or three digits or
/// more ("18,000"), never a year or a version ("2.0"). Two sentences sharing one (and more
/// words) tell the same fact: copy.repeated_fact reports it, and the writers use the same test
/// to avoid it. `number` is a number token as written.
bool is_distinctive_figure(std::string_view number);

/// Score in 0..1 derived from issues (errors weigh more than warnings; info is free).
double score_issues(std::span<const Issue> issues);

}  // namespace swarm::core
