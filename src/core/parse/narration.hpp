// Detects the model's reasoning and narration ("Let me create...", "Here's the LinkedIn post:",
// "This post is 245 words") so that it is never published as content.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::parse {

/// Where a line sits in its section: edges (start/end) tolerate weaker evidence than the middle,
/// where a line must clearly talk about the writing process to be dropped.
enum class LinePosition { kEdge, kMiddle };

/// `deck` keeps "Notes:" lines, which are speaker notes in a deck.
bool is_narration_line(std::string_view line, LinePosition position, bool deck = false);

/// "(245 characters)", "Tweet 1: 245 chars ✓", "Word count: 212", "~250 words".
bool is_count_line(std::string_view line);

/// Drops narration at both ends of a section, standalone narration paragraphs anywhere, and a
/// closing meta block ("Key changes:" followed by a list). Returns true when anything went.
bool remove_narration(std::vector<std::string>& lines, bool deck = false);

/// Drops narration sentences glued to copy on the first or last line of a section ("... 24% less.
/// Now let me create the X thread.", "Here's the LinkedIn post: Every HVAC owner ...").
bool trim_inline_narration(std::vector<std::string>& lines, bool deck = false);

}  // namespace swarm::core::parse
