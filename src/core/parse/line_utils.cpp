#include "core/parse/line_utils.hpp"

#include "core/text/utf8.hpp"

namespace swarm::core::parse {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::size_t sequence_length(unsigned char lead) {
    if (lead < 0x80U) {
        return 1;
    }
    if (lead >= 0xC2U && lead <= 0xDFU) {
        return 2;
    }
    if (lead >= 0xE0U && lead <= 0xEFU) {
        return 3;
    }
    if (lead >= 0xF0U && lead <= 0xF4U) {
        return 4;
    }
    return 0;
}

// What one code point becomes in the normalised text; empty means "a space".
std::string normalized_form(char32_t cp) {
    if (cp < 0x80) {
        const char c = static_cast<char>(cp);
        if (c == '*' || c == '_' || c == '`' || c == '~' || text::is_space(cp)) {
            return {};
        }
        return std::string(1, lower(c));
    }
    if (cp == 0x2013 || cp == 0x2014 || cp == 0x2015 || cp == 0x2212) {
        return "-";
    }
    if (cp == 0x2018 || cp == 0x2019) {
        return "'";
    }
    if (cp == 0x201C || cp == 0x201D) {
        return "\"";
    }
    if (cp == 0x1D54F) {  // MATHEMATICAL DOUBLE-STRUCK CAPITAL X, the "𝕏" logo
        return "x";
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) {  // full-width ASCII
        return std::string(1, lower(static_cast<char>(cp - 0xFEE0)));
    }
    if (text::is_space(cp) || is_emoji_noise(cp)) {
        return {};
    }
    std::string out;
    text::append_utf8(out, cp);
    return out;
}

}  // namespace

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        lines.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::string join_paragraphs(const std::vector<std::string>& lines) {
    std::string out;
    bool pending_blank = false;
    for (const auto& raw : lines) {
        std::string_view line = raw;
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
            line.remove_suffix(1);
        }
        if (is_blank(line)) {
            pending_blank = !out.empty();
            continue;
        }
        if (!out.empty()) {
            out += pending_blank ? "\n\n" : "\n";
        }
        pending_blank = false;
        out += line;
    }
    return out;
}

bool is_blank(std::string_view line) {
    return text::trim(line).empty();
}

bool istarts_with(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (lower(s[i]) != lower(prefix[i])) {
            return false;
        }
    }
    return true;
}

std::size_t ifind(std::string_view haystack, std::string_view needle, std::size_t from) {
    if (needle.empty()) {
        return from <= haystack.size() ? from : std::string_view::npos;
    }
    for (std::size_t i = from; i + needle.size() <= haystack.size(); ++i) {
        if (istarts_with(haystack.substr(i), needle)) {
            return i;
        }
    }
    return std::string_view::npos;
}

char32_t code_point_at(std::string_view s, std::size_t pos, std::size_t& length) {
    length = 1;
    if (pos >= s.size()) {
        return kReplacement;
    }
    const auto lead = static_cast<unsigned char>(s[pos]);
    const std::size_t n = sequence_length(lead);
    if (n == 0 || pos + n > s.size()) {
        return kReplacement;
    }
    if (n == 1) {
        return lead;
    }
    const auto cps = text::decode(s.substr(pos, n));
    if (cps.size() != 1 || cps.front() == kReplacement) {
        return kReplacement;
    }
    length = n;
    return cps.front();
}

bool is_emoji_noise(char32_t cp) {
    if (cp < 0x80) {
        return false;
    }
    return (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x200D || cp == 0x20E3 ||
           (cp >= 0xE0020 && cp <= 0xE007F) || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
           text::is_emoji_component(cp);
}

std::string_view strip_list_marker(std::string_view line, bool& had_marker) {
    had_marker = false;
    std::string_view s = text::trim(line);
    for (const std::string_view marker : {"- ", "* ", "+ ", "• ", "‣ ", "◦ ", "▪ ", "– ", "→ "}) {
        if (s.starts_with(marker)) {
            had_marker = true;
            return text::trim(s.substr(marker.size()));
        }
    }
    std::size_t digits = 0;
    while (digits < s.size() && digits < 3 && s[digits] >= '0' && s[digits] <= '9') {
        ++digits;
    }
    if (digits > 0 && digits + 1 < s.size() && (s[digits] == '.' || s[digits] == ')') &&
        (s[digits + 1] == ' ' || s[digits + 1] == '\t')) {
        had_marker = true;
        return text::trim(s.substr(digits + 2));
    }
    return s;
}

std::string_view strip_emphasis(std::string_view s) {
    s = text::trim(s);
    const auto is_mark = [](char c) {
        return c == '*' || c == '_' || c == '`' || c == '~';
    };
    while (!s.empty() && is_mark(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && is_mark(s.back())) {
        s.remove_suffix(1);
    }
    return text::trim(s);
}

std::string_view strip_leading_decoration(std::string_view s) {
    std::size_t pos = 0;
    while (pos < s.size()) {
        const char c = s[pos];
        if (c == ' ' || c == '\t' || c == '*' || c == '_' || c == '`' || c == '~') {
            ++pos;
            continue;
        }
        std::size_t len = 0;
        const char32_t cp = code_point_at(s, pos, len);
        if (cp < 0x80 || !(is_emoji_noise(cp) || text::is_space(cp))) {
            break;
        }
        pos += len;
    }
    return s.substr(pos);
}

Normalized normalize(std::string_view s, std::size_t max_bytes) {
    Normalized out;
    const std::size_t limit = s.size() < max_bytes ? s.size() : max_bytes;
    out.text.reserve(limit);
    bool pending_space = false;
    std::size_t pos = 0;
    while (pos < limit) {
        std::size_t len = 0;
        const char32_t cp = code_point_at(s, pos, len);
        if (pos + len > limit) {
            break;
        }
        const std::string form = normalized_form(cp);
        if (form.empty()) {
            pending_space = !out.text.empty();
        } else {
            if (pending_space) {
                out.text.push_back(' ');
                out.origin.push_back(pos);
                out.origin_end.push_back(pos);
                pending_space = false;
            }
            for (const char c : form) {
                out.text.push_back(c);
                out.origin.push_back(pos);
                out.origin_end.push_back(pos + len);
            }
        }
        pos += len;
    }
    return out;
}

std::string simplify(std::string_view s, std::size_t max_bytes) {
    return normalize(s, max_bytes).text;
}

bool has_word(std::string_view simplified, std::string_view word) {
    std::size_t pos = simplified.find(word);
    while (pos != std::string_view::npos) {
        const bool left_ok = pos == 0 || !is_ascii_alnum(simplified[pos - 1]);
        const std::size_t end = pos + word.size();
        const bool right_ok = end >= simplified.size() || !is_ascii_alnum(simplified[end]);
        if (left_ok && right_ok) {
            return true;
        }
        pos = simplified.find(word, pos + 1);
    }
    return false;
}

std::vector<std::string_view> words_of(std::string_view simplified) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < simplified.size()) {
        while (i < simplified.size() && !is_ascii_alnum(simplified[i]) && simplified[i] != '\'') {
            ++i;
        }
        const std::size_t start = i;
        while (i < simplified.size() && (is_ascii_alnum(simplified[i]) || simplified[i] == '\'')) {
            ++i;
        }
        if (i > start) {
            words.push_back(simplified.substr(start, i - start));
        }
    }
    return words;
}

bool is_separator_line(std::string_view line) {
    const std::string_view s = text::trim(line);
    if (s.size() < 3) {
        return false;
    }
    std::size_t marks = 0;
    std::size_t pos = 0;
    while (pos < s.size()) {
        std::size_t len = 0;
        const char32_t cp = code_point_at(s, pos, len);
        if (cp == '-' || cp == '*' || cp == '_' || cp == '=' || cp == 0x2500 || cp == 0x2501 ||
            cp == 0x2014 || cp == 0x2013 || cp == 0x2550) {
            ++marks;
        } else if (cp != ' ' && cp != '\t') {
            return false;
        }
        pos += len;
    }
    return marks >= 3;
}

bool is_fence_line(std::string_view line) {
    const std::string_view s = text::trim(line);
    return s.starts_with("```") || s.starts_with("~~~");
}

std::optional<Label> split_label(std::string_view line) {
    constexpr std::size_t kMaxLabel = 48;
    bool marker = false;
    std::string_view s = strip_list_marker(line, marker);
    while (!s.empty() && s.front() == '>') {
        s = text::trim(s.substr(1));
    }
    s = strip_leading_decoration(s);
    const auto colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > kMaxLabel) {
        return std::nullopt;
    }
    const std::string_view name = s.substr(0, colon);
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == ' ' || c == '/' || c == '(' || c == ')' ||
                        c == '-' || c == '&' || c == '*' || c == '_' || c == '\'';
        if (!ok) {
            return std::nullopt;
        }
    }
    std::string_view value = s.substr(colon + 1);
    if (value.starts_with("//")) {
        return std::nullopt;  // "https://..."
    }
    value = text::trim(value);
    if (value.starts_with("**") || value.starts_with("__")) {
        value = text::trim(value.substr(2));
    } else if (value.starts_with("*") || value.starts_with("_")) {
        value = text::trim(value.substr(1));
    }
    Label label{simplify(name), std::string(value)};
    if (label.name.empty()) {
        return std::nullopt;
    }
    return label;
}

bool contains_url(std::string_view s) {
    return ifind(s, "http://") != std::string_view::npos ||
           ifind(s, "https://") != std::string_view::npos ||
           ifind(s, "www.") != std::string_view::npos;
}

}  // namespace swarm::core::parse
