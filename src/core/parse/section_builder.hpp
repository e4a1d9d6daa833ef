// Turns one raw platform section into a publishable item: cleanup, reasoning and placeholder
// removal, thread/deck splitting, body rendering and hashtags; or says why there is none.
#pragma once

#include "core/model/content_item.hpp"
#include "core/parse/raw_section.hpp"

#include <optional>
#include <string>
#include <vector>

namespace swarm::core::parse {

struct SectionCandidate {
    std::optional<ContentItem> item;
    std::string failure;  // when no item: "parse.reasoning_only", "parse.placeholder",
                          // "parse.empty_section"
    std::string failure_message;
    std::vector<Issue> issues;  // e.g. placeholder lines removed from a good section
};

/// Item bodies: a post's text; a thread's posts joined by a blank line; a deck rendered by
/// render_deck(). Hashtags: those in the body in order, then those of "Hashtags:" lines and of
/// JSON lists, deduplicated case-insensitively.
SectionCandidate build_section(const RawSection& raw);

/// Joins posts with a blank line (the body of an X item).
std::string join_posts(const std::vector<Part>& posts);

}  // namespace swarm::core::parse
