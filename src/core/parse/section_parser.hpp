// The multi-platform parser: splits one model output (Markdown headers in many shapes, JSON,
// XML-like tags) into one item per requested platform, strips scaffolding and reasoning, splits
// threads and decks into parts, and reports what is missing instead of guessing.
#pragma once

#include <string_view>
#include <vector>

#include "core/model/content_item.hpp"
#include "core/model/platform.hpp"

namespace swarm::core {

struct ParseOptions {
    std::vector<Platform> requested;  // never empty for a meaningful parse
};

struct ParseResult {
    std::vector<ContentItem> items;          // in requested order; id, quality, schedule empty
    std::vector<Platform> missing_platforms; // requested but not found (or only reasoning/placeholder)
    double completeness = 0.0;               // found / requested
    std::vector<Issue> warnings;             // location = platform id or "input"
};

/// Pure and total: never throws on any input, never assigns text to a default platform when
/// several were requested.
ParseResult parse_model_output(std::string_view text, const ParseOptions& options);

}  // namespace swarm::core
