// The fixed parts of a PPTX package (Office Open XML, ECMA-376): content types, relationships,
// presentation, one theme, one slide master and layout, the notes master, document properties.
// Slides and notes pages come from pptx_writer.
#pragma once

#include "core/ports/renderer.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace swarm::render::pptx {

inline constexpr std::string_view kXmlHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
inline constexpr std::string_view kNamespaces =
    " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
    " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
    " xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";

/// Text made safe for XML element content and attribute values.
std::string escape(std::string_view text);

/// "0F172A".
std::string hex(const core::Rgb& colour);

/// One relationship element; `type` is the last segment of an officeDocument relationship type.
std::string relationship(std::string_view id, std::string_view type, std::string_view target);

/// A whole .rels part around relationship elements.
std::string relationships(std::string_view body);

/// Slide and notes counts decide the overrides.
std::string content_types(std::size_t slides, const std::vector<bool>& has_notes);
std::string package_rels();
std::string core_properties(std::string_view title);
std::string app_properties(std::size_t slides, std::size_t notes);
std::string presentation(std::size_t slides, std::int64_t cx, std::int64_t cy);
std::string presentation_rels(std::size_t slides);
std::string theme(const core::Palette& palette);
std::string slide_master();
std::string slide_master_rels();
std::string slide_layout();
std::string slide_layout_rels();
std::string notes_master();
std::string notes_master_rels();
std::string pres_props();
std::string view_props();
std::string table_styles();

/// The empty group header every spTree starts with.
std::string_view tree_header();

}  // namespace swarm::render::pptx
