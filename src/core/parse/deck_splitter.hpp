// Splits a deck section into slides ("Slide 3: Market", "## Problem", "**1. Problem**" with
// bullets, "Speaker notes:") and renders slides back to the Markdown used as the deck's body.
#pragma once

#include "core/model/content_item.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::parse {

/// The title of a "Slide N" marker line ("## Slide 2 - Market" -> "Market", "Slide 4" -> "").
std::optional<std::string> slide_marker_title(std::string_view line);

/// Slides of a cleaned deck section: title, body (prose), bullets and notes. Slides with
/// nothing in them are dropped.
std::vector<Part> split_deck(const std::vector<std::string>& lines);

/// The deck body: for each slide "## Slide N: Title", its prose, "- bullet" lines and a
/// "Speaker notes: ..." line, slides separated by a blank line.
std::string render_deck(const std::vector<Part>& slides);

}  // namespace swarm::core::parse
