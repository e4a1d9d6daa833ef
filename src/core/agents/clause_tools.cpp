// Clause-level edits for the offline agents: shortening a sentence at a clause boundary and
// splitting it into independent clauses, so writers and the editor can fit limits without
// paraphrasing.
#include "core/agents/text_tools.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace swarm::core::agents {
namespace {

std::string trimmed_clause(std::string_view s) {
    return std::string(text::trim(s));
}

// Strips trailing separators and closes the clause with a period.
std::string close_clause(std::string_view clause) {
    std::string out = trimmed_clause(clause);
    while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':' ||
                            out.back() == '-' || out.back() == ' ')) {
        out.pop_back();
    }
    // Unicode dashes end in 0x94/0x93 (U+2014, U+2013); drop them with their leading bytes.
    while (out.size() >= 3 && (out.ends_with("\u2014") || out.ends_with("\u2013"))) {
        out.resize(out.size() - 3);
        while (!out.empty() && out.back() == ' ') {
            out.pop_back();
        }
    }
    if (!out.empty() && out.back() != '.' && out.back() != '!' && out.back() != '?') {
        out.push_back('.');
    }
    return out;
}

bool balanced(std::string_view s) {
    const auto quotes = std::count(s.begin(), s.end(), '"');
    const auto open = std::count(s.begin(), s.end(), '(');
    const auto close = std::count(s.begin(), s.end(), ')');
    return quotes % 2 == 0 && open == close;
}

std::string remove_parentheticals(std::string_view text) {
    std::string out;
    int depth = 0;
    for (const char c : text) {
        if (c == '(') {
            ++depth;
        } else if (c == ')' && depth > 0) {
            --depth;
        } else if (depth == 0) {
            out.push_back(c);
        }
    }
    std::string collapsed;
    for (const char c : out) {
        if (c == ' ' && !collapsed.empty() && collapsed.back() == ' ') {
            continue;
        }
        if ((c == ',' || c == '.' || c == ';') && !collapsed.empty() && collapsed.back() == ' ') {
            collapsed.pop_back();
        }
        collapsed.push_back(c);
    }
    return trimmed_clause(collapsed);
}

// Words that open a subordinate clause; the main clause before them stands on its own.
// ("if" and "unless" are left out: dropping a condition would change the claim.)
constexpr auto kClauseOpeners = std::to_array<std::string_view>(
    {"when ", "while ", "which ", "because ", "where ", "whereas ", "so that "});

constexpr std::size_t kMinWordsBeforeColon = 6;  // "Pilot results:" is a label, not a clause

struct Cut {
    std::size_t at;  // the clause is text[0, at)
    std::size_t min_words;
};

// True when the comma at `at` separates items of a list ("weight, temperature, heart rate and
// activity"): cutting there would drop the items after it. A list item is short (at most four
// words) and is followed by another separator or a closing "and"/"or" (in the four languages);
// a longer phrase after the comma ("de 250 g cada uno, tostados ...") is an aside, not a list.
bool continues_list(std::string_view text, std::size_t at) {
    constexpr std::size_t kMaxItemWords = 4;
    const auto end_of_clause = text.find_first_of(".;:!?", at);
    const std::string_view rest =
        text.substr(at + 1, end_of_clause == std::string_view::npos ? std::string_view::npos
                                                                    : end_of_clause - at - 1);
    const std::string_view next = text::trim(rest);
    for (const std::string_view conj : {"and ", "or ", "y ", "o ", "und ", "oder ", "et ", "ou "}) {
        if (next.starts_with(conj)) {
            // ", and activity" closes a list; ", and it re-plans the day" is a new clause.
            const std::string_view item = next.substr(0, next.find(", "));
            return count_words(item) <= kMaxItemWords + 1;
        }
    }
    if (std::any_of(kClauseOpeners.begin(), kClauseOpeners.end(),
                    [&](std::string_view w) { return next.starts_with(w); }) ||
        next.starts_with("but ") || next.starts_with("so ")) {
        return false;  // ", which ...", ", but ..." open a new clause, not a list item
    }
    std::size_t item_end = next.size();
    for (const std::string_view sep :
         {", ", " and ", " or ", " y ", " o ", " und ", " oder ", " et ", " ou "}) {
        item_end = std::min(item_end, next.find(sep));
    }
    const bool more = item_end < next.size();
    return more && count_words(next.substr(0, item_end)) <= kMaxItemWords;
}

std::vector<Cut> clause_cuts(std::string_view text) {
    std::vector<Cut> cuts;
    bool skip_first_comma = opens_with_preposition(text);
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        const char c = text[i];
        const std::string_view rest = text.substr(i + 1);
        if ((c == '.' || c == '!' || c == '?' || c == ';') && rest.front() == ' ') {
            cuts.push_back({i + 1, 3});
        } else if (c == ',' && rest.front() == ' ' && skip_first_comma) {
            skip_first_comma = false;  // the introductory phrase ends here
        } else if (c == ':' && rest.front() == ' ') {
            cuts.push_back({i, kMinWordsBeforeColon});
        } else if ((c == ',' && rest.front() == ' ' && !continues_list(text, i)) ||
                   (c == ' ' && (rest.starts_with("\u2014 ") || rest.starts_with("\u2013 ") ||
                                 rest.starts_with("- ") || rest.starts_with("(")))) {
            cuts.push_back({i, 3});  // a comma that does not continue a list, a dash, a bracket
        } else if (c == ' ' &&
                   std::any_of(kClauseOpeners.begin(), kClauseOpeners.end(),
                               [&](std::string_view w) { return rest.starts_with(w); })) {
            cuts.push_back({i, 4});
        }
    }
    return cuts;
}

}  // namespace

// "Across 140 buildings monitored for a year, energy use fell 18%": the phrase before the first
// comma of a sentence that opens with a preposition is not a clause; cutting there loses the
// claim.
bool opens_with_preposition(std::string_view text) {
    static constexpr auto kPrepositions = std::to_array<std::string_view>(
        {"across",  "in",      "for",     "with",   "after",     "during", "since",  "over",
         "under",   "at",      "on",      "by",     "from",      "among",  "before", "between",
         "within",  "without", "despite", "thanks", "according", "en",     "con",    "desde",
         "durante", "tras",    "para",    "según",  "in",        "mit",    "seit",   "nach",
         "bei",     "während", "für",     "laut",   "dans",      "avec",   "depuis", "après",
         "pendant", "pour",    "selon"});
    const auto space = text.find(' ');
    const std::string first = text::ascii_lower(text.substr(0, space));
    return std::find(kPrepositions.begin(), kPrepositions.end(), first) != kPrepositions.end();
}

std::optional<std::string> shorten_at_clause(std::string_view text, std::size_t max_len,
                                             const LengthFn& length) {
    if (length(text) <= max_len) {
        return std::string(text);
    }
    const std::string base = remove_parentheticals(text);
    if (length(base) <= max_len && count_words(base) >= 3) {
        return base;
    }
    std::optional<std::string> best;
    for (const auto& cut : clause_cuts(base)) {
        std::string clause = close_clause(std::string_view(base).substr(0, cut.at));
        if (count_words(clause) < cut.min_words || !balanced(clause) || length(clause) > max_len) {
            continue;
        }
        if (!best || clause.size() > best->size()) {
            best = std::move(clause);
        }
    }
    return best;
}

std::vector<std::string> split_independent(std::string_view text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::size_t skip = 0;
        if (text.substr(i).starts_with("; ")) {
            skip = 2;
        } else if (text.substr(i).starts_with(", and ")) {
            skip = 6;
        }
        if (skip == 0) {
            continue;
        }
        const std::string_view head = text.substr(start, i - start);
        const std::string_view tail = text.substr(i + skip);
        if (count_words(head) >= 4 && count_words(tail) >= 4 && balanced(head)) {
            parts.push_back(close_clause(head));
            start = i + skip;
        }
    }
    std::string last = trimmed_clause(text.substr(start));
    if (!parts.empty() && !last.empty()) {
        last[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(last[0])));
    }
    parts.push_back(std::move(last));
    return parts;
}

}  // namespace swarm::core::agents
