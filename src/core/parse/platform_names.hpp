// Recognises a platform name phrase ("LinkedIn Post (Improved)", "X/Twitter Thread", "𝕏",
// "Investor Deck") in simplified text: the grammar shared by headers, JSON keys and XML-like tags.
#pragma once

#include "core/model/platform.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace swarm::core::parse {

/// What the words around a platform name say about the section.
struct NameFlags {
    bool revised = false;    // improved / revised / updated / final / version 2 ...
    bool continued = false;  // continued / part 2 ...
    bool ordinal = false;    // "Twitter Post 2", "Option 2": one of several numbered variants
    bool thread = false;     // thread / tweets: the section says it is a thread
    bool example = false;    // example / sample / template: echoed instructions, not content
};

struct NameMatch {
    Platform platform = Platform::kLinkedIn;
    NameFlags flags;
    bool generic = false;        // "tweet", "thread", "deck", "li", "x": needs markup as a header
    bool label_form = false;     // "platform: linkedin"
    std::size_t name_start = 0;  // index in the simplified text where the name begins
    std::size_t inline_start = std::string_view::npos;  // content after a separator, if any
    char separator = '\0';
    std::size_t separator_pos = std::string_view::npos;  // index of the separator, if any
    bool words_after_separator = false;  // "LinkedIn - Final": qualifiers after the separator
};

/// Matches simplified text (see normalize()) of the form
///   [platform:] [numbering] [final|revised|the|for ...] NAME [qualifiers] [(...)] [SEP inline]
/// Anything else after the name (a sentence that merely mentions LinkedIn) does not match.
std::optional<NameMatch> match_platform_phrase(std::string_view simplified);

/// Flags carried by free text such as a parenthetical or a JSON key suffix.
NameFlags flags_from_words(std::string_view simplified);

}  // namespace swarm::core::parse
