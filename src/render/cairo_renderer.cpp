#include "render/cairo_renderer.hpp"

#include "render/card_layout.hpp"
#include "render/deck_export.hpp"
#include "render/image_io.hpp"
#include "render/pptx_writer.hpp"
#include "render/slide_layout.hpp"
#include "render/text_fit.hpp"

namespace swarm::render {
namespace {

core::Result<void> check_size(int width, int height) {
    for (const auto& [value, field] : {std::pair{width, "width"}, std::pair{height, "height"}}) {
        if (value < kMinSide || value > kMaxSide) {
            return core::fail(core::ErrorCode::kInvalidArgument,
                              "must be between " + std::to_string(kMinSide) + " and " +
                                  std::to_string(kMaxSide) + " pixels, got " +
                                  std::to_string(value),
                              field);
        }
    }
    return {};
}

// The texts fitting had to cut, so the designer can report them instead of shipping "…".
std::vector<std::string> truncated_texts(const Scene& scene) {
    std::vector<std::string> out;
    for (const auto& item : scene.items) {
        if (const auto* block = std::get_if<TextBlock>(&item);
            block != nullptr && block->truncated) {
            std::string text;
            for (const auto& paragraph : block->paragraphs) {
                text += (text.empty() ? "" : " / ") + paragraph;
            }
            out.push_back(std::move(text));
        }
    }
    return out;
}

}  // namespace

core::Result<std::unique_ptr<CairoRenderer>> CairoRenderer::create(FontFiles fonts) {
    std::unique_ptr<CairoRenderer> renderer(new CairoRenderer(std::move(fonts)));
    // Loads the fonts once now, so a missing font package shows at startup, not mid-job.
    SWARM_TRY(renderer->fonts_.acquire());
    return renderer;
}

core::Result<core::RenderedImage> CairoRenderer::card(const core::CardSpec& spec) {
    SWARM_TRY(check_size(spec.width, spec.height));
    if (clean_text(spec.headline, true).empty()) {
        return core::fail(core::ErrorCode::kInvalidArgument, "a card needs a headline", "headline");
    }
    SurfacePtr background;
    if (!spec.background_png.empty()) {
        SWARM_TRY_ASSIGN(const auto decoded, decode_image(spec.background_png, "background_png"));
        background = cover_scale(decoded.get(), spec.width, spec.height);
    }
    SWARM_TRY_ASSIGN(auto lease, fonts_.acquire());
    const Scene scene = layout_card(lease.context(), spec, std::move(background));
    auto png = render_png(lease.context(), scene);
    if (png) {
        png->truncated = truncated_texts(scene);
    }
    return png;
}

core::Result<core::RenderedDeck> CairoRenderer::deck(const core::DeckSpec& spec) {
    if (spec.slides.empty() || spec.slides.size() > kMaxSlides) {
        return core::fail(core::ErrorCode::kInvalidArgument,
                          "a deck needs 1 to " + std::to_string(kMaxSlides) + " slides, got " +
                              std::to_string(spec.slides.size()),
                          "slides");
    }
    SWARM_TRY(check_size(spec.width, spec.height));
    SWARM_TRY_ASSIGN(auto lease, fonts_.acquire());
    std::vector<SlidePlan> plans;
    plans.reserve(spec.slides.size());
    core::RenderedDeck out;
    for (std::size_t i = 0; i < spec.slides.size(); ++i) {
        plans.push_back(layout_slide(lease.context(), spec, i));
        SWARM_TRY_ASSIGN(auto png, render_png(lease.context(), plans.back().scene));
        png.truncated = truncated_texts(plans.back().scene);
        out.slides.push_back(std::move(png));
    }
    SWARM_TRY_ASSIGN(out.pdf, render_pdf(lease.context(), spec, plans));
    SWARM_TRY_ASSIGN(out.pptx, write_pptx(spec, plans));
    return out;
}

core::Result<core::RenderedImage> CairoRenderer::fit(std::string_view image_bytes, int width,
                                                     int height) {
    SWARM_TRY(check_size(width, height));
    SWARM_TRY_ASSIGN(auto decoded, decode_image(image_bytes, "image"));
    const SurfacePtr scaled = cover_scale(decoded.get(), width, height);
    decoded.reset();
    SWARM_TRY_ASSIGN(auto png, encode_png(scaled.get()));
    return core::RenderedImage{std::move(png), width, height};
}

}  // namespace swarm::render
