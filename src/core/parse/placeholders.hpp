// Spots template placeholders the model left in ([Insert statistic], [Your Company], {{name}},
// <placeholder>, TBD, Lorem ipsum, XX%) so that they are reported and never published.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace swarm::core::parse {

/// True when the line holds at least one placeholder.
bool has_placeholder(std::string_view line);

/// True when the whole text is a placeholder: "...", "…", "TBD", "Content goes here", or lines
/// that are all placeholders.
bool is_placeholder_only(std::string_view text);

/// Removes every line holding a placeholder; returns how many were removed.
std::size_t remove_placeholder_lines(std::vector<std::string>& lines);

}  // namespace swarm::core::parse
