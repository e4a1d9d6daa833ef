// The completeness guarantee's judge: turns a writer's reply (structured JSON or text for the
// tolerant parser) into a draft item and names what blocks publishing it, so a targeted rewrite
// can list the exact issues. Reasoning and placeholders are never let through.
#pragma once

#include "core/agents/fact_sheet.hpp"
#include "core/model/content_item.hpp"
#include "core/parse/section_parser.hpp"
#include "core/validate/validator.hpp"

#include <optional>
#include <string>
#include <vector>

namespace swarm::core::agents {

/// One writer attempt for one platform.
struct Draft {
    std::optional<ContentItem> item;  // what the reply yields, if anything
    std::vector<Issue> problems;      // empty: publishable once the editor has repaired it
    std::string text;                 // the reply (shown to a rewrite as the previous attempt)
};

/// Error-severity issues of the item the editor cannot repair deterministically: empty content,
/// leaked reasoning, placeholders, posts over the limit, slide count and structure. Brand errors
/// (banned phrase, missing hashtag or call to action) are left to the editor's repairs.
std::vector<Issue> publish_blockers(const ContentItem& item, const ValidationContext& context);

/// Judges an item (or its absence) read from `text`. Without an item the parser's warnings for
/// the platform (reasoning only, placeholder only, missing section ...) are the problems.
Draft assess(Platform platform, std::optional<ContentItem> item, std::vector<Issue> warnings,
             std::string text, const ValidationContext& context, const FactSheet& sheet);

/// Reads one platform's reply: JSON of the platform's schema when `structured`, otherwise (or
/// when the JSON is invalid) the tolerant parser reads the text for that platform.
Draft read_reply(Platform platform, std::string text, bool structured,
                 const ValidationContext& context, const FactSheet& sheet);

/// One pitch deck from the drafts of its parts (model_writer writes a deck in parts at once), in
/// part order. A part that holds the whole deck of `slides` with no problem is taken as the deck
/// (a model may ignore the split); otherwise the parts' slides are joined and the deck is judged
/// whole. A part with no slides makes a draft without an item whose problems are that part's, so
/// the completeness loop rewrites the whole deck.
Draft merge_deck_parts(std::vector<Draft> parts, int slides, const ValidationContext& context,
                       const FactSheet& sheet);

/// The parser's items for every requested platform of a multi-platform reply, as drafts in
/// requested order; platforms it cannot find are drafts without an item (never defaulted).
std::vector<Draft> read_multi_platform_reply(const std::vector<Platform>& platforms,
                                             const std::string& text,
                                             const ValidationContext& context,
                                             const FactSheet& sheet);

/// "x.too_long: ... ; content.placeholder: ..." for notes.
std::string describe_problems(const std::vector<Issue>& problems);

}  // namespace swarm::core::agents
