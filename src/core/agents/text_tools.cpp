#include "core/agents/text_tools.hpp"

#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace swarm::core::agents {
namespace {

constexpr auto kAbbreviations =
    std::to_array<std::string_view>({"e.g", "i.e", "etc", "vs", "inc", "ltd", "co", "dr", "mr",
                                     "mrs", "ms", "st", "no", "approx", "u.s", "jr", "sr"});

constexpr auto kStopwords = std::to_array<std::string_view>(
    {"the",    "and",   "for",   "with",    "that",     "this",      "from",   "into",  "our",
     "your",   "their", "its",   "are",     "was",      "were",      "been",   "being", "have",
     "has",    "had",   "will",  "would",   "can",      "could",     "should", "may",   "might",
     "must",   "not",   "but",   "all",     "any",      "each",      "more",   "most",  "less",
     "than",   "then",  "them",  "they",    "you",      "who",       "what",   "when",  "where",
     "which",  "why",   "how",   "also",    "just",     "about",     "over",   "under", "after",
     "before", "very",  "per",   "via",     "out",      "off",       "one",    "two",   "three",
     "new",    "get",   "gets",  "make",    "makes",    "made",      "use",    "uses",  "used",
     "using",  "aimed", "aim",   "prepare", "announce", "write",     "create", "post",  "posts",
     "thread", "deck",  "slide", "slides",  "investor", "investors", "help",   "helps", "today",
     "now",    "like",  "only",  "other",   "some",     "such"});

bool is_ascii_alnum(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

bool is_word_byte(char c) {
    return is_ascii_alnum(c) || static_cast<unsigned char>(c) >= 0x80;
}

bool is_space_byte(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// True when the '.' at `pos` closes a known abbreviation ("e.g.", "Inc.").
bool ends_abbreviation(std::string_view text, std::size_t pos) {
    std::size_t start = pos;
    while (start > 0 && !is_space_byte(text[start - 1]) && text[start - 1] != '(') {
        --start;
    }
    const std::string word = text::ascii_lower(text.substr(start, pos - start));
    return std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

// A sentence may start after the terminator: a capital, a digit, a quote, '$' or non-ASCII.
bool starts_sentence(char c) {
    return std::isupper(static_cast<unsigned char>(c)) != 0 ||
           std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '"' || c == '(' || c == '$' ||
           c == '*' || static_cast<unsigned char>(c) >= 0x80;
}

std::string trimmed(std::string_view s) {
    return std::string(text::trim(s));
}

}  // namespace

std::size_t char_length(std::string_view text) {
    return text::length(text);
}

namespace {

// "Ab dem 15. März", "am 3. Mai 2027": a German ordinal date, not the end of a sentence.
bool is_ordinal_date(std::string_view text, std::size_t dot) {
    std::size_t digits = 0;
    while (digits < dot && digits < 3 &&
           std::isdigit(static_cast<unsigned char>(text[dot - digits - 1])) != 0) {
        ++digits;
    }
    if (digits == 0 || digits > 2 ||
        (dot > digits && std::isalnum(static_cast<unsigned char>(text[dot - digits - 1])) != 0)) {
        return false;
    }
    static constexpr auto kMonths = std::to_array<std::string_view>(
        {"Januar", "Jänner", "Februar",   "März",    "April",    "Mai",      "Juni",
         "Juli",   "August", "September", "Oktober", "November", "Dezember", "Jan.",
         "Feb.",   "Aug.",   "Sept.",     "Okt.",    "Nov.",     "Dez."});
    const std::string_view rest = text.substr(std::min(text.size(), dot + 2));
    return std::any_of(kMonths.begin(), kMonths.end(),
                       [&](std::string_view m) { return rest.starts_with(m); });
}

}  // namespace

std::vector<std::string> split_sentences(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '.' && c != '!' && c != '?') {
            continue;
        }
        std::size_t end = i + 1;
        while (end < text.size() && (text[end] == '"' || text[end] == ')' || text[end] == '*')) {
            ++end;
        }
        if (end < text.size()) {
            if (!is_space_byte(text[end])) {
                continue;
            }
            std::size_t next = end;
            while (next < text.size() && is_space_byte(text[next])) {
                ++next;
            }
            if (next < text.size() && !starts_sentence(text[next])) {
                continue;
            }
        }
        if (c == '.' && (ends_abbreviation(text, i) || is_ordinal_date(text, i))) {
            continue;
        }
        if (auto s = trimmed(text.substr(start, end - start)); !s.empty()) {
            out.push_back(std::move(s));
        }
        start = end;
        i = end - 1;
    }
    if (auto s = trimmed(text.substr(std::min(start, text.size()))); !s.empty()) {
        out.push_back(std::move(s));
    }
    return out;
}

std::size_t count_words(std::string_view text) {
    std::size_t words = 0;
    bool in_token = false;
    bool has_alnum = false;
    for (const char32_t cp : text::decode(text)) {
        if (text::is_space(cp)) {
            words += (in_token && has_alnum) ? 1U : 0U;
            in_token = false;
            has_alnum = false;
            continue;
        }
        in_token = true;
        has_alnum = has_alnum || text::is_letter_or_mark(cp) || text::is_digit(cp);
    }
    return words + ((in_token && has_alnum) ? 1U : 0U);
}

std::vector<std::string> extract_numbers(std::string_view text) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) {
            ++i;
            continue;
        }
        std::size_t begin = i;
        if (begin > 0 && (text[begin - 1] == '$' || text[begin - 1] == '+')) {
            --begin;
        }
        std::size_t end = i;
        while (end < text.size()) {
            const char c = text[end];
            const bool sep = (c == '.' || c == ',' || c == '/' || c == ':') &&
                             end + 1 < text.size() &&
                             std::isdigit(static_cast<unsigned char>(text[end + 1])) != 0;
            if (std::isdigit(static_cast<unsigned char>(c)) == 0 && !sep) {
                break;
            }
            end += sep ? 2 : 1;
        }
        // A percent or plus sign, or a unit letter ending the word ("4M", "3x"), belongs to it.
        if (end < text.size() &&
            (text[end] == '%' || text[end] == '+' ||
             (std::string_view("MKBmkbx").find(text[end]) != std::string_view::npos &&
              (end + 1 == text.size() || !is_word_byte(text[end + 1]))))) {
            ++end;
        }
        out.emplace_back(text.substr(begin, end - begin));
        i = end;
    }
    return out;
}

std::string clean_markup(std::string_view text) {
    std::string_view s = text::trim(text);
    while (!s.empty() && s.front() == '#') {
        s.remove_prefix(1);
    }
    s = text::trim(s);
    if (s.starts_with("- ") || s.starts_with("* ") || s.starts_with("+ ")) {
        s.remove_prefix(2);
    } else if (s.starts_with("\u2022 ")) {
        s.remove_prefix(4);
    } else {
        std::size_t digits = 0;
        while (digits < s.size() && std::isdigit(static_cast<unsigned char>(s[digits])) != 0) {
            ++digits;
        }
        if (digits > 0 && digits + 1 < s.size() && (s[digits] == '.' || s[digits] == ')') &&
            s[digits + 1] == ' ') {
            s.remove_prefix(digits + 2);
        }
    }
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((s[i] == '*' || s[i] == '_') && i + 1 < s.size() && s[i + 1] == s[i]) {
            ++i;
            continue;
        }
        if (s[i] == '`') {
            continue;
        }
        const char c = is_space_byte(s[i]) ? ' ' : s[i];
        if (c == ' ' && !out.empty() && out.back() == ' ') {
            continue;
        }
        out.push_back(c);
    }
    return trimmed(out);
}

std::string stem(std::string_view lower_word) {
    std::string w(lower_word);
    if (w.size() > 5 && w.ends_with("ies")) {
        return w.substr(0, w.size() - 3) + "y";
    }
    for (const std::string_view suffix : {"ings", "ing", "ers", "er", "ed"}) {
        if (w.size() >= suffix.size() + 4 && w.ends_with(suffix)) {
            w.resize(w.size() - suffix.size());
            const char last = w.back();
            if (w.size() >= 4 && last == w[w.size() - 2] && last != 'l' && last != 's') {
                w.pop_back();
            }
            return w;
        }
    }
    if (w.size() >= 5 && (w.ends_with("ches") || w.ends_with("shes") || w.ends_with("xes"))) {
        return w.substr(0, w.size() - 2);
    }
    if (w.size() >= 4 && w.back() == 's' && !w.ends_with("ss") && !w.ends_with("us")) {
        w.pop_back();
    }
    return w;
}

std::vector<std::string> keywords(std::string_view text) {
    std::vector<std::string> out;
    std::string word;
    const auto flush = [&] {
        if (word.size() >= 3 &&
            std::find(kStopwords.begin(), kStopwords.end(), word) == kStopwords.end()) {
            out.push_back(stem(word));
        }
        word.clear();
    };
    for (const char c : text) {
        if (is_word_byte(c)) {
            word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        } else {
            flush();
        }
    }
    flush();
    return out;
}

bool contains_phrase(std::string_view text, std::string_view phrase) {
    const std::string hay = text::fold_case(text);
    const std::string needle = text::fold_case(text::trim(phrase));
    if (needle.empty()) {
        return false;
    }
    for (auto pos = hay.find(needle); pos != std::string::npos; pos = hay.find(needle, pos + 1)) {
        const bool left_ok = pos == 0 || !is_ascii_alnum(hay[pos - 1]);
        const auto after = pos + needle.size();
        const bool right_ok = after >= hay.size() || !is_ascii_alnum(hay[after]);
        if (left_ok && right_ok) {
            return true;
        }
    }
    return false;
}

std::string camel_hashtag(const std::vector<std::string>& words) {
    std::string tag = "#";
    for (const auto& word : words) {
        std::string w;
        for (const char c : word) {
            if (is_word_byte(c)) {
                w.push_back(c);
            }
        }
        if (w.empty()) {
            continue;
        }
        const bool acronym = w.size() >= 2 && std::none_of(w.begin(), w.end(), [](char c) {
                                 return std::islower(static_cast<unsigned char>(c)) != 0;
                             });
        if (!acronym) {
            w = text::ascii_lower(w);
            w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
        }
        tag += w;
    }
    return tag;
}

bool same_hashtag(std::string_view a, std::string_view b) {
    while (!a.empty() && a.front() == '#') {
        a.remove_prefix(1);
    }
    while (!b.empty() && b.front() == '#') {
        b.remove_prefix(1);
    }
    return text::fold_case(a) == text::fold_case(b);
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) {
            out += separator;
        }
        out += p;
    }
    return out;
}

bool stems_match(const std::string& a, const std::string& b) {
    if (a == b) {
        return true;
    }
    const auto& shorter = a.size() < b.size() ? a : b;
    const auto& longer = a.size() < b.size() ? b : a;
    return shorter.size() >= 4 && longer.starts_with(shorter);
}

std::string sentence_case(std::string text) {
    if (!text.empty() && std::islower(static_cast<unsigned char>(text[0])) != 0) {
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    }
    return text;
}

bool starts_with_pronoun(std::string_view text) {
    const auto end = text.find_first_of(" ,.");
    const std::string first = text::ascii_lower(text.substr(0, end));
    for (const std::string_view p : {"it", "this", "that", "these", "those", "they", "he", "she",
                                     "its", "their", "his", "her", "both"}) {
        if (first == p) {
            return true;
        }
    }
    return false;
}

}  // namespace swarm::core::agents
