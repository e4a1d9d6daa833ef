// Small text helpers shared by the parser units: line splitting, ASCII case-insensitive matching,
// a UTF-8 cursor, markup/list-marker stripping and a normaliser that remembers source offsets.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::parse {

/// True when `w` is one of the words of a fixed list (label, narration and name tables).
template <std::size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view w) {
    return std::find(list.begin(), list.end(), w) != list.end();
}

/// Splits on '\n' (the parser sanitises CR/CRLF first); an empty text gives no lines.
std::vector<std::string> split_lines(std::string_view text);

/// Joins with '\n', trims trailing spaces of every line, keeps at most one blank line between
/// paragraphs and drops blank lines at both ends.
std::string join_paragraphs(const std::vector<std::string>& lines);

bool is_blank(std::string_view line);

/// ASCII case-insensitive comparisons (enough for platform names and English phrases).
bool istarts_with(std::string_view s, std::string_view prefix);
std::size_t ifind(std::string_view haystack, std::string_view needle, std::size_t from = 0);

/// The code point starting at byte `pos` and its length; invalid bytes give U+FFFD, length 1.
char32_t code_point_at(std::string_view s, std::size_t pos, std::size_t& length);

/// Emoji, variation selectors, zero-width joiners, keycaps and tag characters: decoration that
/// headers and markers may carry (for example "💼️" is U+1F4BC U+FE0F).
bool is_emoji_noise(char32_t cp);

/// Removes one leading list marker ("- ", "* ", "• ", "1. ", "1) "); `had_marker` tells.
std::string_view strip_list_marker(std::string_view line, bool& had_marker);

/// Removes leading and trailing emphasis markers (*, _, `, ~) and spaces.
std::string_view strip_emphasis(std::string_view s);

/// Removes leading spaces, emoji and emphasis markers.
std::string_view strip_leading_decoration(std::string_view s);

/// A lower-cased, markup-free form of a short text for matching: ASCII lower-case, emphasis
/// markers and emoji become spaces, dashes become '-', curly quotes become ASCII, spaces are
/// collapsed and trimmed. `origin[i]` / `origin_end[i]` give the source bytes behind text[i].
struct Normalized {
    std::string text;
    std::vector<std::size_t> origin;
    std::vector<std::size_t> origin_end;
};

/// Normalises at most `max_bytes` of `s` (cut at a code point boundary).
Normalized normalize(std::string_view s, std::size_t max_bytes = 512);

/// normalize(s).text.
std::string simplify(std::string_view s, std::size_t max_bytes = 512);

/// Whole-word test on simplified text: `word` occurs bounded by non-alphanumerics.
bool has_word(std::string_view simplified, std::string_view word);

/// The words of a simplified text (split on anything that is not a letter, digit or apostrophe).
std::vector<std::string_view> words_of(std::string_view simplified);
std::vector<std::string_view> words_of(std::string&& simplified) = delete;  // would dangle

/// "---", "***", "___", "===", "───" and the like on a line of their own.
bool is_separator_line(std::string_view line);

/// A Markdown code fence line ("```", "```json", "~~~").
bool is_fence_line(std::string_view line);

/// A "Label: value" line ("**Hashtags:** #a", "Word count: 212", "- Speaker notes: ...").
struct Label {
    std::string name;   // simplified: "hashtags", "word count", "speaker notes"
    std::string value;  // trimmed text after the colon (closing emphasis removed)
};

/// The label of a line, when it starts with a short label followed by ':' (not a URL scheme).
std::optional<Label> split_label(std::string_view line);

/// True when the text holds an http(s) URL or a www. address.
bool contains_url(std::string_view s);

}  // namespace swarm::core::parse
