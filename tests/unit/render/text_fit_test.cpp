// fit_block: the largest size that fits, the floor, ellipsis as the last resort.
#include "render/text_fit.hpp"

#include "render/fonts.hpp"

#include <gtest/gtest.h>

namespace swarm::render {
namespace {

class TextFitTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto made = FontSession::create({});
        ASSERT_TRUE(made.has_value());
        session_ = std::move(*made);
    }

    PangoContext* context() const { return session_->context(); }

    static TextBlock block(std::string text, double w, double h) {
        TextBlock b;
        b.box = {0, 0, w, h};
        b.paragraphs = {std::move(text)};
        return b;
    }

    std::unique_ptr<FontSession> session_;
};

TEST_F(TextFitTest, ShortTextKeepsTheLargestSize) {
    TextBlock b = block("Hello", 800, 200);
    EXPECT_TRUE(fit_block(context(), b, 72, 30));
    EXPECT_EQ(b.size, 72);
    EXPECT_FALSE(b.truncated);
}

TEST_F(TextFitTest, PicksTheLargestSizeThatFits) {
    TextBlock b = block("A sentence that needs a few lines in a narrow box", 400, 150);
    ASSERT_TRUE(fit_block(context(), b, 120, 8));
    EXPECT_LE(block_height(context(), b), 150.5);
    TextBlock bigger = b;
    bigger.size = b.size + 1;
    EXPECT_GT(block_height(context(), bigger), 150.5);
}

TEST_F(TextFitTest, EllipsizesOnlyAtTheFloor) {
    std::string text;
    for (int i = 0; i < 200; ++i) {
        text += "words ";
    }
    TextBlock b = block(text, 500, 100);
    EXPECT_FALSE(fit_block(context(), b, 60, 20));
    EXPECT_EQ(b.size, 20);
    EXPECT_TRUE(b.truncated);
    EXPECT_GT(b.max_lines, 0);
    EXPECT_LE(block_height(context(), b), 100.5);
}

TEST_F(TextFitTest, UnbreakableWordsWrapInsideTheWidth) {
    TextBlock b = block(std::string(300, 'W'), 300, 400);
    fit_block(context(), b, 40, 10);
    const LayoutPtr layout = paragraph_layout(context(), b, 0);
    PangoRectangle logical{};
    pango_layout_get_pixel_extents(layout.get(), nullptr, &logical);
    EXPECT_LE(logical.width, 301);
}

TEST_F(TextFitTest, CleanTextRepairsUtf8AndControls) {
    EXPECT_EQ(clean_text("  a\tb\x01"
                         "c  ",
                         false),
              "a b c");
    EXPECT_EQ(clean_text("line\nnext", true), "line\nnext");
    EXPECT_EQ(clean_text("line\nnext", false), "line next");
    EXPECT_EQ(clean_text("bad \xFF!", false), "bad \xEF\xBF\xBD!");
}

}  // namespace
}  // namespace swarm::render
