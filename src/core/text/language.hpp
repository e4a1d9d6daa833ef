// Which human language a brief and its documents are written in: the product writes its fixed
// strings (labels, slide titles, alt text) in that language. Four are supported: en, es, de, fr.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace swarm::core::text {

/// The supported languages' codes, English first (the fallback).
inline constexpr std::array<std::string_view, 4> kLanguages{"en", "es", "de", "fr"};

/// The canonical code ("es") when `value` names a supported language: a code with or without a
/// region ("es", "es-MX", "ES_es") or the language's name in English or in itself ("Spanish",
/// "español"); empty otherwise.
std::string normalize_language(std::string_view value);

/// The language of `text` by stop-word frequency (plus a few letters only one language uses);
/// "en" when the text is too short or no language clearly wins.
std::string detect_language(std::string_view text);

/// The brief's own value when it names a supported language, else the language of `sample_text`.
std::string resolve_language(std::string_view brief_language, std::string_view sample_text);

}  // namespace swarm::core::text
