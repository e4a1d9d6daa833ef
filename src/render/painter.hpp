// Draws a laid-out Scene onto any cairo surface (image for PNG, PDF page), text through pango
// so the PDF keeps it as real, selectable text.
#pragma once

#include "render/scene.hpp"

#include <cairo.h>
#include <pango/pango.h>

namespace swarm::render {

void paint_scene(cairo_t* cr, PangoContext* context, const Scene& scene);

}  // namespace swarm::render
