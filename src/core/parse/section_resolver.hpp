// Builds the requested sections into items and settles conflicts: unrequested platforms,
// repeated sections (revised wins, continued threads merge) and platforms with no section.
#pragma once

#include "core/model/content_item.hpp"
#include "core/parse/raw_section.hpp"

#include <map>
#include <vector>

namespace swarm::core::parse {

/// Duplicate policy, always with a "parse.duplicate_section" warning: a later section marked
/// improved/revised/updated/final wins; X sections marked continued/part N/numbered are merged
/// into one thread; numbered variants of other platforms ("Option 2") keep the first; otherwise
/// the last complete section wins (models rewrite after self-checks). Sections that turn out
/// empty, reasoning-only or placeholder-only never win over one with content.
std::map<Platform, ContentItem> resolve_sections(const std::vector<RawSection>& sections,
                                                 const std::vector<Platform>& wanted,
                                                 std::vector<Issue>& warnings);

}  // namespace swarm::core::parse
