// The multi-platform parser: splits one model output (Markdown headers in many shapes, JSON,
// XML-like tags) into one item per requested platform, strips scaffolding and reasoning, splits
// threads and decks into parts, and reports what is missing instead of guessing.
#pragma once

#include "core/model/content_item.hpp"
#include "core/model/platform.hpp"

#include <string_view>
#include <vector>

namespace swarm::core {

struct ParseOptions {
    std::vector<Platform> requested;  // never empty for a meaningful parse
};

struct ParseResult {
    /// In requested order; id, quality and schedule are left empty.
    std::vector<ContentItem> items;
    /// Requested but not found (or only reasoning / placeholders).
    std::vector<Platform> missing_platforms;
    /// found / requested (0 when nothing was requested).
    double completeness = 0.0;
    /// location = platform id or "input".
    std::vector<Issue> warnings;
};

/// Pure and total: never throws on any input, never assigns text to a default platform when
/// several were requested.
ParseResult parse_model_output(std::string_view text, const ParseOptions& options);

}  // namespace swarm::core
