// UTF-8 helpers shared by the parser and the validators: decoding, NFC, grapheme clusters and the
// Unicode properties they need (letters for hashtags, emoji for X counting). Backed by utf8proc.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::text {

/// Code points of a UTF-8 string; invalid bytes become U+FFFD (one per bad byte).
std::vector<char32_t> decode(std::string_view utf8);

/// Appends the UTF-8 encoding of one code point.
void append_utf8(std::string& out, char32_t cp);

std::string encode(const std::vector<char32_t>& cps);

/// NFC normalisation; invalid input is returned with bad bytes replaced by U+FFFD.
std::string nfc(std::string_view utf8);

/// Extended grapheme clusters (UAX #29), each as its code points.
std::vector<std::vector<char32_t>> graphemes(std::string_view utf8);

/// Unicode general category L* (letters) or M* (marks, needed for scripts such as Devanagari).
bool is_letter_or_mark(char32_t cp);

bool is_digit(char32_t cp);  // Unicode Nd

bool is_space(char32_t cp);  // Unicode Zs plus tab, CR, LF

/// Extended_Pictographic, regional indicators and the like: a cluster holding one is an emoji.
bool is_emoji_component(char32_t cp);

/// Number of code points (not bytes).
std::size_t length(std::string_view utf8);

/// ASCII-only lower-casing, enough for matching platform names and English phrases.
std::string ascii_lower(std::string_view s);

/// Full Unicode case folding (for case-insensitive matching of banned phrases in any script).
std::string fold_case(std::string_view utf8);

/// Trims ASCII and Unicode spaces at both ends.
std::string_view trim(std::string_view s);

}  // namespace swarm::core::text
