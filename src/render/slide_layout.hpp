// Slide layouts, one per SlideKind (title, bullets, big number, two columns, team), on a
// 1920x1080 grid scaled to the deck's size. Text is never smaller than kSlideMinPoints (scaled
// the same way); at most kMaxSlideBullets bullets are drawn, the rest go to the speaker notes.
#pragma once

#include "core/ports/renderer.hpp"
#include "render/scene.hpp"

#include <string>

#include <pango/pango.h>

namespace swarm::render {

/// Smallest text on a 1080-high slide, in points (1 pt = 1 px at 72 dpi).
inline constexpr double kSlideMinPoints = 30.0;
inline constexpr std::size_t kMaxSlideBullets = 5;

struct SlidePlan {
    Scene scene;
    std::string notes;  // the spec's notes, plus anything that was not drawn
};

/// Lays out slide `index` (0-based) of `deck`.
SlidePlan layout_slide(PangoContext* context, const core::DeckSpec& deck, std::size_t index);

/// Side margins of a slide; text and shapes stay inside them.
struct SlideMargins {
    double side = 0;
    double top = 0;
    double bottom = 0;
};

SlideMargins slide_margins(int width, int height);

}  // namespace swarm::render
