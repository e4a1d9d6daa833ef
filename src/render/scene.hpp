// A laid-out visual: filled shapes and fitted text blocks in pixel coordinates. Layout code
// builds it once; the painter draws it with cairo (PNG and PDF) and the PPTX writer turns the
// same boxes into shapes, so the three formats agree.
#pragma once

#include "core/ports/renderer.hpp"
#include "render/handles.hpp"

#include <string>
#include <variant>
#include <vector>

namespace swarm::render {

struct Rect {
    double x = 0;
    double y = 0;
    double w = 0;
    double h = 0;
};

enum class Align { kLeft, kCenter, kRight };
enum class Anchor { kTop, kMiddle, kBottom };
/// What a block is for: PPTX writes the title as the slide's title placeholder.
enum class TextRole { kPlain, kTitle };

/// Text in a box. Sizes are pixels, which are points at 72 dpi (1 px = 1 pt on a slide).
struct TextBlock {
    Rect box;
    std::vector<std::string> paragraphs;
    double size = 0;  // font size chosen by fit_block
    bool bold = false;
    core::Rgb color;
    Align align = Align::kLeft;
    Anchor anchor = Anchor::kTop;
    bool bullets = false;  // a dot before each paragraph, text indented by one em
    core::Rgb bullet_color;
    double paragraph_gap = 0.45;  // em between paragraphs
    bool single_line = false;     // shrink rather than wrap (figures, brand lines, page numbers)
    int max_lines = 0;            // per paragraph, set when fitting had to ellipsize; 0: no limit
    bool truncated = false;       // fitting ellipsized or dropped text
    TextRole role = TextRole::kPlain;
};

struct Shape {
    Rect box;
    core::Rgb color;
    double alpha = 1.0;
    bool ellipse = false;
};

using SceneItem = std::variant<Shape, TextBlock>;

struct Scene {
    int width = 0;
    int height = 0;
    core::Rgb background;
    SurfacePtr background_image;    // optional, drawn covering the canvas, then darkened
    double background_shade = 0.0;  // alpha of the background colour laid over the image
    std::vector<SceneItem> items;
};

}  // namespace swarm::render
