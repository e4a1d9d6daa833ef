// Internal to the JSON reader: finding JSON candidates in prose (fences, balanced brackets) and
// the lenient "key": "string" scan used when the JSON is truncated or broken.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace swarm::core::parse {

/// Slices of the text that may hold one JSON document: ```json fenced blocks first, then
/// balanced {...} / [...] regions starting at a line start. At most `limit` of them.
std::vector<std::string_view> json_candidates(std::string_view text, std::size_t limit);

/// Index one past the bracket that closes the one at `text[0]`, skipping strings; npos when
/// unbalanced or nested deeper than `max_depth`.
std::size_t balanced_end(std::string_view text, std::size_t max_depth);

/// Every "key": "string value" pair in order, strings decoded; unterminated strings are skipped.
std::vector<std::pair<std::string, std::string>> string_pairs(std::string_view text);

/// "speakerNotes" -> "speaker Notes", "linked_in" -> "linked in": for matching key names.
std::string spaced_key(std::string_view key);

}  // namespace swarm::core::parse
