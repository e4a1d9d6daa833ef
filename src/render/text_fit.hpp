// Fitting text into a box: wrap at words (characters inside over-long words), pick the largest
// font size that fits by binary search down to a floor, and only then ellipsize.
#pragma once

#include "render/handles.hpp"
#include "render/scene.hpp"

#include <cstddef>
#include <string>
#include <string_view>

#include <pango/pango.h>

namespace swarm::render {

/// The pango layout of one paragraph exactly as the painter draws it.
LayoutPtr paragraph_layout(PangoContext* context, const TextBlock& block, std::size_t index);

/// Width available to the text (the box minus the bullet indent).
double text_width(const TextBlock& block);

/// Height of all paragraphs and the gaps between them at the block's current size.
double block_height(PangoContext* context, const TextBlock& block);

/// Sets block.size to the largest whole size in [min_size, max_size] at which the text fits the
/// box; at the floor, limits lines per paragraph (ellipsized) and sets `truncated`. Returns true
/// when everything fits without ellipsis.
bool fit_block(PangoContext* context, TextBlock& block, double max_size, double min_size);

/// Valid UTF-8 without control characters (newlines kept only when `keep_newlines`).
std::string clean_text(std::string_view text, bool keep_newlines);

}  // namespace swarm::render
