#include "core/knowledge/query_terms.hpp"

#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace swarm::core::knowledge {

namespace {

// Sorted, for binary search. Function words only: content words such as "growth" or "price"
// must stay searchable.
constexpr auto kStopWords = std::to_array<std::string_view>({
    "a",      "about",   "above",  "after",  "again",    "against", "all",   "am",      "an",
    "and",    "any",     "are",    "as",     "at",       "be",      "been",  "before",  "being",
    "below",  "between", "both",   "but",    "by",       "can",     "could", "did",     "do",
    "does",   "doing",   "down",   "during", "each",     "few",     "for",   "from",    "further",
    "had",    "has",     "have",   "having", "he",       "her",     "here",  "hers",    "herself",
    "him",    "himself", "his",    "how",    "i",        "if",      "in",    "into",    "is",
    "it",     "its",     "itself", "just",   "me",       "more",    "most",  "my",      "myself",
    "no",     "nor",     "not",    "now",    "of",       "off",     "on",    "once",    "only",
    "or",     "other",   "our",    "ours",   "out",      "over",    "own",   "same",    "she",
    "should", "so",      "some",   "such",   "than",     "that",    "the",   "their",   "theirs",
    "them",   "then",    "there",  "these",  "they",     "this",    "those", "through", "to",
    "too",    "under",   "until",  "up",     "very",     "was",     "we",    "were",    "what",
    "when",   "where",   "which",  "while",  "who",      "whom",    "why",   "will",    "with",
    "would",  "you",     "your",   "yours",  "yourself",
});

bool is_word_char(char32_t cp) {
    return core::text::is_letter_or_mark(cp) || core::text::is_digit(cp);
}

}  // namespace

bool is_stop_word(std::string_view folded_word) {
    return std::binary_search(kStopWords.begin(), kStopWords.end(), folded_word);
}

std::vector<std::string> query_terms(std::string_view text, std::size_t max_terms) {
    std::vector<std::string> terms;
    std::vector<char32_t> word;
    auto take = [&] {
        if (word.empty()) {
            return;
        }
        std::string folded = core::text::fold_case(core::text::encode(word));
        word.clear();
        if (is_stop_word(folded) || std::find(terms.begin(), terms.end(), folded) != terms.end()) {
            return;
        }
        terms.push_back(std::move(folded));
    };
    for (const char32_t cp : core::text::decode(text)) {
        if (terms.size() >= max_terms) {
            break;
        }
        if (is_word_char(cp)) {
            word.push_back(cp);
        } else {
            take();
        }
    }
    if (terms.size() < max_terms) {
        take();
    }
    return terms;
}

std::string to_match_expression(std::string_view text, std::size_t max_terms) {
    std::string expression;
    for (const auto& term : query_terms(text, max_terms)) {
        if (!expression.empty()) {
            expression += " OR ";
        }
        // Terms hold only letters, marks and digits, so they cannot contain a double quote;
        // quoting makes FTS5 read AND, OR, NOT, NEAR and column names as plain words.
        expression += '"';
        expression += term;
        expression += '"';
    }
    return expression;
}

}  // namespace swarm::core::knowledge
