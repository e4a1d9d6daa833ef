#include "core/parse/narration.hpp"

#include "core/parse/line_utils.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>

namespace swarm::core::parse {
namespace {

using Words = std::vector<std::string_view>;

constexpr std::array<std::string_view, 20> kFillers{
    "sure",      "certainly", "of",      "course", "absolutely", "great", "perfect",
    "okay",      "ok",        "alright", "done",   "got",        "it",    "understood",
    "excellent", "sounds",    "good",    "here",   "we",         "go"};

constexpr std::array<std::string_view, 20> kLeadIns{
    "sure",    "certainly", "absolutely",   "great",  "perfect", "okay",     "ok",
    "alright", "so",        "now",          "next",   "first",   "then",     "finally",
    "lastly",  "also",      "additionally", "second", "third",   "excellent"};

constexpr std::array<std::string_view, 44> kVerbStems{
    "creat",    "writ",     "wrote",  "draft",    "generat", "validat", "check",   "verif",
    "research", "craft",    "compos", "review",   "revis",   "count",   "analy",   "rewrit",
    "refin",    "finali",   "format", "optimi",   "polish",  "double",  "retriev", "search",
    "look",     "calculat", "outlin", "structur", "prepar",  "produc",  "put",     "tailor",
    "adapt",    "adjust",   "ensur",  "assembl",  "split",   "gather",  "fetch",   "query",
    "summari",  "improv",   "updat",  "start"};

constexpr std::array<std::string_view, 44> kMetaNouns{
    "post",      "posts",      "content",  "thread",       "threads",    "tweet",   "tweets",
    "deck",      "slide",      "slides",   "version",      "versions",   "draft",   "drafts",
    "character", "characters", "words",    "word",         "linkedin",   "twitter", "platform",
    "platforms", "hashtag",    "hashtags", "output",       "copy",       "caption", "section",
    "sections",  "response",   "format",   "limit",        "limits",     "piece",   "pieces",
    "research",  "knowledge",  "brief",    "requirements", "guidelines", "request", "task",
    "count",     "materials"};

constexpr std::array<std::string_view, 11> kCountUnits{
    "words",  "word",   "characters", "character", "chars", "char",
    "tweets", "slides", "hashtags",   "limit",     "count"};

constexpr std::array<std::string_view, 10> kMetaIntros{
    "changes",           "key changes",  "improvements",     "what i changed", "what changed",
    "improvements made", "changes made", "key improvements", "validation",     "why this works"};

constexpr std::array<std::string_view, 12> kChecks{"characters", "chars", "words", "hashtags",
                                                   "hook",       "cta",   "limit", "under",
                                                   "within",     "tone",  "fold",  "count"};

bool has_any(const Words& words, std::size_t from, std::size_t to,
             const std::array<std::string_view, 44>& list) {
    for (std::size_t i = from; i < words.size() && i < to; ++i) {
        if (in(list, words[i])) {
            return true;
        }
    }
    return false;
}

// Verbs that say "on to the next piece" ("Now let me move on to the X thread", "Next, I'll do
// the deck"): narration only when the line also names a piece of output.
constexpr std::array<std::string_view, 12> kNextVerbs{"move", "turn",    "tackle",   "handle",
                                                      "do",   "switch",  "continue", "go",
                                                      "jump", "proceed", "wrap",     "finish"};

bool is_verb(std::string_view w) {
    return std::any_of(kVerbStems.begin(), kVerbStems.end(),
                       [&](std::string_view stem) { return w.starts_with(stem); });
}

bool starts_with_words(const Words& words, std::size_t at,
                       std::initializer_list<std::string_view> seq) {
    std::size_t i = at;
    for (const auto w : seq) {
        if (i >= words.size() || words[i] != w) {
            return false;
        }
        ++i;
    }
    return true;
}

// Length of a first-person process opener at `at` ("let me", "i'll", "i am going to" ...).
std::size_t opener_length(const Words& w, std::size_t at, bool& plural) {
    plural = false;
    if (starts_with_words(w, at, {"i", "am", "going", "to"})) {
        return 4;
    }
    if (starts_with_words(w, at, {"i'm", "going", "to"})) {
        return 3;
    }
    if (starts_with_words(w, at, {"let", "me"}) || starts_with_words(w, at, {"i", "will"}) ||
        starts_with_words(w, at, {"i", "need"}) || starts_with_words(w, at, {"i", "should"}) ||
        starts_with_words(w, at, {"i", "have"}) || starts_with_words(w, at, {"i", "would"}) ||
        starts_with_words(w, at, {"i", "can"}) || starts_with_words(w, at, {"i", "am"})) {
        return 2;
    }
    if (at < w.size() && (w[at] == "i'll" || w[at] == "i've" || w[at] == "i'd" || w[at] == "i'm")) {
        return 1;
    }
    if (at < w.size() && (w[at] == "let's" || w[at] == "we'll")) {
        plural = true;
        return 1;
    }
    return 0;
}

bool process_statement(const Words& w, std::size_t at, bool has_meta, bool middle,
                       std::string_view s) {
    bool plural = false;
    const std::size_t n = opener_length(w, at, plural);
    if (n == 0) {
        return false;
    }
    bool verb = false;
    for (std::size_t i = at + n; i < w.size() && i < at + n + 4; ++i) {
        verb = verb || is_verb(w[i]);
    }
    const bool announces = s.ends_with(":") || s.ends_with("...");
    bool next_piece = false;
    for (std::size_t i = at + n; i < w.size() && i < at + n + 4; ++i) {
        next_piece = next_piece || in(kNextVerbs, w[i]);
    }
    // First-person future about the next piece of output, whatever the verb: after "now" /
    // "next" / "then" or before a colon ("Now let me think about the X thread."), or with an
    // "on to the next" verb at a section edge ("I'll move on to the deck."). "I'll do a thread
    // on this next week" in the middle of a post is copy.
    const bool names_piece = has_any(w, at + n, w.size(), kMetaNouns);
    if (!verb && names_piece && (at > 0 || announces || (next_piece && !middle && !plural))) {
        return true;
    }
    if (!verb) {
        // "I've kept each tweet under 280 characters." talks about the text, not to the reader.
        return !plural && has_meta && has_any(w, at, w.size(), kMetaNouns) &&
               std::any_of(w.begin(), w.end(), [](auto x) { return in(kCountUnits, x); });
    }
    if (plural || middle) {
        return has_meta || announces;
    }
    return true;
}

bool here_statement(const Words& w, std::size_t at, bool middle, std::string_view s) {
    std::size_t n = 0;
    if (starts_with_words(w, at, {"here", "is"}) || starts_with_words(w, at, {"here", "are"}) ||
        starts_with_words(w, at, {"below", "is"}) || starts_with_words(w, at, {"below", "are"}) ||
        starts_with_words(w, at, {"the", "following"}) ||
        starts_with_words(w, at, {"based", "on"})) {
        n = 2;
    } else if (at < w.size() && (w[at] == "here's" || w[at] == "below")) {
        n = 1;
    }
    if (n == 0) {
        return false;
    }
    const bool meta = has_any(w, at + n, at + n + 4, kMetaNouns);
    if (!meta) {
        return false;
    }
    return !middle || s.ends_with(":") || w.size() <= 12;
}

constexpr std::array<std::string_view, 14> kAboutDraft{
    "me",          "like",   "prefer", "changes",   "change",    "adjust",        "tweak",
    "adjustments", "tweaks", "edits",  "revisions", "different", "modifications", "tone"};

// "Let me know if you'd like any changes" asks about the draft; "Let me know in the comments what
// you think" and "Let me know if you agree" ask the reader, and are copy.
bool sign_off_request(const Words& w) {
    const bool conditional = w.size() > 3 && (w[3] == "if" || w[3] == "whether");
    const bool about =
        std::any_of(w.begin() + 3, w.end(), [](auto x) { return in(kAboutDraft, x); });
    return (conditional && about) || has_any(w, 3, w.size(), kMetaNouns);
}

bool closing_statement(const Words& w, std::string_view s) {
    static constexpr std::array<std::string_view, 9> kAfterFree{
        "adjust", "modify", "tweak", "change", "edit", "customize", "customise", "use", "let"};
    if (starts_with_words(w, 0, {"let", "me", "know"})) {
        return sign_off_request(w);
    }
    if (starts_with_words(w, 0, {"would", "you", "like"}) ||
        starts_with_words(w, 0, {"do", "you", "want"}) || starts_with_words(w, 0, {"want", "me"}) ||
        starts_with_words(w, 0, {"shall", "i"}) || starts_with_words(w, 0, {"should", "i"}) ||
        starts_with_words(w, 0, {"i", "hope", "this"}) ||
        starts_with_words(w, 0, {"hope", "this"}) ||
        starts_with_words(w, 0, {"if", "you'd", "like"}) ||
        starts_with_words(w, 0, {"if", "you", "would", "like"}) ||
        starts_with_words(w, 0, {"in", "summary"})) {
        return true;
    }
    if (starts_with_words(w, 0, {"feel", "free", "to"}) ||
        starts_with_words(w, 0, {"happy", "to"})) {
        const std::size_t next = w[0] == "feel" ? 3 : 2;
        return next < w.size() && (in(kAfterFree, w[next]) || is_verb(w[next]));
    }
    std::string_view label = s;
    if (label.ends_with(":")) {
        label.remove_suffix(1);
        return in(kMetaIntros, text::trim(label));
    }
    return false;
}

// "This post is 245 words", "All tweets are under 280 characters", "The deck has 12 slides".
bool meta_statement(const Words& w) {
    static constexpr std::array<std::string_view, 9> kDeterminers{
        "this", "the", "each", "every", "all", "my", "our", "both", "total"};
    if (w.empty() || !in(kDeterminers, w[0]) || !has_any(w, 0, 3, kMetaNouns)) {
        return false;
    }
    const bool number = std::any_of(w.begin(), w.end(), [](auto x) {
        return !x.empty() && x.front() >= '0' && x.front() <= '9';
    });
    const bool limit = std::any_of(
        w.begin(), w.end(), [](auto x) { return x == "limit" || x == "under" || x == "within"; });
    const bool unit = std::any_of(w.begin(), w.end(), [](auto x) { return in(kCountUnits, x); });
    return unit && (number || limit);
}

bool checklist_line(std::string_view raw, const Words& w) {
    const std::string_view t = text::trim(raw);
    const bool check = t.starts_with("\xE2\x9C\x85") || t.starts_with("\xE2\x9C\x93") ||
                       t.starts_with("\xE2\x9C\x94") || t.starts_with("\xE2\x98\x91") ||
                       t.starts_with("[x]") || t.starts_with("- [x]");
    if (!check) {
        return false;
    }
    return std::any_of(w.begin(), w.end(), [](auto x) { return in(kChecks, x); });
}

std::string clean_for_matching(std::string_view line) {
    std::string_view t = text::trim(line);
    while (!t.empty() && (t.front() == '#' || t.front() == '>' || t.front() == '(')) {
        t.remove_prefix(1);
    }
    std::string s = simplify(t, 600);
    while (!s.empty() && (s.back() == ')' || s.back() == ' ')) {
        s.pop_back();
    }
    return s;
}

// "Sure! Every HVAC owner..." -> "Every HVAC owner...": an assistant's interjection glued to the
// first line of real content.
bool strip_filler_prefix(std::string& line) {
    static constexpr std::array<std::string_view, 10> kInterjections{
        "sure",    "certainly", "absolutely", "of course", "great",
        "perfect", "okay",      "ok",         "alright",   "got it"};
    const std::string_view t = text::trim(line);
    for (const auto word : kInterjections) {
        if (!istarts_with(t, word) || t.size() <= word.size() + 1) {
            continue;
        }
        const char mark = t[word.size()];
        if ((mark == '!' || mark == ',' || mark == '.') && t[word.size() + 1] == ' ') {
            line = std::string(text::trim(t.substr(word.size() + 1)));
            return true;
        }
    }
    return false;
}

}  // namespace

bool is_narration_line(std::string_view line, LinePosition position, bool deck) {
    const std::string s = clean_for_matching(line);
    if (s.empty()) {
        return false;
    }
    const Words w = words_of(s);
    if (w.empty()) {
        return false;
    }
    if (w.size() <= 3 && std::all_of(w.begin(), w.end(), [](auto x) { return in(kFillers, x); })) {
        return true;
    }
    const bool middle = position == LinePosition::kMiddle;
    if (closing_statement(w, s) || meta_statement(w) || checklist_line(line, w)) {
        return true;
    }
    std::size_t at = 0;
    while (at < w.size() && at < 4 && in(kLeadIns, w[at])) {
        ++at;
    }
    if (starts_with_words(w, at, {"now", "that"}) || starts_with_words(w, at, {"after", "that"})) {
        at += 2;
    }
    const bool has_meta = has_any(w, 0, w.size(), kMetaNouns);
    if (!deck && (w[0] == "note" || w[0] == "notes") && has_meta) {
        return true;  // "Note: I kept the post under 1,300 characters."
    }
    return process_statement(w, at, has_meta, middle, s) || here_statement(w, at, middle, s);
}

bool is_count_line(std::string_view line) {
    const std::string s = clean_for_matching(line);
    if (s.empty() || s.size() > 90) {
        return false;
    }
    const Words w = words_of(s);
    static constexpr std::array<std::string_view, 22> kAllowed{
        "word",   "words",  "character",     "characters", "chars", "char",   "count", "total",
        "length", "approx", "approximately", "about",      "under", "within", "limit", "tweet",
        "post",   "thread", "linkedin",      "twitter",    "x",     "per"};
    bool number_then_unit = false;
    std::size_t other = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
        const bool digit = w[i].front() >= '0' && w[i].front() <= '9';
        if (digit && i + 1 < w.size() && in(kCountUnits, w[i + 1])) {
            number_then_unit = true;
        }
        if (!digit && !in(kAllowed, w[i])) {
            ++other;
        }
    }
    const std::string_view t = text::trim(line);
    const bool shaped = t.starts_with("(") || t.starts_with("[") || t.starts_with("~") ||
                        s.find(':') != std::string::npos || t.find("\xE2\x9C") != std::string::npos;
    // "Tweet 1: 245 characters", "(212 words)"; not "10,000 words written this year".
    return number_then_unit && (other == 0 || (shaped && other <= 2));
}

namespace {

bool edge_noise(std::string_view line, bool deck) {
    return is_narration_line(line, LinePosition::kEdge, deck) || is_count_line(line);
}

// Leading and trailing narration, and an interjection glued to the first line of copy.
bool trim_edges(std::vector<std::string>& lines, bool deck) {
    bool removed = false;
    for (auto& line : lines) {
        if (is_blank(line)) {
            continue;
        }
        if (!edge_noise(line, deck)) {
            removed = strip_filler_prefix(line) || removed;
            break;
        }
        line.clear();
        removed = true;
    }
    for (std::size_t j = lines.size(); j > 0; --j) {
        if (is_blank(lines[j - 1])) {
            continue;
        }
        if (!edge_noise(lines[j - 1], deck)) {
            break;
        }
        lines[j - 1].clear();
        removed = true;
    }
    return removed;
}

// A closing meta block: an announcing narration line ("Key changes:") followed only by a list.
bool drop_closing_block(std::vector<std::string>& lines) {
    const auto only_list_after = [&](std::size_t k) {
        return std::all_of(lines.begin() + static_cast<std::ptrdiff_t>(k) + 1, lines.end(),
                           [](const std::string& l) {
                               bool marker = false;
                               strip_list_marker(l, marker);
                               return is_blank(l) || marker;
                           });
    };
    for (std::size_t k = 0; k < lines.size(); ++k) {
        const std::string_view t = text::trim(lines[k]);
        if (t.empty() || !t.ends_with(":") || !is_narration_line(t, LinePosition::kEdge)) {
            continue;
        }
        if (only_list_after(k)) {
            for (std::size_t i = k; i < lines.size(); ++i) {
                lines[i].clear();
            }
            return true;
        }
    }
    return false;
}

// Standalone narration paragraphs in the middle ("Now let me write the thread.").
bool drop_narration_paragraphs(std::vector<std::string>& lines, bool deck) {
    bool removed = false;
    std::size_t start = 0;
    while (start < lines.size()) {
        while (start < lines.size() && is_blank(lines[start])) {
            ++start;
        }
        std::size_t end = start;
        bool all = true;
        while (end < lines.size() && !is_blank(lines[end])) {
            all = all && is_narration_line(lines[end], LinePosition::kMiddle, deck);
            ++end;
        }
        if (all && end > start) {
            for (std::size_t i = start; i < end; ++i) {
                lines[i].clear();
            }
            removed = true;
        }
        start = end;
    }
    return removed;
}

}  // namespace

bool remove_narration(std::vector<std::string>& lines, bool deck) {
    // Glued sentences first ("Here is the post: Every HVAC owner ..." keeps its copy), then whole
    // lines at the edges, then glued sentences on the new edges.
    bool removed = trim_inline_narration(lines, deck);
    removed = trim_edges(lines, deck) || removed;
    removed = trim_inline_narration(lines, deck) || removed;
    if (!deck) {
        removed = drop_closing_block(lines) || removed;
    }
    return drop_narration_paragraphs(lines, deck) || removed;
}

}  // namespace swarm::core::parse
