#include "render/text_fit.hpp"

#include "render/fonts.hpp"

#include <algorithm>
#include <cmath>
#include <glib.h>

namespace swarm::render {
namespace {

int to_pango(double pixels) {
    return static_cast<int>(std::floor(pixels * PANGO_SCALE));
}

double from_pango(int units) {
    return static_cast<double>(units) / PANGO_SCALE;
}

struct Extent {
    double width = 0;
    double height = 0;
    int lines = 0;
};

Extent paragraph_extent(PangoContext* context, const TextBlock& block, std::size_t index) {
    const LayoutPtr layout = paragraph_layout(context, block, index);
    PangoRectangle logical{};
    pango_layout_get_extents(layout.get(), nullptr, &logical);
    return {from_pango(logical.width), from_pango(logical.height),
            pango_layout_get_line_count(layout.get())};
}

bool fits_now(PangoContext* context, const TextBlock& block) {
    const double width = text_width(block) + 0.5;
    double height = 0;
    for (std::size_t i = 0; i < block.paragraphs.size(); ++i) {
        const Extent extent = paragraph_extent(context, block, i);
        if (extent.width > width || (block.single_line && extent.lines > 1)) {
            return false;
        }
        height += extent.height + (i > 0 ? block.paragraph_gap * block.size : 0.0);
    }
    return height <= block.box.h + 0.5;
}

double line_height(PangoContext* context, const TextBlock& block) {
    TextBlock probe = block;
    probe.paragraphs = {"Hg"};
    probe.max_lines = 0;
    return paragraph_extent(context, probe, 0).height;
}

// At the floor size: the largest per-paragraph line cap (same for all) whose total fits,
// dropping trailing paragraphs when not even one line each fits.
void ellipsize_at_floor(PangoContext* context, TextBlock& block) {
    block.truncated = true;
    const double line = std::max(1.0, line_height(context, block));
    const double gap = block.paragraph_gap * block.size;
    std::size_t count = block.paragraphs.size();
    while (count > 1 &&
           static_cast<double>(count) * line + static_cast<double>(count - 1) * gap > block.box.h) {
        --count;
    }
    block.paragraphs.resize(count);
    std::vector<int> needed;
    for (std::size_t i = 0; i < count; ++i) {
        needed.push_back(paragraph_extent(context, block, i).lines);
    }
    const double room = block.box.h - static_cast<double>(count - 1) * gap;
    const int budget =
        block.single_line ? 1 : std::max(1, static_cast<int>(std::floor(room / line)));
    int cap = budget;
    for (; cap > 1; --cap) {
        int used = 0;
        for (const int need : needed) {
            used += std::min(need, cap);
        }
        if (used <= budget) {
            break;
        }
    }
    for (; cap >= 1; --cap) {
        block.max_lines = cap;
        if (block_height(context, block) <= block.box.h + 0.5 || cap == 1) {
            break;
        }
    }
}

}  // namespace

double text_width(const TextBlock& block) {
    const double indent = block.bullets ? block.size * 1.1 : 0.0;
    return std::max(1.0, block.box.w - indent);
}

LayoutPtr paragraph_layout(PangoContext* context, const TextBlock& block, std::size_t index) {
    LayoutPtr layout(pango_layout_new(context));
    const FontDescPtr desc(pango_font_description_new());
    pango_font_description_set_family(desc.get(), kFontFamilies);
    pango_font_description_set_weight(desc.get(),
                                      block.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(desc.get(), std::max(1.0, block.size) * PANGO_SCALE);
    pango_layout_set_font_description(layout.get(), desc.get());
    pango_layout_set_width(layout.get(), to_pango(text_width(block)));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), block.align == Align::kCenter  ? PANGO_ALIGN_CENTER
                                             : block.align == Align::kRight ? PANGO_ALIGN_RIGHT
                                                                            : PANGO_ALIGN_LEFT);
    if (block.max_lines > 0) {
        pango_layout_set_height(layout.get(), -block.max_lines);
        pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
    }
    const std::string& text = block.paragraphs[index];
    pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
    return layout;
}

double block_height(PangoContext* context, const TextBlock& block) {
    double height = 0;
    for (std::size_t i = 0; i < block.paragraphs.size(); ++i) {
        height += paragraph_extent(context, block, i).height;
        if (i > 0) {
            height += block.paragraph_gap * block.size;
        }
    }
    return height;
}

bool fit_block(PangoContext* context, TextBlock& block, double max_size, double min_size) {
    block.max_lines = 0;
    block.truncated = false;
    int lo = std::max(1, static_cast<int>(std::ceil(min_size)));
    int hi = std::max(lo, static_cast<int>(std::floor(max_size)));
    auto fits = [&](int size) {
        block.size = size;
        return fits_now(context, block);
    };
    if (block.paragraphs.empty() || fits(hi)) {
        block.size = hi;
        return true;
    }
    if (!fits(lo)) {
        block.size = lo;
        ellipsize_at_floor(context, block);
        return false;
    }
    while (hi - lo > 1) {
        const int mid = lo + (hi - lo) / 2;
        (fits(mid) ? lo : hi) = mid;
    }
    block.size = lo;
    return true;
}

std::string clean_text(std::string_view text, bool keep_newlines) {
    gchar* valid = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
    std::string out;
    for (const char* p = valid; *p != '\0'; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c == '\n' && keep_newlines) {
            out += '\n';
        } else if (c < 0x20 || c == 0x7F) {
            out += ' ';
        } else {
            out += *p;
        }
    }
    g_free(valid);
    const auto first = out.find_first_not_of(" \n");
    if (first == std::string::npos) {
        return {};
    }
    return out.substr(first, out.find_last_not_of(" \n") - first + 1);
}

}  // namespace swarm::render
