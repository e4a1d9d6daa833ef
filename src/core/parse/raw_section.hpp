// A platform section as found in the model output, before cleanup: the text under a header, in
// a tag or in a JSON value, with what its header said (revised, continued, thread).
#pragma once

#include "core/model/content_item.hpp"
#include "core/model/platform.hpp"
#include "core/parse/platform_names.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::parse {

enum class SectionSource { kMarkdown, kTag, kJson, kWholeText };

struct RawSection {
    Platform platform = Platform::kLinkedIn;
    NameFlags flags;
    SectionSource source = SectionSource::kMarkdown;
    std::string body;                   // Markdown-ish text to clean and split
    std::vector<Part> parts;            // posts or slides given explicitly (JSON)
    std::vector<std::string> hashtags;  // given explicitly (JSON)
};

/// What the splitters found in the whole output.
struct SectionScan {
    std::vector<RawSection> sections;
    std::string preamble;  // text before the first section (Markdown only)
    // JSON content without a platform key: usable only when exactly one platform was requested.
    std::optional<RawSection> anonymous;
};

/// Sections under Markdown platform headers; text under a meta header ("## Posting schedule")
/// is dropped, other sub-headings stay inside their section.
SectionScan markdown_sections(std::string_view text);

/// Sections inside XML-like tags (<linkedin>...</linkedin>, <x>, <pitch_deck>, <deck>); an
/// unclosed tag runs to the next platform tag or the end.
SectionScan tag_sections(std::string_view text);

/// Sections of JSON-shaped output (object keyed by platform, list of items, fenced or wrapped in
/// prose); truncated or broken JSON falls back to a lenient scan of "platform": "text" pairs.
SectionScan json_sections(std::string_view text);

}  // namespace swarm::core::parse
