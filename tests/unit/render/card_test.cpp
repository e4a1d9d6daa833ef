// Social cards: exact sizes, golden images, determinism, nothing drawn outside the margins
// however long the text, colour emoji, refusals.
#include "render/cairo_renderer.hpp"
#include "render/card_layout.hpp"
#include "render/fonts.hpp"
#include "render/text_fit.hpp"
#include "unit/render/render_test_support.hpp"

#include <string>
#include <thread>
#include <vector>

#include <cairo.h>
#include <gtest/gtest.h>

namespace swarm::render {
namespace {

using core::ErrorCode;
using core::Platform;
using test::png_size;
using test::sample_card;

std::unique_ptr<CairoRenderer> make_renderer() {
    auto renderer = CairoRenderer::create();
    EXPECT_TRUE(renderer.has_value()) << (renderer ? "" : core::describe(renderer.error()));
    return std::move(*renderer);
}

std::string long_headline() {
    std::string text;
    for (int i = 0; i < 40; ++i) {
        text += "Utility crews finally stop retyping their notes every single evening ";
    }
    return text + "Supercalifragilisticexpialidociouslyunbreakablewordthatgoesonandonandon";
}

TEST(CardTest, SizesAreExactPerPlatform) {
    auto renderer = make_renderer();
    for (const auto& [platform, width, height] :
         {std::tuple{Platform::kLinkedIn, 1200, 627}, std::tuple{Platform::kTwitter, 1200, 675},
          std::tuple{Platform::kLinkedIn, 400, 300}, std::tuple{Platform::kTwitter, 16, 16}}) {
        core::CardSpec spec = sample_card(platform);
        spec.width = width;
        spec.height = height;
        const auto card = renderer->card(spec);
        ASSERT_TRUE(card.has_value()) << core::describe(card.error());
        EXPECT_EQ(png_size(card->bytes), std::pair(width, height));
        EXPECT_EQ(card->width, width);
        EXPECT_EQ(card->height, height);
    }
}

TEST(CardTest, LinkedInCardMatchesGolden) {
    const auto card = make_renderer()->card(sample_card(Platform::kLinkedIn));
    ASSERT_TRUE(card.has_value());
    EXPECT_EQ(test::compare_golden("card_linkedin", card->bytes), "");
}

TEST(CardTest, XCardWithEmojiAndNoFigureMatchesGolden) {
    core::CardSpec spec = sample_card(Platform::kTwitter);
    spec.headline = "Ship field reports from the truck \U0001F69A\u26A1 no typing needed";
    spec.figure.clear();
    spec.figure_label.clear();
    spec.palette.background = {0xFF, 0xFB, 0xEB};
    spec.palette.text = {0x1C, 0x19, 0x17};
    spec.palette.accent = {0xEA, 0x58, 0x0C};
    spec.palette.muted = {0x78, 0x71, 0x6C};
    const auto card = make_renderer()->card(spec);
    ASSERT_TRUE(card.has_value());
    EXPECT_EQ(test::compare_golden("card_x_emoji", card->bytes), "");
}

TEST(CardTest, SameSpecGivesSameBytes) {
    auto renderer = make_renderer();
    const auto a = renderer->card(sample_card(Platform::kLinkedIn));
    const auto b = renderer->card(sample_card(Platform::kLinkedIn));
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->bytes, b->bytes);
}

TEST(CardTest, LongTextNeverLeavesTheMargins) {
    core::CardSpec spec = sample_card(Platform::kLinkedIn);
    spec.headline = long_headline();
    spec.figure = "$1,234,567,890.00";
    spec.figure_label = long_headline();
    spec.brand_name = "Fieldnote Incorporated International Holdings of Everything Limited";
    const auto card = make_renderer()->card(spec);
    ASSERT_TRUE(card.has_value());
    const test::Pixels pixels = test::decode_png(card->bytes);
    const int m = card_margin(spec.width, spec.height);
    const auto& bg = spec.palette.background;
    const std::uint32_t background =
        0xFF000000U | (std::uint32_t{bg.r} << 16U) | (std::uint32_t{bg.g} << 8U) | bg.b;
    int outside = 0;
    int inside = 0;
    for (int y = 0; y < pixels.height; ++y) {
        for (int x = 0; x < pixels.width; ++x) {
            const bool in_margin =
                x < m || y < m || x >= pixels.width - m || y >= pixels.height - m;
            const bool drawn = pixels.at(x, y) != background;
            (in_margin ? outside : inside) += drawn ? 1 : 0;
        }
    }
    EXPECT_EQ(outside, 0) << "pixels drawn in the margins";
    EXPECT_GT(inside, 10000) << "the text must still be drawn";
}

TEST(CardTest, LayoutReportsFitAndTruncation) {
    auto session = FontSession::create({});
    ASSERT_TRUE(session.has_value());
    PangoContext* context = (*session)->context();
    for (const bool long_text : {false, true}) {
        core::CardSpec spec = sample_card(Platform::kTwitter);
        if (long_text) {
            spec.headline = long_headline();
        }
        const Scene scene = layout_card(context, spec, nullptr);
        const double m = card_margin(spec.width, spec.height);
        bool any_truncated = false;
        for (const SceneItem& item : scene.items) {
            const auto* block = std::get_if<TextBlock>(&item);
            if (block == nullptr) {
                continue;
            }
            EXPECT_GE(block->box.x, m);
            EXPECT_GE(block->box.y, m);
            EXPECT_LE(block->box.x + block->box.w, spec.width - m + 0.01);
            EXPECT_LE(block->box.y + block->box.h, spec.height - m + 0.01);
            EXPECT_LE(block_height(context, *block), block->box.h + 0.5);
            any_truncated = any_truncated || block->truncated;
        }
        EXPECT_EQ(any_truncated, long_text);
    }
}

TEST(CardTest, EmojiAreDrawnInColour) {
    core::CardSpec spec = sample_card(Platform::kLinkedIn);
    spec.headline = "\U0001F353\U0001F353\U0001F353";  // strawberries: red, not in the palette
    spec.figure.clear();
    spec.palette.accent = spec.palette.muted;
    const auto card = make_renderer()->card(spec);
    ASSERT_TRUE(card.has_value());
    const test::Pixels pixels = test::decode_png(card->bytes);
    int red = 0;
    for (const std::uint32_t p : pixels.argb) {
        const auto r = (p >> 16U) & 0xFFU;
        const auto g = (p >> 8U) & 0xFFU;
        const auto b = p & 0xFFU;
        red += (r > 180 && g < 90 && b < 90) ? 1 : 0;
    }
    EXPECT_GT(red, 500);
}

TEST(CardTest, BackgroundImageIsUsedAndDarkened) {
    auto renderer = make_renderer();
    // A bright yellow picture: the card must be darker than it but not the flat palette.
    core::CardSpec spec = sample_card(Platform::kLinkedIn);
    const std::string yellow_png = [&] {
        auto* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 64, 32);
        auto* cr = cairo_create(surface);
        cairo_set_source_rgb(cr, 1, 1, 0);
        cairo_paint(cr);
        cairo_destroy(cr);
        return test::png_of_surface(surface);
    }();
    spec.background_png = yellow_png;
    const auto card = renderer->card(spec);
    ASSERT_TRUE(card.has_value()) << core::describe(card.error());
    const std::uint32_t corner = test::decode_png(card->bytes).at(spec.width - 2, spec.height - 2);
    const auto r = (corner >> 16U) & 0xFFU;
    EXPECT_GT(r, 60U);
    EXPECT_LT(r, 200U);
}

TEST(CardTest, RefusesBadSpecsNamingTheField) {
    auto renderer = make_renderer();
    core::CardSpec spec = sample_card(Platform::kLinkedIn);
    spec.width = 10;
    auto result = renderer->card(spec);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(result.error().field, "width");
    spec = sample_card(Platform::kLinkedIn);
    spec.height = 9000;
    EXPECT_EQ(renderer->card(spec).error().field, "height");
    spec = sample_card(Platform::kLinkedIn);
    spec.headline = "  \n ";
    EXPECT_EQ(renderer->card(spec).error().field, "headline");
    spec = sample_card(Platform::kLinkedIn);
    spec.background_png = "not an image";
    result = renderer->card(spec);
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(result.error().field, "background_png");
}

TEST(CardTest, ConcurrentRendersGiveTheSameBytes) {
    auto renderer = make_renderer();
    const auto expected = renderer->card(sample_card(Platform::kTwitter));
    ASSERT_TRUE(expected.has_value());
    std::vector<std::string> results(8);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < results.size(); ++i) {
        threads.emplace_back([&, i] {
            const auto card = renderer->card(sample_card(Platform::kTwitter));
            results[i] = card ? card->bytes : std::string();
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    for (const std::string& bytes : results) {
        EXPECT_EQ(bytes, expected->bytes);
    }
}

TEST(CardTest, InvalidUtf8IsDrawnNotRefused) {
    core::CardSpec spec = sample_card(Platform::kLinkedIn);
    spec.headline = "Broken \xC3\x28 bytes \xFF still draw";
    const auto card = make_renderer()->card(spec);
    ASSERT_TRUE(card.has_value());
    EXPECT_EQ(png_size(card->bytes), std::pair(1200, 627));
}

TEST(CardTest, MissingFontNamesItsDebianPackage) {
    FontFiles fonts;
    fonts.emoji = "/nonexistent/NotoColorEmoji.ttf";
    auto renderer = CairoRenderer::create(fonts);
    ASSERT_FALSE(renderer.has_value());
    EXPECT_EQ(renderer.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_NE(renderer.error().message.find("fonts-noto-color-emoji"), std::string::npos);
    fonts = {};
    fonts.regular = "/nonexistent/DejaVuSans.ttf";
    renderer = CairoRenderer::create(fonts);
    ASSERT_FALSE(renderer.has_value());
    EXPECT_NE(renderer.error().message.find("fonts-dejavu-core"), std::string::npos);
}

}  // namespace
}  // namespace swarm::render
