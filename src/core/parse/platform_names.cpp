#include "core/parse/platform_names.hpp"

#include "core/parse/line_utils.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace swarm::core::parse {
namespace {

struct NameEntry {
    std::string name;  // simplified
    Platform platform;
    bool generic;
};

std::vector<NameEntry> build_names() {
    std::vector<NameEntry> names{
        {"linkedin", Platform::kLinkedIn, false},
        {"linked in", Platform::kLinkedIn, false},
        {"linked-in", Platform::kLinkedIn, false},
        {"twitter / x", Platform::kTwitter, false},
        {"x / twitter", Platform::kTwitter, false},
        {"twitter/x", Platform::kTwitter, false},
        {"x/twitter", Platform::kTwitter, false},
        {"twitter", Platform::kTwitter, false},
        {"tweets", Platform::kTwitter, true},
        {"tweet", Platform::kTwitter, true},
        {"threads", Platform::kTwitter, true},
        {"thread", Platform::kTwitter, true},
        {"investor pitch deck", Platform::kPitchDeck, false},
        {"investor deck", Platform::kPitchDeck, false},
        {"pitch deck", Platform::kPitchDeck, false},
        {"pitch-deck", Platform::kPitchDeck, false},
        {"pitchdeck", Platform::kPitchDeck, false},
        {"slide deck", Platform::kPitchDeck, false},
        {"deck", Platform::kPitchDeck, true},
    };
    // Every alias of the registry is accepted too; short ones ("x", "li") need markup.
    for (const auto& platform_spec : all_platforms()) {
        for (const std::string_view alias : platform_spec.aliases) {
            std::string key = simplify(alias);
            const bool known = std::any_of(names.begin(), names.end(),
                                           [&](const NameEntry& e) { return e.name == key; });
            if (!known && !key.empty()) {
                names.push_back({std::move(key), platform_spec.platform, alias.size() <= 2});
            }
        }
    }
    std::stable_sort(names.begin(), names.end(), [](const NameEntry& a, const NameEntry& b) {
        return a.name.size() > b.name.size();
    });
    return names;
}

const std::vector<NameEntry>& names() {
    static const std::vector<NameEntry> kNames = build_names();
    return kNames;
}

constexpr std::array<std::string_view, 51> kQualifiers{
    "post",      "posts",     "content", "copy",       "draft",        "text",   "version",
    "update",    "article",   "caption", "thread",     "threads",      "tweet",  "tweets",
    "slides",    "slide",     "outline", "deck",       "presentation", "format", "section",
    "output",    "option",    "variant", "example",    "sample",       "piece",  "entry",
    "final",     "improved",  "revised", "updated",    "rewritten",    "edited", "polished",
    "optimized", "optimised", "refined", "continued",  "cont",         "contd",  "part",
    "script",    "v",         "words",   "characters", "chars",        "char",   "examples",
    "template",  "templates"};

constexpr std::array<std::string_view, 23> kLeading{
    "the",     "your",     "our",       "final",       "improved",  "revised",
    "updated", "polished", "edited",    "optimized",   "optimised", "refined",
    "new",     "for",      "draft",     "complete",    "full",      "sample",
    "example", "proposed", "suggested", "recommended", "template"};

constexpr std::array<std::string_view, 13> kRevisedWords{
    "improved",  "revised",   "updated", "final",     "rewritten", "edited",  "polished",
    "optimized", "optimised", "refined", "corrected", "fixed",     "enhanced"};

bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool is_number_token(std::string_view w) {
    if (w.empty()) {
        return false;
    }
    std::size_t i = (w.front() == 'v' && w.size() > 1) ? 1 : 0;
    for (; i < w.size(); ++i) {
        if (!((w[i] >= '0' && w[i] <= '9') || w[i] == '/')) {
            return false;
        }
    }
    return true;
}

int leading_number(std::string_view w) {
    int n = 0;
    for (const char c : w) {
        if (c >= '0' && c <= '9') {
            n = n * 10 + (c - '0');
            if (n > 10000) {
                break;
            }
        } else if (c != 'v') {
            break;
        }
    }
    return n;
}

// Reads a word at p: letters/digits/apostrophes, plus "/digits" after digits (e.g. "1/5").
std::string_view word_at(std::string_view s, std::size_t p) {
    std::size_t e = p;
    while (e < s.size() && (is_alnum(s[e]) || s[e] == '\'')) {
        ++e;
    }
    while (e + 1 < s.size() && s[e] == '/' && e > p && is_alnum(s[e - 1]) && (is_alnum(s[e + 1]))) {
        ++e;
        while (e < s.size() && is_alnum(s[e])) {
            ++e;
        }
    }
    return s.substr(p, e - p);
}

void apply_word(std::string_view word, std::string_view previous, NameFlags& flags) {
    if (in(kRevisedWords, word)) {
        flags.revised = true;
    } else if (word == "continued" || word == "cont" || word == "contd" || word == "continuation") {
        flags.continued = true;
    } else if (word == "thread" || word == "threads" || word == "tweets") {
        flags.thread = true;
    } else if (word == "example" || word == "examples" || word == "sample" || word == "template" ||
               word == "templates") {
        flags.example = true;
    } else if (is_number_token(word)) {
        const int n = leading_number(word);
        if (previous == "version" || previous == "v" || word.front() == 'v') {
            flags.revised = flags.revised || n >= 2;
        } else if (previous == "part") {
            flags.continued = flags.continued || n >= 2;
        } else {
            flags.ordinal = true;
        }
    }
}

enum class TailEnd { kEnd, kSeparator, kReject };

struct Tail {
    TailEnd end = TailEnd::kEnd;
    std::size_t pos = 0;
};

// Consumes qualifiers, numbers and parentheticals after a name.
Tail scan_tail(std::string_view s, std::size_t p, bool generic, std::string_view name,
               NameFlags& flags) {
    std::string_view previous = name;
    bool right_after_name = true;
    while (true) {
        while (p < s.size() && s[p] == ' ') {
            ++p;
        }
        if (p >= s.size()) {
            return {TailEnd::kEnd, p};
        }
        const char c = s[p];
        if (c == '(' || c == '[') {
            const char close = c == '(' ? ')' : ']';
            const auto e = s.find(close, p + 1);
            const std::size_t stop = e == std::string_view::npos ? s.size() : e;
            const NameFlags inner = flags_from_words(s.substr(p + 1, stop - p - 1));
            flags.revised = flags.revised || inner.revised;
            flags.continued = flags.continued || inner.continued;
            flags.thread = flags.thread || inner.thread;
            flags.example = flags.example || inner.example;
            p = e == std::string_view::npos ? s.size() : e + 1;
            right_after_name = false;
            continue;
        }
        if (c == ':' || c == '-' || c == '|' || c == '.' || c == ',') {
            return {TailEnd::kSeparator, p};
        }
        const std::string_view w = word_at(s, p);
        if (w.empty()) {
            return {TailEnd::kReject, p};
        }
        if (is_number_token(w)) {
            if (generic && right_after_name) {
                return {TailEnd::kReject, p};  // "Tweet 1", "Thread 2/5": a marker, not a header
            }
            std::size_t q = p + w.size();
            while (q < s.size() && s[q] == ' ') {
                ++q;
            }
            const std::string_view next = word_at(s, q);
            if (next == "posts" || next == "tweets" || next == "slides" || next == "words" ||
                next == "characters" || next == "chars") {
                flags.thread = flags.thread || next == "tweets" || next == "posts";
                previous = next;
                right_after_name = false;
                p = q + next.size();
                continue;
            }
        } else if (!in(kQualifiers, w)) {
            return {TailEnd::kReject, p};
        }
        apply_word(w, previous, flags);
        previous = w;
        right_after_name = false;
        p += w.size();
    }
}

std::size_t skip_prefix(std::string_view s, NameMatch& match) {
    std::size_t p = 0;
    if (s.starts_with("platform")) {
        std::size_t q = 8;
        if (s.substr(q).starts_with(" name")) {
            q += 5;
        }
        while (q < s.size() && s[q] == ' ') {
            ++q;
        }
        if (q < s.size() && s[q] == ':') {
            match.label_form = true;
            p = q + 1;
        }
    }
    while (p < s.size() && s[p] == ' ') {
        ++p;
    }
    std::size_t d = p;
    while (d < s.size() && s[d] >= '0' && s[d] <= '9' && d - p < 3) {
        ++d;
    }
    if (d > p && d < s.size() && (s[d] == '.' || s[d] == ')' || s[d] == ':' || s[d] == ' ')) {
        p = d + 1;
    }
    for (int i = 0; i < 3; ++i) {
        while (p < s.size() && s[p] == ' ') {
            ++p;
        }
        const std::string_view w = word_at(s, p);
        if (w.empty() || !in(kLeading, w) || p + w.size() >= s.size()) {
            break;
        }
        apply_word(w, "", match.flags);
        p += w.size();
    }
    while (p < s.size() && s[p] == ' ') {
        ++p;
    }
    return p;
}

}  // namespace

NameFlags flags_from_words(std::string_view simplified) {
    NameFlags flags;
    const auto words = words_of(simplified);
    std::string_view previous;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto w = words[i];
        if (is_number_token(w)) {
            const std::string_view next = i + 1 < words.size() ? words[i + 1] : "";
            if ((next == "tweets" || next == "posts") && leading_number(w) >= 2) {
                flags.thread = true;
            } else if (previous == "version" || previous == "v" || previous == "part" ||
                       w.front() == 'v') {
                apply_word(w, previous, flags);
            }
        } else {
            apply_word(w, previous, flags);
        }
        previous = w;
    }
    flags.ordinal = false;
    return flags;
}

std::optional<NameMatch> match_platform_phrase(std::string_view s) {
    NameMatch match;
    const std::size_t p = skip_prefix(s, match);
    const NameEntry* found = nullptr;
    for (const auto& entry : names()) {
        if (s.substr(p).starts_with(entry.name)) {
            const std::size_t end = p + entry.name.size();
            if (end == s.size() || !(is_alnum(s[end]) || s[end] == '/')) {
                found = &entry;
                break;
            }
        }
    }
    if (found == nullptr) {
        return std::nullopt;
    }
    match.platform = found->platform;
    match.generic = found->generic;
    match.name_start = p;
    apply_word(found->name, "", match.flags);
    const Tail tail =
        scan_tail(s, p + found->name.size(), found->generic, found->name, match.flags);
    if (tail.end == TailEnd::kReject) {
        return std::nullopt;
    }
    // "X Thread", "Deck Outline": a short name with a qualifier is specific enough.
    const std::size_t name_end = p + found->name.size();
    if (match.generic && tail.pos > name_end &&
        s.substr(name_end, tail.pos - name_end).find_first_not_of(' ') != std::string_view::npos) {
        match.generic = false;
    }
    if (tail.end == TailEnd::kSeparator) {
        match.separator = s[tail.pos];
        match.separator_pos = tail.pos;
        NameFlags after = match.flags;
        const Tail rest = scan_tail(s, tail.pos + 1, false, "", after);
        if (rest.end == TailEnd::kEnd) {
            match.flags = after;
            match.words_after_separator =
                s.find_first_not_of(' ', tail.pos + 1) != std::string_view::npos;
        } else {
            std::size_t q = tail.pos + 1;
            while (q < s.size() && s[q] == ' ') {
                ++q;
            }
            match.inline_start = q;
        }
    }
    return match;
}

}  // namespace swarm::core::parse
