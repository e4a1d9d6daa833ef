// The social card's layout: headline, optional key-figure block, brand line, accent rule, in
// proportion to the card's size so any width x height works.
#pragma once

#include "core/ports/renderer.hpp"
#include "render/scene.hpp"

#include <pango/pango.h>

namespace swarm::render {

/// Margin of every card side; everything drawn except the background stays inside it.
int card_margin(int width, int height);

/// Lays out the card; `background` (already width x height, or null) becomes the darkened
/// background picture.
Scene layout_card(PangoContext* context, const core::CardSpec& spec, SurfacePtr background);

}  // namespace swarm::render
