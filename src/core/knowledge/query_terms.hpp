// The search words of any user text (case-folded, stop-words dropped), for every knowledge-base
// backend, and the safe FTS5 MATCH expression built from them (quoted, OR-ed; never parsed).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::knowledge {

/// Upper bound on the words taken from one query (a pasted page must not become a huge query).
inline constexpr std::size_t kMaxQueryTerms = 32;

/// The distinct search words of `text`, case-folded, in order of first appearance: runs of
/// Unicode letters, marks and digits (what FTS5's unicode61 tokenizer keeps), minus English
/// stop-words. A word of marks alone yields an empty phrase, which FTS5 matches to nothing.
std::vector<std::string> query_terms(std::string_view text, std::size_t max_terms = kMaxQueryTerms);

/// `"w1" OR "w2" ...` for the terms of `text`; empty when there is nothing to search for.
std::string to_match_expression(std::string_view text, std::size_t max_terms = kMaxQueryTerms);

/// True for common English function words ("the", "and", "of", ...); expects case-folded input.
bool is_stop_word(std::string_view folded_word);

}  // namespace swarm::core::knowledge
