// The deck as an editable PPTX: one slide per plan, every text block a real text box (the title
// as the title placeholder), shapes as preset geometry, speaker notes as notes pages. Slide size
// keeps 1 px = 1 pt (12700 EMU) so font sizes match the PNG and PDF exactly.
#pragma once

#include "core/ports/renderer.hpp"
#include "core/result.hpp"
#include "render/slide_layout.hpp"

#include <string>
#include <vector>

namespace swarm::render {

core::Result<std::string> write_pptx(const core::DeckSpec& deck,
                                     const std::vector<SlidePlan>& plans);

}  // namespace swarm::render
