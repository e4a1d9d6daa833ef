// Deck splitting: slide markers, headers, numbered and bold titles, bullets, notes, rendering.
#include "core/parse/deck_splitter.hpp"

#include "core/parse/line_utils.hpp"

#include <gtest/gtest.h>

namespace swarm::core::parse {
namespace {

std::vector<std::string> titles(const std::vector<Part>& slides) {
    std::vector<std::string> out;
    for (const auto& s : slides) {
        out.push_back(s.title);
    }
    return out;
}

using Titles = std::vector<std::string>;

TEST(DeckSplitter, SlideMarkerStyles) {
    EXPECT_EQ(slide_marker_title("Slide 1: Problem"), "Problem");
    EXPECT_EQ(slide_marker_title("## Slide 2 - Market"), "Market");
    EXPECT_EQ(slide_marker_title("**Slide 3: Traction**"), "Traction");
    EXPECT_EQ(slide_marker_title("**Slide 4:** Team"), "Team");
    EXPECT_EQ(slide_marker_title("Slide 5 — Ask"), "Ask");
    EXPECT_EQ(slide_marker_title("Slide 6 (Use of Funds)"), "Use of Funds");
    EXPECT_EQ(slide_marker_title("### Slide 7"), "");
    EXPECT_EQ(slide_marker_title("Slide 8/12: Financials"), "Financials");
    EXPECT_FALSE(slide_marker_title("Slide 3 shows the market size."));
    EXPECT_FALSE(slide_marker_title("Slideshow tips"));
}

TEST(DeckSplitter, BulletsNotesAndBody) {
    const auto slides = split_deck(split_lines(
        "Slide 1: Problem\nDispatch is manual.\n- 3-4 hours a day\n* 38% extra miles\n• 1 in 5 "
        "windows missed\n1. numbered bullet\nSpeaker notes: Start with the photo.\nIt works.\n"
        "Slide 2: Ask\n- $6M\nNotes: Close strong."));
    ASSERT_EQ(slides.size(), 2U);
    EXPECT_EQ(slides[0].body, "Dispatch is manual.");
    EXPECT_EQ(slides[0].bullets,
              (std::vector<std::string>{"3-4 hours a day", "38% extra miles",
                                        "1 in 5 windows missed", "numbered bullet"}));
    EXPECT_EQ(slides[0].notes, "Start with the photo. It works.");
    EXPECT_EQ(slides[1].notes, "Close strong.");
}

TEST(DeckSplitter, HeadersPerSlide) {
    const auto slides = split_deck(split_lines("## Problem\n- a\n### Solution\n- b\n- c"));
    EXPECT_EQ(titles(slides), (Titles{"Problem", "Solution"}));
    EXPECT_EQ(slides[1].bullets.size(), 2U);
}

TEST(DeckSplitter, SubHeadingsInsideMarkedSlidesStayInTheSlide) {
    const auto slides =
        split_deck(split_lines("Slide 1: Market\n### Key numbers\n- $5.1B\nSlide 2: Team\n- Maya"));
    EXPECT_EQ(titles(slides), (Titles{"Market", "Team"}));
    EXPECT_EQ(slides[0].body, "Key numbers");
}

TEST(DeckSplitter, NumberedTitlesFollowedByBullets) {
    const auto slides = split_deck(split_lines("1. Problem\n- a\n- b\n2. Solution\n- c"));
    EXPECT_EQ(titles(slides), (Titles{"Problem", "Solution"}));
    EXPECT_EQ(slides[0].bullets.size(), 2U);
}

TEST(DeckSplitter, BoldTitles) {
    const auto slides = split_deck(split_lines("**Problem**\n- a\n\n**Solution:**\n- b"));
    EXPECT_EQ(titles(slides), (Titles{"Problem", "Solution"}));
}

TEST(DeckSplitter, TitleAndVisualLabels) {
    const auto slides =
        split_deck(split_lines("Slide 1\nTitle: The Problem\nVisual: whiteboard photo\n- a"));
    ASSERT_EQ(slides.size(), 1U);
    EXPECT_EQ(slides[0].title, "The Problem");
    EXPECT_EQ(slides[0].notes, "Visual: whiteboard photo");
}

TEST(DeckSplitter, NoStructureIsOneSlide) {
    const auto slides = split_deck(split_lines("- a\n- b"));
    ASSERT_EQ(slides.size(), 1U);
    EXPECT_EQ(slides[0].bullets.size(), 2U);
}

TEST(DeckSplitter, RenderingIsReadableMarkdown) {
    const std::vector<Part> slides{Part{"Problem", "Manual dispatch.", {"a", "b"}, "Open strong."},
                                   Part{"", "", {"c"}, ""}};
    EXPECT_EQ(render_deck(slides),
              "## Slide 1: Problem\nManual dispatch.\n\n- a\n- b\n\nSpeaker notes: Open strong.\n\n"
              "## Slide 2\n- c");
}

}  // namespace
}  // namespace swarm::core::parse
