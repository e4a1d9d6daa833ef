// The renderer for the wiring (src/app) without exposing cairo, pango or fontconfig headers: the
// graphics libraries stay private to swarm_render.
#pragma once

#include "core/ports/renderer.hpp"
#include "core/result.hpp"

#include <memory>

namespace swarm::render {

/// A CairoRenderer with the pinned Debian fonts; kFailedPrecondition naming the missing font
/// package when one is not installed.
core::Result<std::unique_ptr<core::Renderer>> make_cairo_renderer();

}  // namespace swarm::render
