// CairoRenderer: the core::Renderer port on cairo + pango with pinned fonts. Cards and slides
// are laid out once (render/card_layout, render/slide_layout) and painted to PNG, PDF and PPTX.
#pragma once

#include "core/ports/renderer.hpp"
#include "render/fonts.hpp"

#include <memory>

namespace swarm::render {

/// Accepted sizes for cards, decks and fit targets (pixels per side).
inline constexpr int kMinSide = 16;
inline constexpr int kMaxSide = 8192;
inline constexpr std::size_t kMaxSlides = 100;

class CairoRenderer final : public core::Renderer {
public:
    /// kFailedPrecondition naming the missing font and its Debian package.
    static core::Result<std::unique_ptr<CairoRenderer>> create(FontFiles fonts = {});

    core::Result<core::RenderedImage> card(const core::CardSpec& spec) override;
    core::Result<core::RenderedDeck> deck(const core::DeckSpec& spec) override;
    core::Result<core::RenderedImage> fit(std::string_view image_bytes, int width,
                                          int height) override;

private:
    explicit CairoRenderer(FontFiles fonts) : fonts_(std::move(fonts)) {}

    FontPool fonts_;
};

}  // namespace swarm::render
