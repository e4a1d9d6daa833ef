// Word matching shared by the statement rules: lower-cased text, word-start matches, prefix
// patterns ("meeting*"). Internal to src/core/knowledge.
#pragma once

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace swarm::core::knowledge::words {

inline bool is_word_byte(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           static_cast<unsigned char>(c) >= 0x80;
}

// `needle` in `hay` starting at a word start; a trailing '*' allows any word ending, otherwise
// the match must end at a word end.
inline bool has_word(std::string_view hay, std::string_view needle) {
    const bool prefix = needle.ends_with('*');
    if (prefix) {
        needle.remove_suffix(1);
    }
    for (auto pos = hay.find(needle); pos != std::string_view::npos;
         pos = hay.find(needle, pos + 1)) {
        if (pos > 0 && is_word_byte(hay[pos - 1]) && is_word_byte(needle.front())) {
            continue;
        }
        const auto end = pos + needle.size();
        if (prefix || end >= hay.size() || !is_word_byte(hay[end]) ||
            !is_word_byte(needle.back())) {
            return true;
        }
    }
    return false;
}

template <std::size_t N>
inline bool has_any(std::string_view hay, const std::array<std::string_view, N>& needles) {
    return std::any_of(needles.begin(), needles.end(),
                       [&](std::string_view n) { return has_word(hay, n); });
}

template <std::size_t N>
inline bool starts_any(std::string_view hay, const std::array<std::string_view, N>& openers) {
    return std::any_of(openers.begin(), openers.end(), [&](std::string_view o) {
        return hay.starts_with(o) &&
               (hay.size() == o.size() || !is_word_byte(hay[o.size()]) || !is_word_byte(o.back()));
    });
}

}  // namespace swarm::core::knowledge::words
