// Helpers shared by the built-in writers and the editor: choosing and ranking facts, the call to
// action, hashtag selection, thread numbering and the Markdown rendering of a deck.
#pragma once

#include "core/agents/writer.hpp"

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::agents {

/// Facts the brand allows (no banned phrase), in research order.
std::vector<const Fact*> usable_facts(const WriterInput& input);

/// General value of a fact for a post: relevance to the prompt first, then having numbers.
double fact_score(const Fact& fact);

/// fact_score plus a bonus for the topics a post is built from (traction, product, solution,
/// problem, market) over company trivia (founding, pricing, team) unless the prompt asks for it.
double story_score(const Fact& fact);

/// Best first by fact_score; ties keep research order.
std::vector<const Fact*> ranked(std::vector<const Fact*> facts);

/// The fact as a stand-alone sentence: a feature bullet that starts with its verb ("Re-plans the
/// day ...") gets its heading as the subject ("Smart Dispatch re-plans the day ...").
std::string as_sentence(const Fact& fact);

/// Best first by story_score; ties keep research order.
std::vector<const Fact*> ranked_for_story(std::vector<const Fact*> facts);

/// True when the fact shows at least one number not in `shown`.
bool adds_new_number(const Fact& fact, const std::set<std::string>& shown);

/// The brand name from the brief, else the company name research found.
std::string brand_name(const WriterInput& input);

/// brief.brand.call_to_action, else a neutral "Learn more about <brand>." (never a made-up URL).
std::string call_to_action(const Brief& brief, std::string_view fallback_brand);

/// Required hashtags first (deduplicated), then the fact sheet's candidates without banned
/// words, up to `count` and never more than spec.max_hashtags.
std::vector<std::string> choose_hashtags(const WriterInput& input, int count);

/// Adds the fact's passage to item.sources unless it is already listed.
void add_source(ContentItem& item, const Fact& fact);

/// Records what the material lacked as a kInfo issue (code "writer.<what>").
void add_note(ContentItem& item, std::string code, std::string message);

/// True when `text` contains any of the brand's banned phrases.
bool has_banned_phrase(std::string_view text, const BrandRules& brand);

/// "## 1. Problem\n- ...\n\n_Speaker notes:_ ..." for every slide.
std::string render_deck_markdown(const std::vector<Part>& slides);

/// "3/7 " style thread prefix; 0-based index.
std::string thread_prefix(std::size_t index, std::size_t total);

/// Removes a leading "3/7 " thread prefix, if any.
std::string strip_thread_prefix(std::string_view post);

}  // namespace swarm::core::agents
