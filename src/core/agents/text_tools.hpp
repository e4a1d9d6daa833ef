// Text helpers for the offline agents: sentence splitting, word counting, number tokens, keyword
// stems, clause-boundary shortening and hashtag spelling. Pure functions over UTF-8 strings.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::agents {

/// Measures a text's length for a limit (code points for LinkedIn and decks, weighted for X).
using LengthFn = std::function<std::size_t(std::string_view)>;

/// Length in Unicode code points.
std::size_t char_length(std::string_view text);

/// Sentences of a prose paragraph; abbreviations ("e.g.", "Inc.") and decimals ("2.1") do not end
/// a sentence. Each sentence is trimmed; empty ones are dropped.
std::vector<std::string> split_sentences(std::string_view text);

/// Words: whitespace-separated tokens holding at least one letter or digit.
std::size_t count_words(std::string_view text);

/// Number tokens as written, with their sign, currency and unit: "$2.1M", "38%", "4,100", "1/5".
std::vector<std::string> extract_numbers(std::string_view text);

/// Removes "- ", "* ", "1. " list markers, Markdown emphasis (** __ `) and surrounding spaces.
std::string clean_markup(std::string_view text);

/// Lower-case content words of a text (stopwords removed, light stemming applied).
std::vector<std::string> keywords(std::string_view text);

/// Two keyword stems name the same thing: equal, or one (of four letters or more) starts the
/// other ("dispatch" and "dispatcher").
bool stems_match(const std::string& a, const std::string& b);

/// Light English stem: "plumbers" and "plumbing" both give "plumb".
std::string stem(std::string_view lower_word);

/// Case-insensitive containment (Unicode case folding).
bool contains_phrase(std::string_view text, std::string_view phrase);

/// The longest leading clause of `text` that fits `max_len` by `length`, ending at a sentence end
/// or before ", " " - " " (" or a subordinate clause ("when", "which", ...), or before ": " after
/// six words, closed with a period; parenthetical asides are removed first. nullopt when no
/// clause of at least three words fits.
std::optional<std::string> shorten_at_clause(std::string_view text, std::size_t max_len,
                                             const LengthFn& length);

/// True when the sentence opens with a preposition ("Across 140 buildings ..., energy use fell
/// ..."): what precedes its first comma is not a clause of its own. en/es/de/fr.
bool opens_with_preposition(std::string_view text);

/// Independent clauses of a sentence, split at "; " and ", and " when both sides have at least
/// four words: "A would need, and 1 in 5 is missed." gives "A would need." and "1 in 5 is missed."
/// A sentence without such a split comes back whole.
std::vector<std::string> split_independent(std::string_view text);

/// "#FieldService" from {"field", "service"}; keeps acronyms ("HVAC") as written.
std::string camel_hashtag(const std::vector<std::string>& words);

/// Same hashtag regardless of case ("#fieldservice" equals "#FieldService").
bool same_hashtag(std::string_view a, std::string_view b);

/// Joins strings with a separator.
std::string join(const std::vector<std::string>& parts, std::string_view separator);

/// The text with its first letter upper-case (ASCII): "the kettle ships" -> "The kettle ships".
std::string sentence_case(std::string text);

/// True when the text starts with a pronoun that needs the previous sentence ("It", "This", ...).
bool starts_with_pronoun(std::string_view text);

}  // namespace swarm::core::agents
