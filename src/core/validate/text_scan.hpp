// Text scanning shared by the validators: case-folded phrase search with word boundaries and
// offsets back into the original, words, sentences and hashtags in running text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::validate {

/// Code points of a text (invalid bytes become U+FFFD); ASCII takes a fast path.
std::vector<char32_t> code_points(std::string_view utf8);

/// Code points of the NFC form of a text; ASCII, always in NFC, skips normalisation.
std::vector<char32_t> nfc_code_points(std::string_view utf8);

bool is_ascii(std::string_view s);

/// A text prepared for case-insensitive matching: NFC, Unicode case folding, dashes unified to
/// '-', curly apostrophes to '\'', runs of white space collapsed to one space.
struct FoldedText {
    std::u32string text;
    std::vector<std::size_t> origin;  // origin[i]: code point offset in the NFC source of text[i]
};

FoldedText fold_for_match(std::string_view utf8);

/// The folded form alone (for needles and set keys).
std::u32string fold_key(std::string_view utf8);

/// Letters, marks, digits and '_': what a word is made of for boundary checks.
bool is_word_char(char32_t cp);

/// Positions in hay.text where needle occurs as a whole phrase: a boundary is required on a
/// side only where the needle itself begins or ends with a word character.
std::vector<std::size_t> find_phrase(const FoldedText& hay, std::u32string_view needle);

/// Tokens separated by white space that hold at least one letter or digit.
std::size_t count_words(std::string_view utf8);

/// Hashtags written in the text ('#' or U+FF03 not preceded by a word character or '&', then
/// word characters with at least one letter), each returned with a leading '#'.
std::vector<std::string> hashtags_in(std::string_view utf8);

/// Sentences and lines: split after . ! ? … 。！？ followed by white space, and at line breaks.
/// Returned views point into utf8 and are trimmed; empty pieces are dropped.
std::vector<std::string_view> split_sentences(std::string_view utf8);

/// UTF-8 of a UTF-32 string (for messages).
std::string to_utf8(std::u32string_view text);

/// The start of a text, at most max_chars code points, for messages ("Let me create th…").
std::string excerpt(std::string_view utf8, std::size_t max_chars = 60);

/// The NFC text around code points [offset, offset + length), with `context` code points on
/// each side and "…" where it was cut ("…real synergy between…").
std::string excerpt_around(std::string_view utf8, std::size_t offset, std::size_t length,
                           std::size_t context = 20);

}  // namespace swarm::core::validate
