#include "app/visuals.hpp"

#include "app/image_settings.hpp"
#include "render/renderer_factory.hpp"

#include <fmt/format.h>

namespace swarm::app {

core::Result<Visuals> configure_visuals(const EnvLookup& env, bool enabled) {
    Visuals visuals;
    if (!enabled) {
        visuals.description = "off";
        return visuals;
    }
    SWARM_TRY_ASSIGN(auto image, configure_image_model(env));
    SWARM_TRY_ASSIGN(auto renderer, render::make_cairo_renderer());
    visuals.renderer = std::move(renderer);
    visuals.image_model = image.model;
    visuals.description = fmt::format("cards and decks drawn with cairo; image model: {}",
                                      image.model ? image.description : "none");
    return visuals;
}

core::Result<bool> visuals_enabled(const EnvLookup& env) {
    const auto value = env("CONTENT_SWARM_VISUALS");
    if (!value || value->empty() || *value == "on") {
        return true;
    }
    if (*value == "off") {
        return false;
    }
    return core::fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("must be on or off, got \"{}\"", *value),
                      "CONTENT_SWARM_VISUALS");
}

}  // namespace swarm::app
