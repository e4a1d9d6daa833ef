// The designer's tools for a process: the cairo renderer (always available, offline) and the
// optional image model from CONTENT_SWARM_IMAGE_*. Shared by generate, render and serve.
#pragma once

#include "app/llm_settings.hpp"
#include "core/ports/image_model.hpp"
#include "core/ports/renderer.hpp"
#include "core/result.hpp"

#include <memory>
#include <string>

namespace swarm::app {

struct Visuals {
    std::shared_ptr<core::Renderer> renderer;       // null when visuals are off
    std::shared_ptr<core::ImageModel> image_model;  // null without CONTENT_SWARM_IMAGE_PROVIDER
    std::string description;  // "cards and decks drawn with cairo; image model openai/gpt-image-1"
};

/// `enabled` false: no renderer, no image model ("off"). Bad image-model settings are errors
/// naming the variable (the CLI exits 2); a missing font package is kFailedPrecondition.
core::Result<Visuals> configure_visuals(const EnvLookup& env, bool enabled);

/// CONTENT_SWARM_VISUALS: "on" (default) or "off" (the server's jobs get no cards, slides or deck
/// files); anything else is kInvalidArgument naming the variable.
core::Result<bool> visuals_enabled(const EnvLookup& env);

}  // namespace swarm::app
