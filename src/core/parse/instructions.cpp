// Lines addressed to the writer: the prompt's rules, examples and role echoed back by a model (or
// left in a document). The evidence is the shape of a rule (an imperative or a "should/must" about
// the text itself) plus a word about writing (hashtags, characters, tone, hook ...); reader-facing
// calls to action share the imperative but not the meta-words, so they are kept.
#include "core/parse/instructions.hpp"

#include "core/parse/line_utils.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>

namespace swarm::core::parse {
namespace {

using Words = std::vector<std::string_view>;

// Words about the form of the writing: a reader is rarely told about these.
constexpr std::array<std::string_view, 46> kFormatMeta{
    "hashtag",      "hashtags",   "emoji",    "emojis",    "characters", "character",
    "chars",        "words",      "tone",     "voice",     "hook",       "hooks",
    "cta",          "ctas",       "sentence", "sentences", "paragraph",  "paragraphs",
    "format",       "formatting", "markdown", "bullet",    "bullets",    "placeholder",
    "placeholders", "brackets",   "jargon",   "buzzwords", "cliches",    "length",
    "headline",     "headlines",  "audience", "output",    "template",   "structure",
    "exclamation",  "person",     "wording",  "phrasing",  "style",      "limit",
    "preamble",     "narration",  "fold",     "brief"};

// Words naming the text being written; with a writing verb they make a rule.
constexpr std::array<std::string_view, 16> kObjectMeta{
    "post",    "posts", "tweet", "tweets", "thread", "threads", "linkedin", "twitter",
    "content", "copy",  "slide", "slides", "deck",   "caption", "response", "version"};

// Verbs that only a writer is asked to do to a text.
constexpr std::array<std::string_view, 16> kWritingVerbs{
    "write",  "create", "draft",  "compose", "generate",  "produce", "craft",   "rewrite",
    "output", "return", "format", "respond", "structure", "mimic",   "imitate", "paraphrase"};

// Imperatives that make a rule when a format word follows ("Keep it under 280 characters").
constexpr std::array<std::string_view, 34> kRuleVerbs{
    "use",     "avoid",     "include",   "keep",      "make",   "ensure", "remember",
    "start",   "begin",     "end",       "open",      "close",  "lead",   "mention",
    "add",     "insert",    "focus",     "limit",     "aim",    "stick",  "follow",
    "provide", "highlight", "emphasize", "emphasise", "target", "tailor", "adapt",
    "stay",    "put",       "place",     "replace",   "vary",   "match"};

constexpr std::array<std::string_view, 10> kNegations{"do",     "don't", "dont", "never", "always",
                                                      "please", "avoid", "no",   "not",   "only"};

// Labels that open a block of rules or examples in a prompt.
constexpr std::array<std::string_view, 22> kRuleLabels{
    "rules",      "rule",        "requirements",  "requirement", "instructions",  "instruction",
    "guidelines", "constraints", "output format", "format",      "wrong",         "right",
    "incorrect",  "correct",     "template",      "tone",        "tone of voice", "target audience",
    "audience",   "style guide", "examples",      "output"};

// Labels that are rules only when they stand alone ("Example:") - "Example: we cut onboarding
// from 14 days to 2" is content.
constexpr std::array<std::string_view, 6> kBareLabels{"example", "example post", "example output",
                                                      "sample",  "sample post",  "bad example"};

constexpr std::array<std::string_view, 6> kShouldWords{"should",  "must",   "shouldn't",
                                                       "mustn't", "cannot", "needs"};

bool any_in(const Words& w, std::size_t from, const auto& list) {
    for (std::size_t i = from; i < w.size(); ++i) {
        if (in(list, w[i])) {
            return true;
        }
    }
    return false;
}

// A word about the form of the writing at i; "audience", "voice" and "person" only in their
// writing senses ("target audience", "brand voice", "first person").
bool format_word(const Words& w, std::size_t i) {
    if (!in(kFormatMeta, w[i])) {
        return false;
    }
    const std::string_view before = i > 0 ? w[i - 1] : std::string_view();
    if (w[i] == "audience") {
        return before == "target";
    }
    if (w[i] == "voice") {
        return before == "brand" || before == "of";
    }
    if (w[i] == "person") {
        return before == "first" || before == "second" || before == "third";
    }
    return true;
}

bool format_meta(const Words& w, std::size_t from) {
    for (std::size_t i = from; i < w.size(); ++i) {
        if (format_word(w, i)) {
            return true;
        }
    }
    return false;
}

bool starts(const Words& w, std::size_t at, std::initializer_list<std::string_view> seq) {
    for (const auto s : seq) {
        if (at >= w.size() || w[at] != s) {
            return false;
        }
        ++at;
    }
    return true;
}

// "✅ Good:", "❌ Bad:", "✗ Wrong", "WRONG:", "DO:", "DON'T:".
bool marked_label(std::string_view raw, std::string_view label, const Words& w) {
    static constexpr std::array<std::string_view, 10> kJudged{
        "good", "bad", "wrong", "right", "correct", "incorrect", "do", "don't", "dont", "avoid"};
    if (w.empty() || !in(kJudged, w[0])) {
        return false;
    }
    std::string_view t = text::trim(raw);
    while (!t.empty() && (t.front() == '*' || t.front() == '_' || t.front() == ' ')) {
        t.remove_prefix(1);
    }
    const bool mark = t.starts_with("\xE2\x9C\x85") || t.starts_with("\xE2\x9D\x8C") ||
                      t.starts_with("\xE2\x9C\x97") || t.starts_with("\xE2\x9C\x93") ||
                      t.starts_with("\xE2\x9C\x94") || t.starts_with("\xE2\x9D\x8E") ||
                      t.starts_with("\xF0\x9F\x9A\xAB");
    if (mark) {
        return !label.empty() || w.size() <= 2;
    }
    // Shouting without a mark: "WRONG:", "DON'T:" (a "Right:" in prose is not enough).
    const std::string_view body = strip_leading_decoration(t);
    const std::string_view head = body.substr(0, body.find(':'));
    const bool shouted =
        std::none_of(head.begin(), head.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    return !label.empty() && shouted;
}

// The text before the first ':' when it is a short label; empty otherwise.
std::string label_of(std::string_view simple) {
    const std::size_t colon = simple.find(':');
    if (colon > 30) {  // npos too
        return {};
    }
    std::string label(text::trim(simple.substr(0, colon)));
    while (!label.empty() &&
           (label.front() == '#' || label.front() == '-' || label.front() == '>')) {
        label.erase(label.begin());
    }
    return std::string(text::trim(label));
}

bool label_rule(std::string_view raw, std::string_view simple, const Words& w) {
    const std::string label = label_of(simple);
    if (marked_label(raw, label, w)) {
        return true;
    }
    if (label.empty()) {
        // A bare heading: "Output format", "Rules", "Examples".
        const std::string whole(text::trim(simple));
        return w.size() <= 3 &&
               (whole == "output format" || whole == "rules" || whole == "examples" ||
                whole == "requirements" || whole == "instructions" || whole == "guidelines");
    }
    if (in(kRuleLabels, label)) {
        return true;
    }
    const std::string_view after = text::trim(simple.substr(simple.find(':') + 1));
    return in(kBareLabels, label) &&
           (after.empty() || after.front() == '[' || after.front() == '"');
}

bool role_statement(const Words& w, std::string_view simple) {
    if (starts(w, 0, {"you", "are", "a"}) || starts(w, 0, {"you", "are", "an"}) ||
        starts(w, 0, {"you're", "a"}) || starts(w, 0, {"you're", "an"}) ||
        starts(w, 0, {"act", "as"}) || starts(w, 0, {"your", "task"}) ||
        starts(w, 0, {"your", "job", "is"}) || starts(w, 0, {"your", "goal", "is"}) ||
        starts(w, 0, {"your", "role"})) {
        // "You are a ..." in a post addressed to the reader needs a writing word to count.
        return any_in(w, 2, kObjectMeta) || format_meta(w, 2) || any_in(w, 2, kWritingVerbs) ||
               has_word(simple, "writer") || has_word(simple, "copywriter") ||
               has_word(simple, "marketer") || has_word(simple, "assistant") ||
               has_word(simple, "expert") || w[0] == "act";
    }
    // "Note for whoever drafts the deck: ...", "Note to the writer: ...".
    if ((starts(w, 0, {"note", "for"}) || starts(w, 0, {"note", "to"}) ||
         starts(w, 0, {"notes", "for"})) &&
        w.size() > 2 &&
        (w[2] == "whoever" || w[2] == "the" || w[2] == "writer" || w[2] == "copywriter" ||
         w[2] == "marketing" || w[2] == "you")) {
        return any_in(w, 2, kObjectMeta) || any_in(w, 2, kWritingVerbs) ||
               has_word(simple, "writer") || has_word(simple, "whoever") ||
               has_word(simple, "drafts") || has_word(simple, "writes");
    }
    if (starts(w, 0, {"you", "will"}) || starts(w, 0, {"you", "must"}) ||
        starts(w, 0, {"you", "should"})) {
        return any_in(w, 2, kWritingVerbs) || format_meta(w, 2);
    }
    return false;
}

// "The post should ...", "Each tweet must ...", "Your LinkedIn post needs ...", "It should be
// under 280 characters".
// "Slide 3:" (any case, any number) at the start, and the spaces after it.
std::string_view strip_slide_label(std::string_view t) {
    constexpr std::string_view kSlide = "slide ";
    if (t.size() <= kSlide.size() ||
        !text::ascii_lower(t.substr(0, kSlide.size())).starts_with(kSlide)) {
        return t;
    }
    std::size_t i = kSlide.size();
    const std::size_t digits = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
        ++i;
    }
    if (i == digits || i >= t.size() || t[i] != ':') {
        return t;
    }
    return text::trim(t.substr(i + 1));
}

bool should_statement(const Words& w) {
    for (std::size_t i = 1; i < w.size() && i <= 4; ++i) {
        if (!in(kShouldWords, w[i])) {
            continue;
        }
        bool subject = false;
        for (std::size_t j = 0; j < i; ++j) {
            subject = subject || in(kObjectMeta, w[j]) || format_word(w, j);
        }
        return subject || (i == 1 && w[0] == "it" && format_meta(w, 2));
    }
    return false;
}

bool imperative_rule(const Words& w) {
    std::size_t at = 0;
    bool negated = false;
    while (at < w.size() && at < 3 && in(kNegations, w[at])) {
        negated = negated || w[at] != "please";
        // "Avoid hashtags": avoid is both a negation and the verb.
        if (w[at] == "avoid") {
            return format_meta(w, at + 1);
        }
        ++at;
    }
    if (at < w.size() && w[at] == "not") {
        ++at;
    }
    if (at >= w.size()) {
        return false;
    }
    const std::string_view verb = w[at];
    if (in(kWritingVerbs, verb)) {
        return any_in(w, at + 1, kObjectMeta) || format_meta(w, at + 1);
    }
    if (verb == "follow") {
        return starts(w, at + 1, {"the", "format"}) || starts(w, at + 1, {"this", "format"}) ||
               starts(w, at + 1, {"the", "structure"}) ||
               starts(w, at + 1, {"this", "structure"}) || starts(w, at + 1, {"the", "template"}) ||
               starts(w, at + 1, {"these", "rules"}) || starts(w, at + 1, {"the", "rules"});
    }
    if (in(kRuleVerbs, verb) || (verb == "be" && starts(w, at + 1, {"sure"}))) {
        return format_meta(w, at + 1);
    }
    // "Never start with ...", "No hashtags", "Only one emoji".
    return negated && format_meta(w, at) && w.size() <= 14;
}

// A written hashtag ("#Launch"), not a Markdown header or "#1".
bool has_hashtag(std::string_view t) {
    for (std::size_t p = t.find('#'); p != std::string_view::npos; p = t.find('#', p + 1)) {
        const bool start = p == 0 || t[p - 1] == ' ';
        const char next = p + 1 < t.size() ? t[p + 1] : ' ';
        if (start && ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z'))) {
            return true;
        }
    }
    return false;
}

}  // namespace

bool is_writer_instruction(std::string_view line) {
    // "## Slide 3: Churn cannot wait" is a deck's heading (render_deck writes it): the label is
    // structure, the title is judged alone ("slide" must not become the subject of a rule).
    std::string_view heading = text::trim(line);
    while (!heading.empty() && heading.front() == '#') {
        heading.remove_prefix(1);
    }
    heading = text::trim(heading);
    if (const auto title = strip_slide_label(heading); title.size() != heading.size()) {
        return is_writer_instruction(title);
    }
    bool marker = false;
    std::string_view t = strip_list_marker(text::trim(line), marker);
    while (!t.empty() && (t.front() == '#' || t.front() == '>')) {
        t.remove_prefix(1);
    }
    const std::string simple = simplify(t, 600);
    Words w = words_of(simple);
    if (has_hashtag(t)) {
        // "Use the hashtag #FieldnoteLaunch to share your story" asks the reader.
        std::erase_if(w, [](std::string_view x) { return x == "hashtag" || x == "hashtags"; });
    }
    if (w.empty() || w.size() > 60) {
        return false;
    }
    return label_rule(t, simple, w) || role_statement(w, simple) || should_statement(w) ||
           imperative_rule(w);
}

bool is_instruction_only(std::string_view text) {
    bool instruction = false;
    for (const auto& line : split_lines(text)) {
        if (is_blank(line) || is_separator_line(line)) {
            continue;
        }
        if (is_writer_instruction(line)) {
            instruction = true;
        } else if (!is_slot_only(line)) {
            return false;
        }
    }
    return instruction;
}

namespace {

// "WRONG:", "✅ Good:", "Example:" with nothing after the colon: a label opening an example block.
// "Rules:" or "Format:" open lists of rules, which go line by line.
bool opens_block(std::string_view line) {
    static constexpr std::array<std::string_view, 14> kExampleLabels{
        "wrong",    "right",  "bad", "good",  "correct", "incorrect", "example",
        "examples", "sample", "do",  "don't", "dont",    "avoid",     "bad example"};
    const std::string_view t = strip_emphasis(line);
    if (!t.ends_with(':') || !is_writer_instruction(line)) {
        return false;
    }
    const std::string simple = simplify(t.substr(0, t.size() - 1));
    const Words w = words_of(simple);
    return !w.empty() && w.size() <= 2 && in(kExampleLabels, w.front());
}

}  // namespace

std::size_t remove_instruction_lines(std::vector<std::string>& lines) {
    std::size_t removed = 0;
    const auto clear = [&](std::string& l) {
        removed += is_blank(l) ? std::size_t{0} : std::size_t{1};
        l.clear();
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (is_blank(lines[i]) || !is_writer_instruction(lines[i])) {
            continue;
        }
        const bool block = opens_block(lines[i]);
        clear(lines[i]);
        if (!block) {
            continue;
        }
        std::size_t j = i + 1;
        const bool alone = j >= lines.size() || is_blank(lines[j]);
        while (alone && j < lines.size() && is_blank(lines[j])) {
            ++j;
        }
        for (; j < lines.size() && !is_blank(lines[j]); ++j) {
            clear(lines[j]);
        }
        i = j;
    }
    return removed;
}

std::size_t remove_slot_lines(std::vector<std::string>& lines) {
    std::size_t removed = 0;
    for (auto& l : lines) {
        if (!is_blank(l) && is_slot_only(l)) {
            l.clear();
            ++removed;
        }
    }
    return removed;
}

}  // namespace swarm::core::parse
