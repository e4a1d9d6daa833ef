// Decides whether one line of model output is a platform header ("### 💼️ LinkedIn Post",
// "**Twitter/X Thread:**", "Platform: X") and what it carries; also spots meta headers.
#pragma once

#include "core/model/platform.hpp"
#include "core/parse/platform_names.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace swarm::core::parse {

struct HeaderMatch {
    Platform platform = Platform::kLinkedIn;
    NameFlags flags;
    std::string inline_content;  // text after "### LinkedIn:" on the same line
    int level = 0;               // 1-6 for '#' headers, 0 otherwise
    bool bold = false;           // **LinkedIn Post:** pseudo-header
    bool plain = false;          // no markup at all ("LinkedIn Post:"): trusted only after a
                                 // blank line (see markdown_sections)
};

/// A line is a platform header only if, once markup, emoji, numbering and suffixes are gone,
/// what remains is a platform name plus optional words such as Post, Content, Thread, Version.
std::optional<HeaderMatch> detect_header(std::string_view line);

/// Number of leading '#' of a Markdown header line (0 when it is not one; "#tag" is not one).
int atx_level(std::string_view line);

/// A header that closes the current section without starting one: "## Posting schedule",
/// "### Validation", "**Character counts:**" - the model's notes after the content.
bool is_meta_header(std::string_view line);

}  // namespace swarm::core::parse
