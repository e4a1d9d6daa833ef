#include "core/parse/hashtags.hpp"

#include "core/parse/line_utils.hpp"
#include "core/text/utf8.hpp"

#include <unordered_set>

namespace swarm::core::parse {
namespace {

constexpr std::size_t kMaxTagCodePoints = 100;

bool is_tag_char(char32_t cp) {
    return cp == '_' || text::is_letter_or_mark(cp) || text::is_digit(cp) || cp == 0x200C;
}

// True when the character before `pos` forbids a hashtag there (a word, an URL path, "&#").
bool blocked_by_previous(std::string_view s, std::size_t pos) {
    if (pos == 0) {
        return false;
    }
    std::size_t start = pos - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0U) == 0x80U) {
        --start;
    }
    std::size_t len = 0;
    const char32_t prev = code_point_at(s, start, len);
    return is_tag_char(prev) || prev == '&' || prev == '#' || prev == '/' || prev == '@' ||
           prev == 0xFF03;
}

// '#' opening a Markdown header: first non-space of its line and followed by '#' or a space.
bool is_header_mark(std::string_view s, std::size_t pos, std::size_t line_start) {
    if (!text::trim(s.substr(line_start, pos - line_start)).empty()) {
        return false;
    }
    return pos + 1 < s.size() && (s[pos + 1] == '#' || s[pos + 1] == ' ');
}

std::size_t url_end(std::string_view s, std::size_t pos) {
    while (pos < s.size() && s[pos] != ' ' && s[pos] != '\n' && s[pos] != '\t' && s[pos] != ')' &&
           s[pos] != '>') {
        ++pos;
    }
    return pos;
}

bool starts_url(std::string_view s, std::size_t pos) {
    const std::string_view rest = s.substr(pos);
    return istarts_with(rest, "http://") || istarts_with(rest, "https://") ||
           istarts_with(rest, "www.");
}

// Reads the tag body after a '#' at `pos`; returns its byte length (0 when not a tag).
std::size_t tag_length(std::string_view s, std::size_t pos) {
    std::size_t end = pos;
    std::size_t count = 0;
    bool has_letter = false;
    while (end < s.size() && count < kMaxTagCodePoints) {
        std::size_t len = 0;
        const char32_t cp = code_point_at(s, end, len);
        if (!is_tag_char(cp)) {
            break;
        }
        has_letter = has_letter || text::is_letter_or_mark(cp);
        end += len;
        ++count;
    }
    return has_letter ? end - pos : 0;
}

}  // namespace

std::vector<std::string> extract_hashtags(std::string_view text) {
    std::vector<std::string> tags;
    std::size_t pos = 0;
    std::size_t line_start = 0;
    while (pos < text.size()) {
        const char c = text[pos];
        if (c == '\n') {
            line_start = pos + 1;
        }
        if ((c == 'h' || c == 'H' || c == 'w' || c == 'W') && starts_url(text, pos) &&
            !blocked_by_previous(text, pos)) {
            pos = url_end(text, pos);
            continue;
        }
        const bool hash = c == '#';
        const bool wide_hash = text.substr(pos).starts_with("\xEF\xBC\x83");  // U+FF03
        if ((!hash && !wide_hash) || blocked_by_previous(text, pos) ||
            (hash && is_header_mark(text, pos, line_start))) {
            ++pos;
            continue;
        }
        const std::size_t body = pos + (hash ? 1 : 3);
        const std::size_t len = tag_length(text, body);
        if (len == 0) {
            pos = body;
            continue;
        }
        std::string tag(1, '#');
        tag.append(text.substr(body, len));
        tags.push_back(std::move(tag));
        pos = body + len;
    }
    return tags;
}

void merge_hashtags(std::vector<std::string>& into, const std::vector<std::string>& tags) {
    std::unordered_set<std::string> seen;
    for (const auto& have : into) {
        seen.insert(text::fold_case(have));
    }
    for (const auto& tag : tags) {
        if (seen.insert(text::fold_case(tag)).second) {
            into.push_back(tag);
        }
    }
}

bool is_hashtag_only_line(std::string_view line) {
    const auto tags = extract_hashtags(line);
    if (tags.empty()) {
        return false;
    }
    std::size_t tag_bytes = 0;
    for (const auto& t : tags) {
        tag_bytes += t.size();
    }
    std::size_t other = 0;
    for (const char c : line) {
        if (c != ' ' && c != '\t' && c != ',' && c != '|' && c != '*' && c != '_' && c != '-' &&
            c != '.') {
            ++other;
        }
    }
    return other <= tag_bytes;
}

std::string normalize_hashtag(std::string_view raw) {
    std::string out = "#";
    bool has_letter = false;
    std::size_t pos = 0;
    while (pos < raw.size()) {
        std::size_t len = 0;
        const char32_t cp = code_point_at(raw, pos, len);
        if (is_tag_char(cp)) {
            out.append(raw.substr(pos, len));
            has_letter = has_letter || text::is_letter_or_mark(cp);
        }
        pos += len;
    }
    return has_letter ? out : std::string();
}

std::vector<std::string> hashtags_from_list(std::string_view value) {
    auto tags = extract_hashtags(value);
    if (!tags.empty()) {
        return tags;
    }
    // "AI, SaaS, Product Led": comma separated names without '#'.
    std::size_t start = 0;
    while (start <= value.size()) {
        auto end = value.find(',', start);
        if (end == std::string_view::npos) {
            end = value.size();
        }
        const std::string tag = normalize_hashtag(text::trim(value.substr(start, end - start)));
        if (!tag.empty() && tag.size() <= 64) {
            tags.push_back(tag);
        }
        start = end + 1;
    }
    return tags;
}

}  // namespace swarm::core::parse
