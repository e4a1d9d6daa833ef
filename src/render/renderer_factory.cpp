#include "render/renderer_factory.hpp"

#include "render/cairo_renderer.hpp"

namespace swarm::render {

core::Result<std::unique_ptr<core::Renderer>> make_cairo_renderer() {
    SWARM_TRY_ASSIGN(auto renderer, CairoRenderer::create());
    return std::unique_ptr<core::Renderer>(std::move(renderer));
}

}  // namespace swarm::render
