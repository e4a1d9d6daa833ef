// Reasoning and narration detection: what the model says about its work versus real copy.
#include "core/parse/narration.hpp"

#include "core/parse/line_utils.hpp"

#include <gtest/gtest.h>

namespace swarm::core::parse {
namespace {

class Narration : public ::testing::TestWithParam<const char*> {};

TEST_P(Narration, IsDetected) {
    EXPECT_TRUE(is_narration_line(GetParam(), LinePosition::kEdge)) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(
    ModelTalk, Narration,
    ::testing::Values("Let me create the LinkedIn post.", "I'll now validate the posts.",
                      "I will write a thread about the launch.", "Here is the content:",
                      "Here's the LinkedIn post:", "Now, let me draft the deck.", "Sure!",
                      "Sure! Here's the content:", "First, I'll research the company.",
                      "Let me check the character count.", "This post is 245 words.",
                      "All tweets are under 280 characters.", "Let me know if you'd like changes!",
                      "Would you like me to adjust the tone?", "I hope this helps!",
                      "Feel free to tweak the hashtags.", "Certainly.",
                      "I'm going to create three versions.", "Okay, now I'll write the X thread.",
                      "Based on the research, here is the content.", "✅ Hook within 210 characters",
                      "Note: I kept the post under 1,300 characters.",
                      "Key changes:", "I've kept each tweet under 280 characters."));

class Content : public ::testing::TestWithParam<const char*> {};

TEST_P(Content, IsKept) {
    EXPECT_FALSE(is_narration_line(GetParam(), LinePosition::kEdge)) << GetParam();
    EXPECT_FALSE(is_narration_line(GetParam(), LinePosition::kMiddle)) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(
    RealCopy, Content,
    ::testing::Values("Here's what I learned from 30 ride-alongs:", "Let's talk about burnout.",
                      "I'll never forget the day our server went down.",
                      "Let me tell you about our first customer.",
                      "The average founder spends 20 hours on slides.",
                      "We grew 14% month over month.",
                      "Start a 14-day free trial at fieldnote.example.", "✅ 24% less drive time",
                      "Happy to share that we raised our Series A!", "Feel free to reach out.",
                      "First, the numbers: 340 companies."));

TEST(Narration, MiddleOfASectionNeedsClearerEvidence) {
    EXPECT_TRUE(is_narration_line("I will write", LinePosition::kEdge));
    EXPECT_FALSE(is_narration_line("I will write", LinePosition::kMiddle));
    EXPECT_TRUE(is_narration_line("Now let me write the next tweet.", LinePosition::kMiddle));
}

TEST(Narration, CountLines) {
    EXPECT_TRUE(is_count_line("(245 characters)"));
    EXPECT_TRUE(is_count_line("Tweet 1: 245 characters ✓"));
    EXPECT_TRUE(is_count_line("212 words"));
    EXPECT_FALSE(is_count_line("10,000 words written this year, all by hand."));
    EXPECT_FALSE(is_count_line("We wrote 50 words a day."));
}

TEST(Narration, RemovesEdgesAndStandaloneParagraphsButKeepsCopy) {
    auto lines = split_lines(
        "Let me write the post.\n\nSure! Real opening line.\n\nMiddle copy.\n\nNow let me write "
        "the next section.\n\nClosing copy.\n\nThis post is 120 words.\nLet me know if you want "
        "changes.");
    EXPECT_TRUE(remove_narration(lines));
    EXPECT_EQ(join_paragraphs(lines), "Real opening line.\n\nMiddle copy.\n\nClosing copy.");
}

TEST(Narration, ClosingMetaBlockGoes) {
    auto lines = split_lines("Copy line.\n\nKey changes:\n- Stronger hook\n- Added a number");
    EXPECT_TRUE(remove_narration(lines));
    EXPECT_EQ(join_paragraphs(lines), "Copy line.");
}

TEST(Narration, DeckNotesAreNotNarration) {
    auto lines = split_lines("Slide 1: Problem\n- a\nNotes: This slide covers 3 key numbers.");
    remove_narration(lines, true);
    EXPECT_EQ(join_paragraphs(lines),
              "Slide 1: Problem\n- a\nNotes: This slide covers 3 key numbers.");
}

}  // namespace
}  // namespace swarm::core::parse

namespace swarm::core::parse {
namespace {

// Narration about the next piece, whatever the verb; generated from every lead-in, opener, verb
// and piece of output.
TEST(NarrationNextPiece, AnyVerbAfterALeadInIsNarration) {
    for (const char* lead : {"Now", "Next,", "Now,", "Then", "Alright, now"}) {
        for (const char* opener : {"let me", "I'll", "I will", "I'm going to", "let's"}) {
            for (const char* verb : {"move on to", "turn to", "think about", "focus on", "do",
                                     "get to", "tackle", "write"}) {
                for (const char* piece : {"the X thread", "the LinkedIn post", "the pitch deck"}) {
                    const std::string line =
                        std::string(lead) + " " + opener + " " + verb + " " + piece + ".";
                    EXPECT_TRUE(is_narration_line(line, LinePosition::kEdge)) << line;
                    EXPECT_TRUE(is_narration_line(line, LinePosition::kMiddle)) << line;
                }
            }
        }
    }
}

TEST(NarrationNextPiece, ReaderFacingLinesStayCopy) {
    for (const char* line :
         {"Let me know in the comments what you think.", "Let me know if you agree 👇",
          "I'll do a thread on this next week.", "Next, we cut onboarding from 14 days to 2.",
          "Now let me tell you what happened next."}) {
        EXPECT_FALSE(is_narration_line(line, LinePosition::kMiddle)) << line;
    }
    EXPECT_FALSE(
        is_narration_line("Let me know in the comments what you think.", LinePosition::kEdge));
}

}  // namespace
}  // namespace swarm::core::parse
