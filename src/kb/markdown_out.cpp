#include "kb/markdown_out.hpp"

#include <algorithm>

namespace swarm::kb {

namespace {

/// A line that Markdown would read as structure ("# x", "- x", "1. x", "```") is escaped, so a
/// paragraph of a PDF that happens to start with '#' does not become a heading.
std::string escape_leading(std::string text) {
    if (text.empty()) {
        return text;
    }
    const char first = text[0];
    const bool marker =
        first == '#' || first == '>' || first == '`' || first == '~' ||
        ((first == '-' || first == '*' || first == '+') && text.size() > 1 && text[1] == ' ');
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
        ++digits;
    }
    const bool ordered = digits > 0 && digits + 1 < text.size() &&
                         (text[digits] == '.' || text[digits] == ')') && text[digits + 1] == ' ';
    if (!marker && !ordered) {
        return text;
    }
    const std::size_t at = ordered ? digits : 0;
    return text.substr(0, at) + '\\' + text.substr(at);
}

}  // namespace

std::string collapse_space(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool nbsp = c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0';
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || nbsp) {
            pending = true;
            i += nbsp ? 1 : 0;
            continue;
        }
        if (pending && !out.empty()) {
            out += ' ';
        }
        pending = false;
        out += c;
    }
    return out;
}

void MarkdownOut::start_block(Last kind) {
    if (last_ != Last::kNone) {
        out_ += kind == Last::kItem && last_ == Last::kItem ? "\n" : "\n\n";
    }
    last_ = kind;
}

void MarkdownOut::heading(int level, std::string_view text) {
    const std::string clean = collapse_space(text);
    if (clean.empty()) {
        return;
    }
    start_block(Last::kBlock);
    out_.append(static_cast<std::size_t>(std::clamp(level, 1, 6)), '#');
    out_ += ' ';
    out_ += clean;
}

void MarkdownOut::paragraph(std::string_view text) {
    std::string clean = escape_leading(collapse_space(text));
    if (clean.empty()) {
        return;
    }
    start_block(Last::kBlock);
    out_ += clean;
}

void MarkdownOut::item(std::string_view text) {
    const std::string clean = collapse_space(text);
    if (clean.empty()) {
        return;
    }
    start_block(Last::kItem);
    out_ += "- ";
    out_ += clean;
}

void MarkdownOut::row(const std::vector<std::string>& cells) {
    std::string line;
    bool any = false;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const std::string text = collapse_space(cells[i]);
        any = any || !text.empty();
        line += i == 0 ? text : " | " + text;
    }
    if (any) {
        item(line);
    }
}

}  // namespace swarm::kb
