#include "render/renderer_factory.hpp"

#include "render/cairo_renderer.hpp"

namespace swarm::render {

core::Result<std::unique_ptr<core::Renderer>> make_cairo_renderer() {
    auto renderer = CairoRenderer::create();
    if (!renderer) {
        return tl::unexpected(renderer.error());
    }
    return std::unique_ptr<core::Renderer>(std::move(*renderer));
}

}  // namespace swarm::render
