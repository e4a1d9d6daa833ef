#include "render/painter.hpp"

#include "render/text_fit.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <pango/pangocairo.h>

namespace swarm::render {
namespace {

void set_colour(cairo_t* cr, const core::Rgb& c, double alpha = 1.0) {
    cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, alpha);
}

void paint_background(cairo_t* cr, const Scene& scene) {
    set_colour(cr, scene.background);
    cairo_paint(cr);
    if (!scene.background_image) {
        return;
    }
    cairo_surface_t* image = scene.background_image.get();
    const double iw = cairo_image_surface_get_width(image);
    const double ih = cairo_image_surface_get_height(image);
    const double scale = std::max(scene.width / iw, scene.height / ih);
    cairo_save(cr);
    cairo_translate(cr, (scene.width - iw * scale) / 2, (scene.height - ih * scale) / 2);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, image, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD);
    cairo_paint(cr);
    cairo_restore(cr);
    // A flat shade plus a gradient darkest where the text sits (left and bottom).
    set_colour(cr, scene.background, scene.background_shade);
    cairo_paint(cr);
    cairo_pattern_t* ramp = cairo_pattern_create_linear(0, 0, scene.width, 0);
    const auto& bg = scene.background;
    cairo_pattern_add_color_stop_rgba(ramp, 0, bg.r / 255.0, bg.g / 255.0, bg.b / 255.0, 0.5);
    cairo_pattern_add_color_stop_rgba(ramp, 1, bg.r / 255.0, bg.g / 255.0, bg.b / 255.0, 0.0);
    cairo_set_source(cr, ramp);
    cairo_paint(cr);
    cairo_pattern_destroy(ramp);
}

void paint_shape(cairo_t* cr, const Shape& shape) {
    set_colour(cr, shape.color, shape.alpha);
    const Rect& r = shape.box;
    if (shape.ellipse) {
        cairo_save(cr);
        cairo_translate(cr, r.x + r.w / 2, r.y + r.h / 2);
        cairo_scale(cr, r.w / 2, r.h / 2);
        cairo_arc(cr, 0, 0, 1, 0, 2 * std::numbers::pi);
        cairo_restore(cr);
    } else {
        cairo_rectangle(cr, r.x, r.y, r.w, r.h);
    }
    cairo_fill(cr);
}

void paint_text(cairo_t* cr, PangoContext* context, const TextBlock& block) {
    if (block.paragraphs.empty()) {
        return;
    }
    const double total = block_height(context, block);
    double y = block.box.y;
    if (block.anchor == Anchor::kMiddle) {
        y += (block.box.h - total) / 2;
    } else if (block.anchor == Anchor::kBottom) {
        y += block.box.h - total;
    }
    const double indent = block.box.w - text_width(block);
    cairo_save(cr);
    // Fitting keeps text inside its box; the clip (2 px of slack for glyph overhang) makes it a
    // guarantee.
    cairo_rectangle(cr, block.box.x - 2, block.box.y - 2, block.box.w + 4, block.box.h + 4);
    cairo_clip(cr);
    for (std::size_t i = 0; i < block.paragraphs.size(); ++i) {
        const LayoutPtr layout = paragraph_layout(context, block, i);
        PangoRectangle logical{};
        pango_layout_get_extents(layout.get(), nullptr, &logical);
        if (block.bullets) {
            const double baseline = pango_layout_get_baseline(layout.get()) / double{PANGO_SCALE};
            set_colour(cr, block.bullet_color);
            cairo_arc(cr, block.box.x + block.size * 0.3, y + baseline - block.size * 0.34,
                      block.size * 0.16, 0, 2 * std::numbers::pi);
            cairo_fill(cr);
        }
        set_colour(cr, block.color);
        cairo_move_to(cr, block.box.x + indent, y);
        pango_cairo_show_layout(cr, layout.get());
        y += logical.height / double{PANGO_SCALE} + block.paragraph_gap * block.size;
    }
    cairo_restore(cr);
}

}  // namespace

void paint_scene(cairo_t* cr, PangoContext* context, const Scene& scene) {
    pango_cairo_update_context(cr, context);
    paint_background(cr, scene);
    for (const SceneItem& item : scene.items) {
        if (const auto* shape = std::get_if<Shape>(&item)) {
            paint_shape(cr, *shape);
        } else {
            paint_text(cr, context, std::get<TextBlock>(item));
        }
    }
}

}  // namespace swarm::render
