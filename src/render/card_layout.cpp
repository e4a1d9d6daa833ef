#include "render/card_layout.hpp"

#include "render/text_fit.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace swarm::render {
namespace {

TextBlock text(Rect box, std::string content, core::Rgb color, bool bold) {
    TextBlock block;
    block.box = box;
    block.paragraphs.push_back(std::move(content));
    block.color = color;
    block.bold = bold;
    return block;
}

// Shrinks the box to the text's real height, keeping its top.
void hug_height(PangoContext* context, TextBlock& block) {
    block.box.h = std::min(block.box.h, std::ceil(block_height(context, block)));
}

// The key figure (big accent number) and its label, centred as a group in `area`.
void add_figure(PangoContext* context, const core::CardSpec& spec, Rect area, Scene& scene) {
    const double h = spec.height;
    TextBlock figure = text({area.x, area.y, area.w, area.h * 0.55}, clean_text(spec.figure, false),
                            spec.palette.accent, true);
    figure.single_line = true;
    fit_block(context, figure, h * 0.30, h * 0.06);
    hug_height(context, figure);
    const double gap = h * 0.02;
    const std::string label_text = clean_text(spec.figure_label, false);
    TextBlock label = text({area.x, 0, area.w, area.h - figure.box.h - gap}, label_text,
                           spec.palette.text, false);
    double group = figure.box.h;
    if (!label_text.empty()) {
        fit_block(context, label, h * 0.05, h * 0.028);
        hug_height(context, label);
        group += gap + label.box.h;
    }
    figure.box.y = area.y + (area.h - group) / 2;
    label.box.y = figure.box.y + figure.box.h + gap;
    scene.items.emplace_back(std::move(figure));
    if (!label_text.empty()) {
        scene.items.emplace_back(std::move(label));
    }
}

}  // namespace

int card_margin(int width, int height) {
    return std::max(1, static_cast<int>(std::lround(std::min(width, height) * 0.08)));
}

Scene layout_card(PangoContext* context, const core::CardSpec& spec, SurfacePtr background) {
    const double w = spec.width;
    const double h = spec.height;
    const double m = card_margin(spec.width, spec.height);
    Scene scene;
    scene.width = spec.width;
    scene.height = spec.height;
    scene.background = spec.palette.background;
    scene.background_image = std::move(background);
    scene.background_shade = 0.55;

    const double rule_h = std::max(1.0, std::round(h * 0.012));
    scene.items.emplace_back(
        Shape{{m, m, std::max(2.0, std::round(w * 0.06)), rule_h}, spec.palette.accent});
    const double content_w = w - 2 * m;
    double bottom = h - m;
    const std::string brand = clean_text(spec.brand_name, false);
    if (!brand.empty()) {
        const double line_h = std::max(1.0, std::round(h * 0.06));
        TextBlock line =
            text({m, bottom - line_h, content_w, line_h}, brand, spec.palette.muted, true);
        line.anchor = Anchor::kBottom;
        line.single_line = true;
        fit_block(context, line, h * 0.042, h * 0.028);
        scene.items.emplace_back(std::move(line));
        bottom -= line_h + h * 0.04;
    }
    const double top = m + rule_h + h * 0.05;
    const Rect main{m, top, content_w, std::max(1.0, bottom - top)};

    double headline_w = main.w;
    if (!clean_text(spec.figure, false).empty()) {
        const double gap = w * 0.05;
        const double figure_w = main.w * 0.34;
        headline_w = main.w - figure_w - gap;
        const double divider_x = main.x + headline_w + gap / 2;
        scene.items.emplace_back(
            Shape{{divider_x, main.y, std::max(1.0, std::round(w * 0.002)), main.h},
                  spec.palette.muted,
                  0.35});
        add_figure(context, spec, {main.x + main.w - figure_w, main.y, figure_w, main.h}, scene);
    }
    TextBlock headline = text({main.x, main.y, headline_w, main.h}, clean_text(spec.headline, true),
                              spec.palette.text, true);
    headline.anchor = Anchor::kMiddle;
    fit_block(context, headline, h * 0.115, h * 0.045);
    scene.items.emplace_back(std::move(headline));
    return scene;
}

}  // namespace swarm::render
