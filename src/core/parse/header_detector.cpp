#include "core/parse/header_detector.hpp"

#include "core/parse/line_utils.hpp"
#include "core/parse/narration.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>

namespace swarm::core::parse {
namespace {

// Header names are short; anything longer is prose.
constexpr std::size_t kMaxHeaderBytes = 160;
constexpr std::size_t kMinPlainInlineWords = 6;

constexpr std::array<std::string_view, 40> kMetaHeaders{
    "posting schedule",    "posting recommendations",
    "posting times",       "posting time",
    "recommended posting", "best time to post",
    "best times to post",  "suggested posting",
    "scheduling",          "schedule",
    "validation",          "quality check",
    "quality checklist",   "character count",
    "character counts",    "word count",
    "word counts",         "hashtag strategy",
    "notes for",           "additional notes",
    "final notes",         "summary of changes",
    "changes made",        "key changes",
    "improvements made",   "what i changed",
    "rationale",           "strategy notes",
    "content strategy",    "metadata",
    "engagement strategy", "performance tips",
    "distribution plan",   "compliance check",
    "checklist",           "self-check",
    "self check",          "review notes",
    "editor notes",        "design notes"};

bool is_list_item(std::string_view s) {
    return s.starts_with("- ") || s.starts_with("* ") || s.starts_with("+ ") ||
           s.starts_with("• ") || s.starts_with(">");
}

// The text of a header line after its '#' marks, or the whole trimmed line.
std::string_view header_body(std::string_view trimmed, int level) {
    if (level == 0) {
        return trimmed;
    }
    std::string_view rest = trimmed.substr(static_cast<std::size_t>(level));
    while (!rest.empty() && rest.back() == '#') {
        rest.remove_suffix(1);  // closing "###" of an ATX header
    }
    return text::trim(rest);
}

bool markup_before(std::string_view body, std::size_t end) {
    const std::string_view head = body.substr(0, end < body.size() ? end : body.size());
    return head.find("**") != std::string_view::npos || head.find("__") != std::string_view::npos ||
           (!head.empty() && (head.front() == '*' || head.front() == '_'));
}

// The text after the separator; when the separator sits inside the bold span
// ("**LinkedIn Post:** Hello") the closing "**" goes too.
std::string inline_text(std::string_view body, const Normalized& norm, std::size_t separator,
                        bool bold) {
    if (separator >= norm.origin_end.size()) {
        return {};
    }
    std::string_view rest = text::trim(body.substr(norm.origin_end[separator]));
    if (bold) {
        const std::string_view before = body.substr(0, norm.origin[separator]);
        const auto opens = [&](std::string_view mark) {
            std::size_t n = 0;
            for (auto p = before.find(mark); p != std::string_view::npos;
                 p = before.find(mark, p + 2)) {
                ++n;
            }
            return n % 2 == 1;
        };
        if ((opens("**") && rest.starts_with("**")) || (opens("__") && rest.starts_with("__"))) {
            rest = text::trim(rest.substr(2));
        }
    }
    return std::string(rest);
}

}  // namespace

int atx_level(std::string_view line) {
    const std::string_view s = text::trim(line);
    std::size_t n = 0;
    while (n < s.size() && s[n] == '#') {
        ++n;
    }
    if (n == 0 || n > 6) {
        return 0;
    }
    if (n == s.size() || s[n] == ' ' || s[n] == '\t') {
        return static_cast<int>(n);
    }
    // "##LinkedIn" is a sloppy header; "#LinkedIn" is a hashtag.
    return n >= 2 ? static_cast<int>(n) : 0;
}

std::optional<HeaderMatch> detect_header(std::string_view line) {
    const std::string_view trimmed = text::trim(line);
    if (trimmed.empty() || is_list_item(trimmed)) {
        return std::nullopt;
    }
    const int level = atx_level(trimmed);
    const std::string_view body = header_body(trimmed, level);
    const Normalized norm = normalize(body, kMaxHeaderBytes + 1);
    const auto match = match_platform_phrase(norm.text);
    if (!match) {
        return std::nullopt;
    }
    const bool has_inline = match->inline_start != std::string_view::npos;
    if (!has_inline && body.size() > kMaxHeaderBytes) {
        return std::nullopt;
    }
    const std::size_t name_origin =
        match->name_start < norm.origin.size() ? norm.origin[match->name_start] : body.size();
    HeaderMatch header;
    header.platform = match->platform;
    header.flags = match->flags;
    header.level = level;
    header.bold = markup_before(body, name_origin + 1);
    const bool marked = level > 0 || header.bold || match->label_form;
    if (!marked) {
        // A plain line must be the name alone ("LinkedIn Post:"), or "LinkedIn: text" with a
        // specific name; numbered or generic plain lines are list items and thread markers.
        const bool starts_with_name = match->name_start == 0;
        if (match->generic || !starts_with_name) {
            return std::nullopt;
        }
        if ((has_inline && match->separator != ':') || match->words_after_separator) {
            return std::nullopt;
        }
        // "✅ LinkedIn: 118 words", "LinkedIn: 12,000 followers" are checklists and facts; a
        // plain header with content on its line must carry a real sentence.
        const auto lead = static_cast<unsigned char>(body.front());
        const std::string_view rest =
            std::string_view(norm.text).substr(std::min(match->inline_start, norm.text.size()));
        if (has_inline && (lead >= 0x80U || words_of(rest).size() < kMinPlainInlineWords ||
                           is_count_line(body) || is_narration_line(body, LinePosition::kEdge))) {
            return std::nullopt;
        }
        header.plain = true;
    }
    if (has_inline) {
        header.inline_content = inline_text(body, norm, match->separator_pos, header.bold);
    }
    return header;
}

bool is_meta_header(std::string_view line) {
    const std::string_view trimmed = text::trim(line);
    const int level = atx_level(trimmed);
    const std::string_view body = header_body(trimmed, level);
    const bool bold = body.starts_with("**") || body.starts_with("__");
    if ((level == 0 && !bold) || body.size() > kMaxHeaderBytes) {
        return false;
    }
    std::string s = simplify(body);
    std::size_t p = 0;
    while (p < s.size() && ((s[p] >= '0' && s[p] <= '9') || s[p] == '.' || s[p] == ' ')) {
        ++p;
    }
    const std::string_view rest = std::string_view(s).substr(p);
    for (const std::string_view name : kMetaHeaders) {
        if (rest.starts_with(name) &&
            (rest.size() == name.size() || rest[name.size()] == ' ' || rest[name.size()] == ':' ||
             rest[name.size()] == 's' || rest[name.size()] == '(')) {
            return true;
        }
    }
    return false;
}

}  // namespace swarm::core::parse
