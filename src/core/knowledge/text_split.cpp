#include "core/knowledge/text_split.hpp"

#include "core/text/utf8.hpp"

#include <algorithm>

namespace swarm::core::knowledge {

namespace {

using text::trim;

bool is_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n';
}

/// Length of a sentence terminator at `i` (". ! ?" or the UTF-8 ellipsis), or 0.
std::size_t terminator_at(std::string_view s, std::size_t i) {
    if (s[i] == '.' || s[i] == '!' || s[i] == '?') {
        return 1;
    }
    return s.substr(i, 3) == "\xE2\x80\xA6" ? 3 : 0;
}

/// Skips closing quotes and brackets after a terminator.
std::size_t skip_closers(std::string_view s, std::size_t i) {
    for (;;) {
        if (i < s.size() && (s[i] == '"' || s[i] == '\'' || s[i] == ')' || s[i] == ']')) {
            ++i;
        } else if (s.substr(i, 3) == "\xE2\x80\x9D" || s.substr(i, 3) == "\xE2\x80\x99") {
            i += 3;  // ” ’
        } else {
            return i;
        }
    }
}

/// Cuts one over-long stretch without sentence breaks into pieces of at most `limit` code points.
void hard_split(std::string_view text, std::size_t limit, std::vector<std::string>& out) {
    while (char_count(text) > limit) {
        std::size_t end = 0;  // byte offset just past `limit` code points
        for (std::size_t chars = 0; end < text.size(); ++end) {
            if (!is_continuation(text[end]) && chars++ == limit) {
                break;
            }
        }
        std::size_t cut = text.substr(0, end).find_last_of(" \t\n");
        if (cut == std::string_view::npos || cut == 0) {
            cut = end;
        }
        out.emplace_back(trim(text.substr(0, cut)));
        text = trim(text.substr(cut));
    }
    if (!text.empty()) {
        out.emplace_back(text);
    }
}

/// Greedy packing of units (joined by one space) into pieces of at most `cap`: the end index
/// of each piece. Every unit must fit the cap on its own.
std::vector<std::size_t> pack(const std::vector<std::size_t>& sizes, std::size_t cap) {
    std::vector<std::size_t> ends;
    std::size_t current = 0;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        if (i > 0 && current + 1 + sizes[i] > cap) {
            ends.push_back(i);
            current = sizes[i];
        } else {
            current += (i > 0 ? 1 : 0) + sizes[i];
        }
    }
    ends.push_back(sizes.size());
    return ends;
}

}  // namespace

std::size_t char_count(std::string_view utf8) {
    return static_cast<std::size_t>(
        std::count_if(utf8.begin(), utf8.end(), [](char c) { return !is_continuation(c); }));
}

std::vector<std::string> split_sentences(std::string_view text) {
    std::vector<std::string> sentences;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::size_t len = terminator_at(text, i);
        if (len == 0) {
            continue;
        }
        const std::size_t end = skip_closers(text, i + len);
        if (end < text.size() && !is_space(text[end])) {
            i = end - 1;
            continue;
        }
        std::size_t next = end;
        while (next < text.size() && is_space(text[next])) {
            ++next;
        }
        if (next < text.size() && text[next] >= 'a' && text[next] <= 'z') {
            i = end - 1;
            continue;
        }
        if (const auto sentence = trim(text.substr(start, end - start)); !sentence.empty()) {
            sentences.emplace_back(sentence);
        }
        start = next;
        i = next == 0 ? 0 : next - 1;
    }
    if (const auto tail = trim(text.substr(std::min(start, text.size()))); !tail.empty()) {
        sentences.emplace_back(tail);
    }
    return sentences;
}

std::vector<std::string> split_to_size(std::string_view text, std::size_t limit) {
    text = trim(text);
    limit = std::max<std::size_t>(limit, 1);
    if (char_count(text) <= limit) {
        return {std::string(text)};
    }
    // Units no longer than the limit: sentences, over-long ones cut at spaces.
    std::vector<std::string> units;
    for (const auto& sentence : split_sentences(text)) {
        hard_split(sentence, limit, units);
    }
    std::vector<std::size_t> sizes;
    std::size_t largest = 0;
    for (const auto& unit : units) {
        sizes.push_back(char_count(unit));
        largest = std::max(largest, sizes.back());
    }
    // The fewest pieces the limit allows, then the smallest cap that still needs no more
    // pieces: even sizes, so a paragraph just over the limit does not leave a one-line tail.
    const std::size_t pieces = pack(sizes, limit).size();
    std::size_t low = largest;
    std::size_t high = limit;
    while (low < high) {
        const std::size_t mid = low + (high - low) / 2;
        if (pack(sizes, mid).size() <= pieces) {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    std::vector<std::string> out;
    std::size_t next = 0;
    for (const std::size_t end : pack(sizes, low)) {
        std::string piece;
        for (; next < end; ++next) {
            piece += piece.empty() ? "" : " ";
            piece += units[next];
        }
        out.push_back(std::move(piece));
    }
    return out;
}

}  // namespace swarm::core::knowledge
