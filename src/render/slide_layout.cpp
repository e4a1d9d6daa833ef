#include "render/slide_layout.hpp"

#include "core/text/phrasebook.hpp"
#include "render/text_fit.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <utility>

namespace swarm::render {
namespace {

std::vector<std::string> clean_items(const std::vector<std::string>& items) {
    std::vector<std::string> out;
    for (const std::string& item : items) {
        if (std::string text = clean_text(item, false); !text.empty()) {
            out.push_back(std::move(text));
        }
    }
    return out;
}

// Builds one slide: a 1920x1080 design grid, every length in "design points" times `u_`.
class SlideBuilder {
public:
    SlideBuilder(PangoContext* context, const core::DeckSpec& deck, std::size_t index)
        : context_(context),
          deck_(deck),
          slide_(deck.slides[index]),
          index_(index),
          margins_(slide_margins(deck.width, deck.height)),
          u_(deck.height / 1080.0) {
        scene_.width = deck.width;
        scene_.height = deck.height;
        scene_.background = deck.palette.background;
    }

    SlidePlan build() {
        switch (effective_kind()) {
            case core::SlideKind::kTitle:
                title_slide();
                break;
            case core::SlideKind::kBigNumber:
                big_number();
                break;
            case core::SlideKind::kTwoColumns:
                two_columns();
                break;
            case core::SlideKind::kTeam:
                team();
                break;
            case core::SlideKind::kBullets:
                title_bar();
                bullet_list(keep(clean_items(slide_.bullets)));
                break;
        }
        if (slide_.kind != core::SlideKind::kTitle) {
            footer();
        }
        return {std::move(scene_), notes()};
    }

private:
    // A kind whose own content is missing falls back to the bullet layout.
    core::SlideKind effective_kind() const {
        using core::SlideKind;
        const bool no_figure = clean_text(slide_.figure, false).empty();
        const bool no_columns =
            clean_items(slide_.left).empty() && clean_items(slide_.right).empty();
        if ((slide_.kind == SlideKind::kBigNumber && no_figure) ||
            (slide_.kind == SlideKind::kTwoColumns && no_columns) ||
            (slide_.kind == SlideKind::kTeam && clean_items(slide_.bullets).empty())) {
            return SlideKind::kBullets;
        }
        return slide_.kind;
    }

    double pt(double design) const { return design * u_; }

    std::string_view phrase(core::text::Phrase p) const {
        return core::text::phrase(deck_.language, p);
    }

    double floor_size() const { return kSlideMinPoints * u_; }

    double right() const { return deck_.width - margins_.side; }

    double content_w() const { return deck_.width - 2 * margins_.side; }

    double body_top() const { return pt(350); }

    double body_bottom() const { return deck_.height - margins_.bottom - pt(42) - pt(40); }

    TextBlock make(Rect box, std::vector<std::string> paragraphs, core::Rgb color, bool bold) {
        TextBlock block;
        block.box = box;
        block.paragraphs = std::move(paragraphs);
        block.color = color;
        block.bold = bold;
        block.bullet_color = deck_.palette.accent;
        return block;
    }

    void fit(TextBlock& block, double max_points) {
        fit_block(context_, block, pt(max_points), floor_size());
    }

    void add(TextBlock block) { scene_.items.emplace_back(std::move(block)); }

    void rule(double y, double width) {
        scene_.items.emplace_back(
            Shape{{margins_.side, y, pt(width), std::max(1.0, pt(8))}, deck_.palette.accent});
    }

    // At most kMaxSlideBullets items are drawn; the rest are remembered for the notes.
    std::vector<std::string> keep(std::vector<std::string> items) {
        if (items.size() > kMaxSlideBullets) {
            std::string dropped;
            for (std::size_t i = kMaxSlideBullets; i < items.size(); ++i) {
                dropped += "\n- " + items[i];
            }
            hidden_.push_back(std::string(phrase(core::text::Phrase::kNotShown)) + dropped);
            items.resize(kMaxSlideBullets);
        }
        return items;
    }

    void title_bar() {
        TextBlock title = make({margins_.side, margins_.top, content_w(), pt(190)},
                               {clean_text(slide_.title, false)}, deck_.palette.text, true);
        title.anchor = Anchor::kBottom;
        title.role = TextRole::kTitle;
        fit(title, 72);
        add(std::move(title));
        rule(margins_.top + pt(190) + pt(24), 140);
    }

    void bullet_list(std::vector<std::string> items) {
        if (items.empty()) {
            return;
        }
        TextBlock list = make({margins_.side, body_top(), content_w(), body_bottom() - body_top()},
                              std::move(items), deck_.palette.text, false);
        list.bullets = true;
        list.paragraph_gap = 0.6;
        fit(list, 48);
        add(std::move(list));
    }

    void footer() {
        const double h = pt(42);
        const double y = deck_.height - margins_.bottom - h;
        const double half = content_w() / 2 - pt(20);
        if (std::string brand = clean_text(deck_.brand_name, false); !brand.empty()) {
            TextBlock line = make({margins_.side, y, half, h}, {brand}, deck_.palette.muted, true);
            line.single_line = true;
            fit(line, 30);
            add(std::move(line));
        }
        TextBlock number =
            make({right() - half, y, half, h},
                 {std::to_string(index_ + 1) + " / " + std::to_string(deck_.slides.size())},
                 deck_.palette.muted, false);
        number.align = Align::kRight;
        number.single_line = true;
        fit(number, 30);
        add(std::move(number));
    }

    void title_slide() {
        TextBlock title = make({margins_.side, pt(260), content_w(), pt(350)},
                               {clean_text(slide_.title, false)}, deck_.palette.text, true);
        title.anchor = Anchor::kBottom;
        title.role = TextRole::kTitle;
        fit(title, 110);
        add(std::move(title));
        rule(pt(640), 160);
        std::vector<std::string> lines = clean_items(slide_.bullets);
        if (lines.size() > 2) {
            hidden_.emplace_back(phrase(core::text::Phrase::kNotShownTitle));
            for (std::size_t i = 2; i < lines.size(); ++i) {
                hidden_.back() += "\n- " + lines[i];
            }
            lines.resize(2);
        }
        if (!lines.empty()) {
            TextBlock subtitle = make({margins_.side, pt(690), content_w(), pt(200)},
                                      std::move(lines), deck_.palette.muted, false);
            subtitle.paragraph_gap = 0.3;
            fit(subtitle, 48);
            add(std::move(subtitle));
        }
        if (std::string brand = clean_text(deck_.brand_name, false); !brand.empty()) {
            TextBlock line =
                make({margins_.side, deck_.height - margins_.bottom - pt(56), content_w(), pt(56)},
                     {brand}, deck_.palette.accent, true);
            line.single_line = true;
            fit(line, 40);
            add(std::move(line));
        }
    }

    // The figure, what it measures, and the slide's other bullets under them: a big number
    // never hides the points that support it.
    void big_number() {
        title_bar();
        std::vector<std::string> extra = keep(clean_items(slide_.bullets));
        const bool with_list = !extra.empty();
        const double figure_h = with_list ? pt(220) : pt(360);
        TextBlock figure = make({margins_.side, body_top(), content_w(), figure_h},
                                {clean_text(slide_.figure, false)}, deck_.palette.accent, true);
        figure.align = Align::kCenter;
        figure.anchor = Anchor::kMiddle;
        figure.single_line = true;
        fit(figure, with_list ? 180 : 260);
        add(std::move(figure));
        double y = body_top() + figure_h + pt(20);
        if (std::string label = clean_text(slide_.figure_label, false); !label.empty()) {
            const double h = with_list ? pt(110) : body_bottom() - y;
            TextBlock block =
                make({margins_.side, y, content_w(), h}, {label}, deck_.palette.text, false);
            block.align = Align::kCenter;
            fit(block, with_list ? 44 : 56);
            add(std::move(block));
            y += h + pt(20);
        }
        if (with_list) {
            TextBlock list = make({margins_.side, y, content_w(), body_bottom() - y},
                                  std::move(extra), deck_.palette.text, false);
            list.bullets = true;
            list.paragraph_gap = 0.4;
            fit(list, 40);
            add(std::move(list));
        }
    }

    void two_columns() {
        title_bar();
        const double gap = pt(64);
        const double col_w = (content_w() - gap) / 2;
        const double pad = pt(32);
        const double heading_h = pt(80);
        const std::array<core::Rgb, 2> heading_colors{deck_.palette.accent, deck_.palette.muted};
        const std::array<const std::string*, 2> headings{&slide_.left_heading,
                                                         &slide_.right_heading};
        std::array<std::vector<std::string>, 2> columns{keep(clean_items(slide_.left)),
                                                        keep(clean_items(slide_.right))};
        std::vector<TextBlock> heads;
        std::vector<TextBlock> lists;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const double x = margins_.side + static_cast<double>(c) * (col_w + gap);
            scene_.items.emplace_back(Shape{
                {x, body_top(), col_w, body_bottom() - body_top()}, deck_.palette.text, 0.06});
            heads.push_back(make({x + pad, body_top() + pad, col_w - 2 * pad, heading_h},
                                 {clean_text(*headings[c], false)}, heading_colors[c], true));
            const double list_y = body_top() + pad + heading_h + pt(16);
            lists.push_back(make({x + pad, list_y, col_w - 2 * pad, body_bottom() - pad - list_y},
                                 std::move(columns[c]), deck_.palette.text, false));
            lists.back().bullets = true;
            lists.back().paragraph_gap = 0.5;
        }
        fit_together(heads, 48);
        fit_together(lists, 40);
        for (auto* blocks : {&heads, &lists}) {
            for (TextBlock& block : *blocks) {
                if (!block.paragraphs.empty() && !block.paragraphs.front().empty()) {
                    add(std::move(block));
                }
            }
        }
    }

    // Same size for sibling blocks: the smallest size any of them needs.
    void fit_together(std::vector<TextBlock>& blocks, double max_points) {
        double size = pt(max_points);
        for (TextBlock& block : blocks) {
            fit(block, max_points);
            size = std::min(size, block.size);
        }
        for (TextBlock& block : blocks) {
            fit_block(context_, block, size, floor_size());
        }
    }

    void team();
    std::string notes() const;

    PangoContext* context_;
    const core::DeckSpec& deck_;
    const core::SlideSpec& slide_;
    std::size_t index_;
    SlideMargins margins_;
    double u_;
    Scene scene_;
    std::vector<std::string> hidden_;
};

std::pair<std::string, std::string> split_person(const std::string& entry) {
    for (const std::string_view separator : {", ", " - ", " \u2014 ", " \u2013 ", ": "}) {
        if (const auto at = entry.find(separator); at != std::string::npos) {
            return {entry.substr(0, at), entry.substr(at + separator.size())};
        }
    }
    return {entry, {}};
}

std::string initials(const std::string& name) {
    std::string out;
    bool word_start = true;
    for (std::size_t i = 0; i < name.size() && out.size() < 2; ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (c == ' ') {
            word_start = true;
        } else if (word_start && c < 0x80 && std::isalnum(c) != 0) {
            out += static_cast<char>(std::toupper(c));
            word_start = false;
        } else {
            word_start = false;
        }
    }
    return out;
}

void SlideBuilder::team() {
    title_bar();
    const std::vector<std::string> people = keep(clean_items(slide_.bullets));
    const auto n = static_cast<double>(people.size());
    const double gap = pt(48);
    const double card_w = (content_w() - (n - 1) * gap) / n;
    const double d = std::min(pt(180), card_w * 0.6);
    const double top = body_top() + pt(20);
    std::vector<TextBlock> marks;
    std::vector<TextBlock> names;
    std::vector<TextBlock> roles;
    const double name_y = top + d + pt(28);
    for (std::size_t i = 0; i < people.size(); ++i) {
        const double x = margins_.side + static_cast<double>(i) * (card_w + gap);
        const auto [name, role] = split_person(people[i]);
        const Rect circle{x + (card_w - d) / 2, top, d, d};
        scene_.items.emplace_back(Shape{circle, deck_.palette.accent, 1.0, true});
        marks.push_back(make(circle, {initials(name)}, deck_.palette.background, true));
        marks.back().align = Align::kCenter;
        marks.back().anchor = Anchor::kMiddle;
        marks.back().single_line = true;
        names.push_back(make({x, name_y, card_w, pt(120)}, {name}, deck_.palette.text, true));
        names.back().align = Align::kCenter;
        roles.push_back(make({x, 0, card_w, 0}, {role}, deck_.palette.muted, false));
        roles.back().align = Align::kCenter;
    }
    fit_together(marks, 64);
    fit_together(names, 40);
    // Roles sit right under the tallest name.
    double names_h = 0;
    for (const TextBlock& block : names) {
        names_h = std::max(names_h, block_height(context_, block));
    }
    const double role_y = name_y + std::ceil(names_h) + pt(12);
    for (TextBlock& block : roles) {
        block.box.y = role_y;
        block.box.h = body_bottom() - role_y;
    }
    fit_together(roles, 32);
    for (auto* blocks : {&marks, &names, &roles}) {
        for (TextBlock& block : *blocks) {
            if (!block.paragraphs.front().empty()) {
                add(std::move(block));
            }
        }
    }
}

std::string SlideBuilder::notes() const {
    std::string out = clean_text(slide_.notes, true);
    for (const std::string& text : hidden_) {
        out += (out.empty() ? "" : "\n\n") + text;
    }
    return out;
}

}  // namespace

SlideMargins slide_margins(int width, int height) {
    const double u = height / 1080.0;
    return {width * 0.0625, 96 * u, 72 * u};
}

SlidePlan layout_slide(PangoContext* context, const core::DeckSpec& deck, std::size_t index) {
    return SlideBuilder(context, deck, index).build();
}

}  // namespace swarm::render
