#include "core/knowledge/markdown_blocks.hpp"

#include "core/knowledge/inline_markup.hpp"
#include "core/knowledge/statement_roles.hpp"
#include "core/text/utf8.hpp"

#include <cctype>
#include <cstddef>
#include <utility>

namespace swarm::core::knowledge {

namespace {

using text::trim;

bool is_blank_char(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}

std::size_t indent_of(std::string_view line) {
    std::size_t n = 0;
    for (const char c : line) {
        if (c == ' ') {
            ++n;
        } else if (c == '\t') {
            n += 4;
        } else {
            break;
        }
    }
    return n;
}

/// Lines made only of one of `-*_` (at least three, spaces allowed): a thematic break.
bool is_thematic_break(std::string_view trimmed) {
    if (trimmed.empty() || (trimmed[0] != '-' && trimmed[0] != '*' && trimmed[0] != '_')) {
        return false;
    }
    std::size_t marks = 0;
    for (const char c : trimmed) {
        if (c == trimmed[0]) {
            ++marks;
        } else if (c != ' ' && c != '\t') {
            return false;
        }
    }
    return marks >= 3;
}

/// Length of a list marker at the start of `trimmed` ("- ", "* ", "+ ", "12. ", "3) "), or 0.
/// `ordinal` receives the number of an ordered marker (0 for bullets).
std::size_t list_marker_length(std::string_view trimmed, long& ordinal) {
    ordinal = 0;
    std::size_t i = 0;
    if (!trimmed.empty() && (trimmed[0] == '-' || trimmed[0] == '*' || trimmed[0] == '+')) {
        i = 1;
    } else {
        while (i < trimmed.size() && i < 9 && is_ascii_digit(trimmed[i])) {
            ordinal = ordinal * 10 + (trimmed[i] - '0');
            ++i;
        }
        if (i == 0 || i >= trimmed.size() || (trimmed[i] != '.' && trimmed[i] != ')')) {
            return 0;
        }
        ++i;
    }
    if (i < trimmed.size() && trimmed[i] != ' ' && trimmed[i] != '\t') {
        return 0;
    }
    return i;
}

bool is_table_row(std::string_view trimmed) {
    return !trimmed.empty() && trimmed[0] == '|';
}

/// Accumulates blocks line by line.
class BlockParser {
public:
    explicit BlockParser(TextFormat format) : markdown_(format == TextFormat::kMarkdown) {}

    void line(std::string_view raw);
    std::vector<Block> finish();

private:
    enum class Mode { kNone, kParagraph, kList, kCode };

    bool code_line(std::string_view raw);
    bool fence_open(std::string_view raw);
    bool atx_heading(std::string_view raw);
    bool setext_underline(std::string_view trimmed);
    bool list_item(std::string_view raw, std::string_view trimmed);
    void text_line(std::string_view raw, std::string_view trimmed);
    void flush();
    void set_heading(std::size_t level, std::string title);
    std::string joined_paragraph() const;

    bool markdown_;
    Mode mode_ = Mode::kNone;
    std::vector<std::pair<std::size_t, std::string>> headings_;
    std::string heading_path_;
    std::vector<std::string> lines_;  // paragraph lines, list items or code lines
    bool blank_in_list_ = false;
    std::string fence_;  // the opening fence while inside fenced code
    std::vector<Block> blocks_;
};

void BlockParser::line(std::string_view raw) {
    if (mode_ == Mode::kCode) {
        code_line(raw);
        return;
    }
    const std::string_view trimmed = trim(raw);
    if (trimmed.empty()) {
        if (mode_ == Mode::kList) {
            blank_in_list_ = true;
        } else {
            flush();
        }
        return;
    }
    if (markdown_ && indent_of(raw) < 4 &&
        (fence_open(raw) || atx_heading(raw) || setext_underline(trimmed))) {
        return;
    }
    if (is_thematic_break(trimmed)) {
        flush();
        return;
    }
    if (list_item(raw, trimmed)) {
        return;
    }
    text_line(raw, trimmed);
}

bool BlockParser::code_line(std::string_view raw) {
    const std::string_view trimmed = trim(raw);
    const bool closes = trimmed.size() >= fence_.size() &&
                        trimmed.find_first_not_of(fence_[0]) == std::string_view::npos;
    if (closes) {
        flush();
    } else {
        lines_.emplace_back(raw);
    }
    return true;
}

bool BlockParser::fence_open(std::string_view raw) {
    const std::string_view trimmed = trim(raw);
    if (trimmed.size() < 3 || (trimmed[0] != '`' && trimmed[0] != '~')) {
        return false;
    }
    const std::size_t run = trimmed.find_first_not_of(trimmed[0]);
    const std::size_t length = run == std::string_view::npos ? trimmed.size() : run;
    if (length < 3) {
        return false;
    }
    flush();
    mode_ = Mode::kCode;
    fence_.assign(length, trimmed[0]);
    return true;
}

bool BlockParser::atx_heading(std::string_view raw) {
    std::string_view s = trim(raw);
    const std::size_t level = s.find_first_not_of('#');
    const std::size_t hashes = level == std::string_view::npos ? s.size() : level;
    if (hashes == 0 || hashes > 6 || (hashes < s.size() && s[hashes] != ' ' && s[hashes] != '\t')) {
        return false;
    }
    s = trim(s.substr(hashes));
    // An optional closing sequence: "## Title ##".
    const std::size_t last = s.find_last_not_of('#');
    if (last == std::string_view::npos) {
        s = {};
    } else if (last + 1 < s.size() && is_blank_char(s[last])) {
        s = trim(s.substr(0, last + 1));
    }
    flush();
    set_heading(hashes, strip_inline_markup(s));
    return true;
}

bool BlockParser::setext_underline(std::string_view trimmed) {
    if (mode_ != Mode::kParagraph || (trimmed[0] != '=' && trimmed[0] != '-') ||
        trimmed.find_first_not_of(trimmed[0]) != std::string_view::npos) {
        return false;
    }
    std::string title = strip_inline_markup(joined_paragraph());
    lines_.clear();
    mode_ = Mode::kNone;
    set_heading(trimmed[0] == '=' ? 1 : 2, std::move(title));
    return true;
}

bool BlockParser::list_item(std::string_view raw, std::string_view trimmed) {
    long ordinal = 0;
    if (list_marker_length(trimmed, ordinal) == 0) {
        return false;
    }
    // Only "1." may interrupt a paragraph: a wrapped line starting "2026. " is text.
    if (mode_ == Mode::kParagraph && ordinal > 1) {
        return false;
    }
    if (mode_ != Mode::kList) {
        flush();
        mode_ = Mode::kList;
    }
    blank_in_list_ = false;
    // Nested items keep a little indentation so the passage still reads as a nested list.
    const std::size_t indent = indent_of(raw) >= 2 ? 2 : 0;
    lines_.push_back(std::string(indent, ' ') + std::string(trimmed));
    return true;
}

void BlockParser::text_line(std::string_view raw, std::string_view trimmed) {
    if (mode_ == Mode::kList) {
        // Lazy continuation, or an indented paragraph inside the item after a blank line.
        if (!blank_in_list_ || indent_of(raw) >= 2) {
            lines_.back() += ' ';
            lines_.back() += trimmed;
            blank_in_list_ = false;
            return;
        }
        flush();
    }
    mode_ = Mode::kParagraph;
    lines_.emplace_back(trimmed);
}

std::string BlockParser::joined_paragraph() const {
    std::string text;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        if (i > 0) {
            const bool table = is_table_row(lines_[i]) || is_table_row(lines_[i - 1]);
            // "About Brewline" on the line above the text it heads (plain-text style) stays
            // apart, or it would glue onto the first sentence.
            const bool heading_line =
                i == 1 && is_heading_line(lines_[0]) && !lines_[1].empty() &&
                std::isupper(static_cast<unsigned char>(lines_[1].front())) != 0;
            text += table ? "\n" : heading_line ? "\n\n" : " ";
        }
        text += lines_[i];
    }
    return text;
}

void BlockParser::flush() {
    Block block;
    block.heading = heading_path_;
    switch (mode_) {
        case Mode::kNone:
            break;
        case Mode::kParagraph:
            block.kind = BlockKind::kParagraph;
            block.items.push_back(joined_paragraph());
            break;
        case Mode::kList:
            block.kind = BlockKind::kList;
            block.items = std::move(lines_);
            break;
        case Mode::kCode: {
            block.kind = BlockKind::kCode;
            std::string code;
            for (const auto& l : lines_) {
                code += l;
                code += '\n';
            }
            if (!trim(code).empty()) {
                block.items.push_back(std::move(code));
            }
            break;
        }
    }
    if (!block.items.empty()) {
        blocks_.push_back(std::move(block));
    }
    lines_.clear();
    mode_ = Mode::kNone;
    blank_in_list_ = false;
    fence_.clear();
}

void BlockParser::set_heading(std::size_t level, std::string title) {
    while (!headings_.empty() && headings_.back().first >= level) {
        headings_.pop_back();
    }
    headings_.emplace_back(level, std::move(title));
    heading_path_.clear();
    for (const auto& [unused, text] : headings_) {
        if (text.empty()) {
            continue;
        }
        if (!heading_path_.empty()) {
            heading_path_ += " > ";
        }
        heading_path_ += text;
    }
}

std::vector<Block> BlockParser::finish() {
    flush();
    return std::move(blocks_);
}

/// Number of leading lines taken by YAML front matter ("---" ... "---" or "..."), or 0.
std::size_t front_matter_lines(const std::vector<std::string_view>& lines) {
    if (lines.empty() || trim(lines[0]) != "---") {
        return 0;
    }
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const std::string_view t = trim(lines[i]);
        if (t == "---" || t == "...") {
            return i + 1;
        }
    }
    return 0;
}

}  // namespace

TextFormat format_for_name(std::string_view name) {
    const std::size_t dot = name.rfind('.');
    if (dot == std::string_view::npos || name.size() - dot != 4) {
        return TextFormat::kMarkdown;
    }
    std::string ext(name.substr(dot));
    for (char& c : ext) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return ext == ".txt" ? TextFormat::kPlain : TextFormat::kMarkdown;
}

std::string normalize_newlines(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
        } else {
            out += text[i];
        }
    }
    return out;
}

std::vector<Block> parse_blocks(std::string_view text, TextFormat format) {
    const std::string normalized = normalize_newlines(text);
    std::vector<std::string_view> lines;
    std::string_view rest = normalized;
    while (!rest.empty()) {
        const std::size_t nl = rest.find('\n');
        lines.push_back(rest.substr(0, nl));
        rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    }
    const std::size_t skip = format == TextFormat::kMarkdown ? front_matter_lines(lines) : 0;
    BlockParser parser(format);
    for (std::size_t i = skip; i < lines.size(); ++i) {
        parser.line(lines[i]);
    }
    return parser.finish();
}

}  // namespace swarm::core::knowledge
