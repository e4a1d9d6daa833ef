#include "core/knowledge/inline_markup.hpp"

#include "core/knowledge/statement_words.hpp"

#include <cstddef>

namespace swarm::core::knowledge {

namespace {

using words::is_word_byte;

bool is_ascii_punct(char c) {
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

/// "[text](url)" or "[text][ref]" at `open`: appends the stripped text and returns the index
/// after the construct, or 0 when this bracket is not a link.
std::size_t take_link(std::string_view s, std::size_t open, std::string& out) {
    const std::size_t close = s.find(']', open + 1);
    if (close == std::string_view::npos || close + 1 >= s.size()) {
        return 0;
    }
    const char next = s[close + 1];
    if (next != '(' && next != '[') {
        return 0;
    }
    const std::size_t end = s.find(next == '(' ? ')' : ']', close + 2);
    if (end == std::string_view::npos) {
        return 0;
    }
    out += strip_inline_markup(s.substr(open + 1, close - open - 1));
    return end + 1;
}

/// "<https://example.com>" at `open`: appends the address and returns the index after it, or 0.
std::size_t take_autolink(std::string_view s, std::size_t open, std::string& out) {
    const std::string_view rest = s.substr(open + 1);
    if (rest.rfind("http://", 0) != 0 && rest.rfind("https://", 0) != 0 &&
        rest.rfind("mailto:", 0) != 0) {
        return 0;
    }
    const std::size_t close = rest.find_first_of("> \t\n");
    if (close == std::string_view::npos || rest[close] != '>') {
        return 0;
    }
    out += rest.substr(0, close);
    return open + 1 + close + 1;
}

}  // namespace

std::string strip_inline_markup(std::string_view markdown) {
    const std::string_view s = markdown;
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        const char next = i + 1 < s.size() ? s[i + 1] : '\0';
        if (c == '\\' && is_ascii_punct(next)) {
            out += next;
            i += 2;
            continue;
        }
        std::size_t after = 0;
        if (c == '[' || (c == '!' && next == '[')) {
            after = take_link(s, c == '!' ? i + 1 : i, out);
        } else if (c == '<') {
            after = take_autolink(s, i, out);
        }
        if (after != 0) {
            i = after;
            continue;
        }
        const bool intra_word_underscore =
            c == '_' && i > 0 && is_word_byte(s[i - 1]) && is_word_byte(next);
        const bool markup = c == '*' || c == '`' || (c == '~' && next == '~') ||
                            (c == '_' && !intra_word_underscore);
        if (markup) {
            i += c == '~' ? 2 : 1;
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

}  // namespace swarm::core::knowledge
