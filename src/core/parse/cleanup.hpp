// Removes the scaffolding models wrap around content: separators, code fences, label lines
// (**Content:**, Word count: 212), **Media URLs:** blocks, character counts; collects the tags of
// **Hashtags:** lines.
#pragma once

#include "core/model/platform.hpp"

#include <string>
#include <vector>

namespace swarm::core::parse {

struct Cleaned {
    std::vector<std::string> lines;
    std::vector<std::string> label_hashtags;  // from "Hashtags:" lines, which are removed
};

/// Line-level cleanup of one section. Content labels ("**Content:** text") keep their text;
/// metadata labels and media blocks go. Decks keep "Title:", "Notes:" and "Visual:" lines for
/// the slide splitter.
Cleaned strip_scaffolding(const std::vector<std::string>& lines, Platform platform);

/// Removes a trailing "(245 characters)" / "[212 words]" / "(245/280)" from a line.
std::string strip_count_suffix(std::string_view line);

}  // namespace swarm::core::parse
