// X (twitter-text v3) counting internals: URL spans found the way twitter-text's extractor finds
// them, the per-code-point weight table and the emoji-sequence test on grapheme clusters.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace swarm::core::validate {

/// Half-open range of code point indexes.
struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
};

/// URLs in NFC code points: http(s):// plus a host, or a bare ASCII domain whose TLD is known
/// (a two-label domain on a country TLD needs a path, except .co and .tv), each with its optional
/// port, path and query, trailing punctuation left out.
std::vector<Span> find_urls(std::u32string_view text);

/// Whether a lower-case ASCII label is in the known TLD list (common gTLDs, all ccTLDs in use,
/// and "example", which twitter-text does not know but our sample brief uses).
bool is_known_tld(std::u32string_view label);

/// 1 for U+0000-U+10FF, U+2000-U+200D, U+2010-U+201F, U+2032-U+2037; 2 for everything else.
std::size_t x_code_point_weight(char32_t cp);

/// An emoji sequence counting 2 in all: a cluster led by an Extended_Pictographic code point
/// (except the text-style (C) (R) TM), a flag, or a keycap; never a cluster holding U+FE0E.
bool is_x_emoji_cluster(std::u32string_view cluster);

/// 2 for an emoji sequence, else the sum of its code points' weights.
std::size_t cluster_weight(std::u32string_view cluster);

/// Code points twitter-text rejects outright (U+FFFE, U+FEFF, U+FFFF).
bool is_x_invalid_char(char32_t cp);

}  // namespace swarm::core::validate
