// Painting laid-out scenes into files: one PNG per scene, and the whole deck as one PDF (one
// page per slide, text kept as text so it can be selected and searched).
#pragma once

#include "core/ports/renderer.hpp"
#include "core/result.hpp"
#include "render/slide_layout.hpp"

#include <string>
#include <vector>

#include <pango/pango.h>

namespace swarm::render {

/// The scene on a fresh image surface, encoded as PNG; the surface is freed before returning.
core::Result<core::RenderedImage> render_png(PangoContext* context, const Scene& scene);

/// Every plan as one page of a PDF whose page size is the deck's size in points.
core::Result<std::string> render_pdf(PangoContext* context, const core::DeckSpec& deck,
                                     const std::vector<SlidePlan>& plans);

}  // namespace swarm::render
