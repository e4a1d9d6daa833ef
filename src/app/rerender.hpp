// The render use case: re-draws the visuals of a finished result (result.json written by
// `generate`, possibly edited by hand) and rewrites the media files, the items' Markdown files and
// result.json in place, so edits to a post's text or a slide show in its card or slides.
#pragma once

#include "core/ports/image_model.hpp"
#include "core/ports/renderer.hpp"
#include "core/result.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace swarm::app {

struct RenderRequest {
    std::filesystem::path result_file;  // --result: a result.json
    std::optional<std::string> item;    // --item: an item id or a platform name; all when unset
};

struct RenderOutcome {
    std::vector<std::string> rendered;           // ids of the items re-rendered
    std::vector<std::string> notes;              // the designer's fallbacks and failures
    std::vector<std::filesystem::path> written;  // media files, Markdown files, result.json last
};

/// kInvalidArgument naming --result (unreadable, not a result document: the item's field is
/// named, e.g. "items[1].parts[0].bullets") or --item (no such item; the known ids listed).
core::Result<RenderOutcome> run_render(const RenderRequest& request, core::Renderer& renderer,
                                       core::ImageModel* image_model);

}  // namespace swarm::app
